import type { CliCommand } from '../command';
import { signalCommand } from './signal';

/** Every subcommand of `casepact`. Add one line per command file. */
export const COMMANDS: readonly CliCommand[] = [signalCommand];
