/**
 * The negotiated terms in canonical form, and their hash (docs/terms-hash.md is the specification).
 * Terms = parties and roles, topic states, data items, agreed actions, SLA terms, bound to the case
 * id. Not the conversation, proposals, members, presence, case status or execution progress.
 */
import type * as Y from 'yjs';
import { sodium } from '../crypto/sodium';
import { type CanonicalValue, canonicalJson } from './canonical-json';
import type { DataItemKind, DataValue, PartyKind, Role, TopicState } from './model';
import { readDataItems, readParties, readSla, readStoredActions, readTopics, str } from './read';
import { roots } from './schema';
import type { SlaTerms } from './sla-terms';

export const TERMS_FORMAT = 'casepact-terms/1';

export interface CanonicalParty {
  readonly id: string;
  readonly name: string;
  readonly kind: PartyKind;
  readonly role: Role;
}
export interface CanonicalTopic {
  readonly id: string;
  readonly title: string;
  readonly state: TopicState;
}
export interface CanonicalDataItem {
  readonly id: string;
  readonly label: string;
  readonly kind: DataItemKind;
  readonly choices: readonly string[] | null;
  readonly party: string;
  readonly value: DataValue;
}
/** Progress ('in-progress', 'done') is execution, not terms: it hashes as 'agreed'. */
export interface CanonicalAction {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly party: string;
  readonly member: string | null;
  readonly dueAt: number | null;
  readonly dependsOn: readonly string[];
  readonly topic: string | null;
  readonly status: 'agreed' | 'cancelled';
}
export interface CanonicalTerms {
  readonly format: typeof TERMS_FORMAT;
  readonly caseId: string;
  readonly parties: readonly CanonicalParty[];
  readonly topics: readonly CanonicalTopic[];
  readonly dataItems: readonly CanonicalDataItem[];
  readonly actions: readonly CanonicalAction[];
  readonly sla: SlaTerms | null;
}

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** SLA terms with every set-like list sorted (they are stored normalised; this guards old data). */
export function canonicalSla(s: SlaTerms): SlaTerms {
  return {
    targets: [...s.targets]
      .map((t) => ({
        id: t.id,
        kind: t.kind,
        priority: t.priority,
        minutes: t.minutes,
        committedBy: t.committedBy,
        ...(t.category === undefined ? {} : { category: t.category }),
      }))
      .sort(byId),
    calendar: {
      timeZone: s.calendar.timeZone,
      week: s.calendar.week.map((day) =>
        [...day].map((h) => ({ start: h.start, end: h.end })).sort((a, b) => a.start - b.start),
      ),
      holidays: [...s.calendar.holidays].sort(),
    },
    pausedStatuses: [...s.pausedStatuses].sort(),
    atRiskThreshold: s.atRiskThreshold,
    escalations: [...s.escalations]
      .map((e) => ({
        id: e.id,
        targetKind: e.targetKind,
        on: e.on,
        steps: e.steps.map((st) =>
          st.kind === 'notify' ? { kind: st.kind, roles: [...st.roles].sort() } : { ...st },
        ),
      }))
      .sort(byId),
  };
}

/** The canonical terms of `doc`, or null when it holds no case. */
export function selectTerms(doc: Y.Doc): CanonicalTerms | null {
  const r = roots(doc);
  const caseId = str(r.caseMap, 'id');
  if (!caseId) return null;
  const sla = readSla(r);
  return {
    format: TERMS_FORMAT,
    caseId,
    parties: readParties(r).map((p) => ({ id: p.id, name: p.name, kind: p.kind, role: p.role })),
    topics: readTopics(r).map((t) => ({ id: t.id, title: t.title, state: t.state })),
    dataItems: readDataItems(r).map((d) => ({
      id: d.id,
      label: d.label,
      kind: d.kind,
      choices: d.choices,
      party: d.party,
      value: d.value,
    })),
    actions: readStoredActions(r).map((a) => ({
      id: a.id,
      title: a.title,
      description: a.description,
      party: a.party,
      member: a.member,
      dueAt: a.dueAt,
      dependsOn: [...a.dependsOn].sort(),
      topic: a.topic,
      status: a.status === 'cancelled' ? 'cancelled' : 'agreed',
    })),
    sla: sla ? canonicalSla(sla) : null,
  };
}

/** The canonical byte string that is hashed (UTF-8 of RFC 8785 JSON). */
export function canonicalTermsBytes(terms: CanonicalTerms): Uint8Array {
  return new TextEncoder().encode(canonicalJson(terms as unknown as CanonicalValue));
}

/** BLAKE2b-256 (libsodium crypto_generichash, no key) of the canonical terms, lowercase hex. */
export function hashTerms(terms: CanonicalTerms): string {
  const s = sodium();
  return s.to_hex(s.crypto_generichash(32, canonicalTermsBytes(terms), null));
}

/**
 * The terms hash of `doc` ('' when it holds no case). Requires `await sodiumReady()` once at
 * start-up; throws otherwise (a start-up bug, not a user error).
 */
export function termsHashOf(doc: Y.Doc): string {
  const terms = selectTerms(doc);
  return terms ? hashTerms(terms) : '';
}
