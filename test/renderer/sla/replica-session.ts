/** A minimal session over a real signed replica, shaped like the app's BrowserCaseSession for SLA code. */
import type { CommandContext } from '../../../shared/contract/context';
import type { Result } from '../../../shared/contract/result';
import { selectContract } from '../../../shared/contract/selectors';
import type { ContractSnapshot } from '../../../shared/contract/views';
import type { CaseReplica } from '../../../shared/signed/replica';

export class ReplicaSession {
  readonly caseId: string;
  readonly me: string;
  private cached: { at: number; snapshot: ContractSnapshot } | undefined;

  constructor(readonly replica: CaseReplica) {
    this.caseId = replica.caseId;
    this.me = replica.identity?.id ?? '';
  }

  /** Like the app's session: the same object until the case changes. */
  snapshot(): ContractSnapshot {
    const at = this.replica.appliedEnvelopes().length;
    if (this.cached?.at !== at) this.cached = { at, snapshot: selectContract(this.replica.contract) };
    return this.cached.snapshot;
  }

  run<T>(command: (ctx: CommandContext) => Result<T>): Result<T> {
    return this.replica.run(command);
  }
}
