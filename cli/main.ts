import type { CliCommand, CliIo } from './command';
import { CliError } from './command';
import { COMMANDS } from './commands/index';
import { installNodeCrypto } from './crypto/install';

function usage(commands: readonly CliCommand[]): string {
  const lines = ['Usage: casepact <command> [options]', '', 'Commands:'];
  for (const command of commands) {
    lines.push(
      `  ${[...command.path, command.usage].filter(Boolean).join(' ').padEnd(48)} ${command.summary}`,
    );
  }
  return lines.join('\n');
}

/** Picks the command whose words match the longest prefix of argv. */
export function findCommand(
  argv: readonly string[],
  commands: readonly CliCommand[] = COMMANDS,
): { command: CliCommand; rest: readonly string[] } | undefined {
  let best: CliCommand | undefined;
  for (const command of commands) {
    const matches = command.path.every((word, index) => argv[index] === word);
    if (matches && (!best || command.path.length > best.path.length)) best = command;
  }
  return best && { command: best, rest: argv.slice(best.path.length) };
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
};

/** Runs the CLI and returns the exit code. User errors print one line, never a stack. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  installNodeCrypto(); // Node's native Ed25519 signing and large-message AEAD (same bytes as libsodium)
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    io.out(usage(COMMANDS));
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    io.err(`casepact: unknown command "${argv.join(' ')}". Run "casepact help" for the list.`);
    return 2;
  }
  try {
    return await found.command.run(found.rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`casepact: ${error.message}`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`casepact: unexpected error: ${message}`);
    if (io.env.CASEPACT_DEBUG) io.err(error instanceof Error ? (error.stack ?? '') : '');
    return 70;
  }
}
