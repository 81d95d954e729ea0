import type { KnowledgeField, KnowledgeHit, Snippet } from '../../../shared/knowledge/types';
import { routeHash } from '../app/router';
import { Badge } from '../components/Badge';
import './knowledge.css';

const FIELD_WORDS: Readonly<Record<KnowledgeField, string>> = {
  title: 'Title',
  problem: 'Problem',
  fix: 'Fix',
  cause: 'Cause',
  topics: 'Topics',
  summary: 'Summary',
  actions: 'Actions',
  dataItems: 'Data',
  category: 'Category',
};

/** The matching passage with the matched words marked. */
export function SnippetText({ snippet }: { snippet: Snippet }) {
  const parts: { text: string; hit: boolean }[] = [];
  let from = 0;
  for (const [start, end] of snippet.highlights) {
    if (start > from) parts.push({ text: snippet.text.slice(from, start), hit: false });
    parts.push({ text: snippet.text.slice(start, end), hit: true });
    from = end;
  }
  if (from < snippet.text.length) parts.push({ text: snippet.text.slice(from), hit: false });
  return (
    <span className="knowledge-snippet">
      <span className="knowledge-snippet__field">{FIELD_WORDS[snippet.field]}: </span>
      {parts.map((part, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable string, in order
        part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </span>
  );
}

/** One past case found by search: title (a link to it), status, the matching snippet, its fix. */
export function KnowledgeHitCard({ hit, headingLevel = 3 }: { hit: KnowledgeHit; headingLevel?: 3 | 4 }) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <li className="knowledge-hit" data-testid="knowledge-hit">
      <Heading className="knowledge-hit__title">
        <a href={routeHash({ name: 'case', caseId: hit.caseId, tab: 'overview' })}>{hit.title}</a>{' '}
        {hit.resolution ? <Badge tone="ok">Resolved</Badge> : <Badge>{hit.status}</Badge>}
      </Heading>
      {hit.snippet && (
        <p className="small">
          <SnippetText snippet={hit.snippet} />
        </p>
      )}
      {hit.resolution && (
        <p className="knowledge-hit__fix small">
          <strong>Fix:</strong> {hit.resolution.fix}
        </p>
      )}
    </li>
  );
}
