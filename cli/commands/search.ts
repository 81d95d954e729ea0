import { currentResolution, selectContract } from '../../shared/contract/index';
import { sodiumReady } from '../../shared/crypto/sodium';
import { knowledgeCaseFromSnapshot } from '../../shared/knowledge/from-contract';
import { KnowledgeIndex } from '../../shared/knowledge/knowledge-index';
import type { KnowledgeHit, Snippet } from '../../shared/knowledge/types';
import type { CliCommand } from '../command';
import { CliError } from '../command';
import { CaseStore, listCases } from '../store/case-store';
import { casepactHome } from '../store/home';
import { unlockHomeIdentity } from '../store/identity-store';
import { parseArgs } from './args';

/** The snippet with its matches in [brackets], for a terminal. */
export function markSnippet(snippet: Snippet): string {
  let out = '';
  let from = 0;
  for (const [start, end] of snippet.highlights) {
    out += `${snippet.text.slice(from, start)}[${snippet.text.slice(start, end)}]`;
    from = end;
  }
  return (out + snippet.text.slice(from)).replace(/\s+/g, ' ');
}

function parseLimit(value: string | undefined): number {
  if (value === undefined) return 20;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 500)
    throw new CliError('--limit must be a whole number from 1 to 500', 2);
  return n;
}

export const searchCommand: CliCommand = {
  path: ['search'],
  summary: 'full-text search over every local case and its resolution summary (fuzzy, by relevance)',
  usage: 'QUERY... [--resolved] [--limit N] [--json]',
  async run(args, io) {
    const parsed = parseArgs(args, {
      switches: ['json', 'resolved'],
      options: ['limit'],
      positionals: [1, Number.MAX_SAFE_INTEGER],
    });
    const query = parsed.positionals.join(' ');
    if (query.trim() === '') throw new CliError('the search query is empty', 2);
    const limit = parseLimit(parsed.options.get('limit'));
    await sodiumReady();
    const home = casepactHome(io.env);
    const identity = await unlockHomeIdentity(home, io);
    const index = KnowledgeIndex.create();
    let skipped = 0;
    for (const caseId of listCases(home)) {
      try {
        const opened = CaseStore.open(home, caseId).load(identity);
        const snapshot = selectContract(opened.replica.contract);
        const resolution = currentResolution(snapshot.resolutions);
        const entry = knowledgeCaseFromSnapshot(
          snapshot,
          resolution && {
            problem: resolution.problem,
            cause: resolution.cause,
            fix: resolution.fix,
            resolvedAt: resolution.createdAt,
          },
        );
        opened.replica.destroy();
        if (entry && index.upsert(entry).ok) continue;
        skipped++;
      } catch (error) {
        // A case of another identity, or a damaged folder: search the others, say how many.
        if (!(error instanceof CliError)) throw error;
        skipped++;
      }
    }
    if (skipped > 0)
      io.err(`casepact: note: ${skipped} local case(s) could not be opened and were not searched`);
    const hits: KnowledgeHit[] = index.search(query, {
      limit,
      resolvedOnly: parsed.switches.has('resolved'),
    });
    if (parsed.switches.has('json')) {
      io.out(JSON.stringify({ query, searched: index.size, hits }, null, 2));
      return 0;
    }
    if (hits.length === 0) {
      io.out(`No case matches "${query}" (${index.size} searched)`);
      return 0;
    }
    for (const hit of hits) {
      io.out(`${hit.title}  [${hit.status}${hit.category ? `, ${hit.category}` : ''}]  ${hit.caseId}`);
      if (hit.snippet) io.out(`  ${hit.snippet.field}: ${markSnippet(hit.snippet)}`);
      if (hit.resolution) io.out(`  fix: ${hit.resolution.fix.replace(/\s+/g, ' ')}`);
    }
    return 0;
  },
};
