/** One `casepact` subcommand. Each lives in its own file under cli/commands/. */
export interface CliCommand {
  /** Words that select the command, e.g. ['id', 'new'] or ['sign']. */
  readonly path: readonly string[];
  readonly summary: string;
  /** One line of usage after the command words, e.g. 'CASE --out FILE'. */
  readonly usage: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Where a command writes; tests capture it. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** An error whose message is meant for the user: printed alone, no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
