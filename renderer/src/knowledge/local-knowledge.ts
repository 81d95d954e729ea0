/**
 * The knowledge index over the cases on this device: every case's title, summary, topics, data
 * items, actions and current resolution summary, searchable with fuzzy matching and field
 * boosts (shared/knowledge, MiniSearch). Kept in memory and updated incrementally: a case is
 * re-indexed only when its snapshot changed.
 */
import { currentResolution } from '../../../shared/contract/commands/resolution';
import type { ContractSnapshot } from '../../../shared/contract/views';
import { knowledgeCaseFromSnapshot } from '../../../shared/knowledge/from-contract';
import { KnowledgeIndex } from '../../../shared/knowledge/knowledge-index';
import type { KnowledgeCase } from '../../../shared/knowledge/types';

/** The index entry of one case (null while the case has not arrived). */
export function knowledgeEntryOf(snapshot: ContractSnapshot): KnowledgeCase | null {
  const resolution = currentResolution(snapshot.resolutions ?? []);
  return knowledgeCaseFromSnapshot(
    snapshot,
    resolution && {
      problem: resolution.problem,
      cause: resolution.cause,
      fix: resolution.fix,
      resolvedAt: resolution.createdAt,
    },
  );
}

/** Something that has a case id and a snapshot (a CaseSession). */
export interface KnowledgeSource {
  readonly caseId: string;
  snapshot(): ContractSnapshot;
}

export class LocalKnowledge {
  readonly index = KnowledgeIndex.create();
  private readonly indexed = new Map<string, ContractSnapshot>();
  private version = 0;

  /** Bumped whenever the index changed: memoise search results on it. */
  get revision(): number {
    return this.version;
  }

  /** Brings the index up to date with these cases (adds, re-indexes changed ones, drops gone ones). */
  sync(sources: Iterable<KnowledgeSource>): void {
    const present = new Set<string>();
    let changed = false;
    for (const source of sources) {
      present.add(source.caseId);
      const snapshot = source.snapshot();
      // Sessions cache their snapshot until the case changes: identity says "unchanged".
      if (this.indexed.get(source.caseId) === snapshot) continue;
      this.indexed.set(source.caseId, snapshot);
      const entry = knowledgeEntryOf(snapshot);
      if (entry && this.index.upsert(entry).ok) changed = true;
    }
    for (const caseId of [...this.indexed.keys()]) {
      if (present.has(caseId)) continue;
      this.indexed.delete(caseId);
      this.index.remove(caseId);
      changed = true;
    }
    if (changed) this.version++;
  }
}
