import type { CliCommand } from '../command';
import { signalCommand } from './signal';
import { actionAddCommand } from './action-add';
import { caseListCommand } from './case-list';
import { caseNewCommand } from './case-new';
import { exportCommand } from './export';
import { idNewCommand } from './id-new';
import { idShowCommand } from './id-show';
import { messageCommand } from './message';
import { showCommand } from './show';
import { slaCommand } from './sla';
import { searchCommand } from './search';
import { signCommand } from './sign';
import { verifyCommand } from './verify';
import { syncCommand } from './sync';
import { serveCommand } from './serve';
import { inviteCommand } from './invite';
import { joinCommand } from './join';
import { membersCommand } from './members';
import { memberRemoveCommand } from './member-remove';
import { templateSaveCommand } from './template-save';
import { templateListCommand } from './template-list';
import { templateDeleteCommand } from './template-delete';

/** Every subcommand of `casepact`. Add one line per command file. */
export const COMMANDS: readonly CliCommand[] = [
  idNewCommand,
  idShowCommand,
  caseNewCommand,
  caseListCommand,
  actionAddCommand,
  messageCommand,
  signCommand,
  showCommand,
  slaCommand,
  searchCommand,
  exportCommand,
  verifyCommand,
  syncCommand,
  serveCommand,
  signalCommand,
  inviteCommand,
  joinCommand,
  membersCommand,
  memberRemoveCommand,
  templateSaveCommand,
  templateListCommand,
  templateDeleteCommand,
];
