import { KnowledgeHitCard } from './KnowledgeHitCard';
import { useKnowledgeSearch } from './use-knowledge';

/**
 * The inbox's knowledge search: for the words in the search box, the local cases and resolution
 * summaries that match them best (fuzzy, by relevance), with the matching passage.
 */
export function KnowledgeResults({ query, limit = 5 }: { query: string; limit?: number }) {
  const hits = useKnowledgeSearch(query, limit);
  if (!query.trim()) return null;
  return (
    <section
      className="knowledge-results"
      aria-labelledby="knowledge-results-title"
      data-testid="knowledge-results"
    >
      <h2 id="knowledge-results-title" className="knowledge-results__title">
        From past cases and resolutions
      </h2>
      {hits.length === 0 ? (
        <p className="muted small">Nothing in your cases or their resolutions matches “{query.trim()}”.</p>
      ) : (
        <ul className="knowledge-hits">
          {hits.map((hit) => (
            <KnowledgeHitCard key={hit.caseId} hit={hit} />
          ))}
        </ul>
      )}
    </section>
  );
}
