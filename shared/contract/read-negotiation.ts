/**
 * Defensive readers for the negotiation side of the document: proposals with their responses,
 * agreement versions with their signatures, and the conversation (see read.ts for the rules).
 */
import * as Y from 'yjs';
import type { ConversationEntry, ProposalResponse, StoredSignature, TermsChange } from './model';
import { num, numOrNull, readAll, str, stringList, strOrNull } from './read';

type Fields = Y.Map<unknown>;
import type { CaseRoots } from './schema';
import { isRecord } from './validate';

/** A proposal's stored fields. */
export interface StoredProposal {
  readonly id: string;
  readonly party: string;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly note: string;
  readonly changes: readonly TermsChange[];
  readonly touched: readonly string[];
  readonly counterOf: string | null;
  readonly responses: ReadonlyMap<string, ProposalResponse>;
  readonly appliedBy: string | null;
  readonly appliedAt: number | null;
  readonly withdrawnBy: string | null;
  readonly withdrawnAt: number | null;
}

function readResponses(v: unknown): Map<string, ProposalResponse> {
  const out = new Map<string, ProposalResponse>();
  if (!(v instanceof Y.Map)) return out;
  (v as Y.Map<unknown>).forEach((resp, party) => {
    if (isRecord(resp) && typeof resp.by === 'string' && typeof resp.at === 'number') {
      const verdict = resp.verdict;
      if (verdict === 'accepted' || verdict === 'rejected' || verdict === 'countered') {
        const counter =
          typeof resp.counterProposalId === 'string' ? { counterProposalId: resp.counterProposalId } : {};
        out.set(party, { verdict, by: resp.by, at: resp.at, ...counter });
      }
    }
  });
  return out;
}

export function readStoredProposals(r: CaseRoots): StoredProposal[] {
  return readAll(r.proposals, (id, m) => {
    const party = str(m, 'party');
    const createdBy = str(m, 'createdBy');
    const createdAt = num(m, 'createdAt');
    const changes = m.get('changes');
    const touched = stringList(m.get('touched'));
    if (!party || !createdBy || createdAt === undefined || !Array.isArray(changes) || !touched)
      return undefined;
    return {
      id,
      party,
      createdBy,
      createdAt,
      note: str(m, 'note') ?? '',
      changes: changes.filter(isRecord) as unknown as TermsChange[],
      touched: touched.sort(),
      counterOf: strOrNull(m, 'counterOf'),
      responses: readResponses(m.get('responses')),
      appliedBy: strOrNull(m, 'appliedBy'),
      appliedAt: numOrNull(m, 'appliedAt'),
      withdrawnBy: strOrNull(m, 'withdrawnBy'),
      withdrawnAt: numOrNull(m, 'withdrawnAt'),
    };
  });
}

export interface StoredAgreement {
  readonly version: number;
  readonly termsHash: string;
  /** Canonical terms JSON the hash covers. */
  readonly terms: string | null;
  readonly openedBy: string | null;
  readonly openedAt: number | null;
  readonly signatures: ReadonlyMap<string, StoredSignature>;
}

export function readStoredAgreements(r: CaseRoots): StoredAgreement[] {
  const out: StoredAgreement[] = [];
  r.agreements.forEach((v, key) => {
    const version = Number(key);
    if (!(v instanceof Y.Map) || !Number.isSafeInteger(version) || version < 1 || String(version) !== key)
      return;
    const m = v as Fields;
    const termsHash = str(m, 'termsHash');
    if (!termsHash) return;
    const signatures = new Map<string, StoredSignature>();
    const sigs = m.get('signatures');
    if (sigs instanceof Y.Map) {
      (sigs as Y.Map<unknown>).forEach((s, member) => {
        if (
          isRecord(s) &&
          typeof s.termsHash === 'string' &&
          typeof s.signature === 'string' &&
          typeof s.at === 'number'
        ) {
          signatures.set(member, { termsHash: s.termsHash, signature: s.signature, at: s.at });
        }
      });
    }
    out.push({
      version,
      termsHash,
      terms: strOrNull(m, 'terms'),
      openedBy: strOrNull(m, 'openedBy'),
      openedAt: numOrNull(m, 'openedAt'),
      signatures,
    });
  });
  return out.sort((a, b) => a.version - b.version);
}

export function readMessages(r: CaseRoots): ConversationEntry[] {
  const out = r.messages
    .toArray()
    .filter(
      (e): e is ConversationEntry =>
        isRecord(e) &&
        typeof e.id === 'string' &&
        (e.kind === 'message' || e.kind === 'system') &&
        typeof e.author === 'string' &&
        typeof e.at === 'number' &&
        typeof e.text === 'string',
    );
  // Copies, so a consumer mutating a view cannot reach into Yjs' stored objects. The sort is stable:
  // entries with the same time keep document order, which Yjs makes identical on converged peers.
  return out.map((e) => ({ ...e })).sort((a, b) => a.at - b.at);
}
