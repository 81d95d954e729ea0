import { useEffect, useMemo, useState } from 'react';
import type { CaseDraft } from '../../../shared/knowledge/types';
import { KnowledgeHitCard } from './KnowledgeHitCard';
import { useKnowledge } from './use-knowledge';

/** Waits until typing pauses, so suggestions do not flicker with every key. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * "Similar resolved cases" for a case being written: resolved local cases whose title, problem,
 * fix… match the new case's title and summary, with the matching passage and the fix — the
 * fastest resolution is one already found.
 */
export function SimilarResolvedCases({ draft, limit = 3 }: { draft: CaseDraft; limit?: number }) {
  const knowledge = useKnowledge();
  // Compared as text: callers pass a fresh object on every render.
  const settled = useSettled(JSON.stringify(draft), 250);
  const revision = knowledge.revision;
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision marks an index change
  const hits = useMemo(() => {
    const text = JSON.parse(settled) as CaseDraft;
    return text.title.trim().length < 3 ? [] : knowledge.index.similarResolved(text, { limit });
  }, [knowledge, revision, settled, limit]);
  if (hits.length === 0) return null;
  return (
    <section className="similar-cases" aria-labelledby="similar-cases-title" data-testid="similar-resolved">
      <h3 id="similar-cases-title" className="similar-cases__title">
        Similar resolved cases
      </h3>
      <p className="muted small">Already solved before? Check these first.</p>
      <ul className="knowledge-hits">
        {hits.map((hit) => (
          <KnowledgeHitCard key={hit.caseId} hit={hit} headingLevel={4} />
        ))}
      </ul>
    </section>
  );
}
