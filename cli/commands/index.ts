import type { CliCommand } from '../command';

/** Every subcommand of `casepact`. Add one line per command file. */
export const COMMANDS: readonly CliCommand[] = [];
