import { useMemo } from 'react';
import type { KnowledgeHit } from '../../../shared/knowledge/types';
import { useCaseLibrary } from '../stores/case-library-store';
import { LocalKnowledge } from './local-knowledge';

/** One index for the whole app: the library's cases, updated as they change. */
const knowledge = new LocalKnowledge();

/** The local knowledge index, synced with the case library at its current revision. */
export function useKnowledge(): LocalKnowledge {
  const sessions = useCaseLibrary((s) => s.sessions);
  const revision = useCaseLibrary((s) => s.revision);
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision marks a change inside any case
  return useMemo(() => {
    knowledge.sync(Object.values(sessions));
    return knowledge;
  }, [sessions, revision]);
}

/** Search-box search over every local case and resolution. */
export function useKnowledgeSearch(query: string, limit = 8): readonly KnowledgeHit[] {
  const index = useKnowledge();
  const revision = index.revision;
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision marks an index change
  return useMemo(
    () => (query.trim() ? index.index.search(query, { limit }) : []),
    [index, revision, query, limit],
  );
}
