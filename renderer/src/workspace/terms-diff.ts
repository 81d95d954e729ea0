/**
 * The difference between two versions of the negotiated terms, as lines people read: what was
 * added, removed or changed among parties, topics, data items, actions and service levels.
 */
import type {
  CanonicalAction,
  CanonicalDataItem,
  CanonicalParty,
  CanonicalTerms,
  CanonicalTopic,
} from '../../../shared/contract/terms';
import { TERMS_FORMAT } from '../../../shared/contract/terms';
import type { AgreementVersionView, ContractSnapshot } from '../../../shared/contract/views';
import { formatValue } from './describe-change';
import { formatDateTime, ROLE_WORDS, TOPIC_STATE_WORDS } from './format';

export interface DiffLine {
  readonly section: 'Parties' | 'Topics' | 'Data items' | 'Actions' | 'Service levels';
  readonly kind: 'added' | 'removed' | 'changed';
  readonly text: string;
}

/** The current terms from a snapshot (the same fields selectTerms reads from the document). */
export function termsFromSnapshot(s: ContractSnapshot): CanonicalTerms | null {
  if (!s.case) return null;
  return {
    format: TERMS_FORMAT,
    caseId: s.case.id,
    parties: s.parties.map((p) => ({ id: p.id, name: p.name, kind: p.kind, role: p.role })),
    topics: s.topics.map((t) => ({ id: t.id, title: t.title, state: t.state })),
    dataItems: s.dataItems.map((d) => ({
      id: d.id,
      label: d.label,
      kind: d.kind,
      choices: d.choices,
      party: d.party,
      value: d.value,
    })),
    actions: s.actions
      .filter((a) => a.source === 'terms')
      .map((a) => ({
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
    sla: s.sla,
  };
}

/** A session that can hand out the stored terms of a recorded version (optional capability). */
interface VersionTermsSource {
  versionTerms(version: number): CanonicalTerms | null;
}

function isTerms(v: unknown): v is CanonicalTerms {
  return typeof v === 'object' && v !== null && (v as { format?: unknown }).format === TERMS_FORMAT;
}

/**
 * The terms a version covers: from the version view when it carries them, from the session when it
 * can tell, or the current terms when the version's hash is the current hash; null when unknown.
 */
export function termsOfVersion(
  version: AgreementVersionView,
  snapshot: ContractSnapshot,
  source: unknown,
): CanonicalTerms | null {
  const carried = (version as { terms?: unknown }).terms;
  if (isTerms(carried)) return carried;
  if (typeof carried === 'string') {
    try {
      const parsed: unknown = JSON.parse(carried);
      if (isTerms(parsed)) return parsed;
    } catch {
      // fall through
    }
  }
  if (typeof (source as Partial<VersionTermsSource>)?.versionTerms === 'function') {
    const t = (source as VersionTermsSource).versionTerms(version.version);
    if (t) return t;
  }
  return version.termsHash === snapshot.agreements.currentTermsHash ? termsFromSnapshot(snapshot) : null;
}

function byId<T extends { id: string }>(list: readonly T[]): Map<string, T> {
  return new Map(list.map((x) => [x.id, x]));
}

function diffList<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
  name: (x: T) => string,
  changes: (a: T, b: T) => string[],
): { added: string[]; removed: string[]; changed: string[] } {
  const b = byId(before);
  const a = byId(after);
  const out = { added: [] as string[], removed: [] as string[], changed: [] as string[] };
  for (const [id, x] of a) {
    const old = b.get(id);
    if (!old) out.added.push(name(x));
    else {
      const c = changes(old, x);
      if (c.length) out.changed.push(`${name(x)}: ${c.join('; ')}`);
    }
  }
  for (const [id, x] of b) if (!a.has(id)) out.removed.push(name(x));
  return out;
}

const due = (ms: number | null) => (ms === null ? 'no due date' : formatDateTime(ms));

export function diffTerms(before: CanonicalTerms, after: CanonicalTerms): DiffLine[] {
  const lines: DiffLine[] = [];
  const partyName = (id: string) =>
    after.parties.find((p) => p.id === id)?.name ??
    before.parties.find((p) => p.id === id)?.name ??
    'a former party';
  const actionName = (id: string) =>
    after.actions.find((x) => x.id === id)?.title ??
    before.actions.find((x) => x.id === id)?.title ??
    'an action';
  const push = (
    section: DiffLine['section'],
    r: { added: string[]; removed: string[]; changed: string[] },
  ) => {
    for (const text of r.added) lines.push({ section, kind: 'added', text });
    for (const text of r.removed) lines.push({ section, kind: 'removed', text });
    for (const text of r.changed) lines.push({ section, kind: 'changed', text });
  };
  push(
    'Parties',
    diffList<CanonicalParty>(
      before.parties,
      after.parties,
      (p) => `${p.name} (${ROLE_WORDS[p.role].toLowerCase()})`,
      (a, b) => {
        const c: string[] = [];
        if (a.name !== b.name) c.push(`renamed from ${a.name}`);
        if (a.role !== b.role)
          c.push(`role ${ROLE_WORDS[a.role].toLowerCase()} → ${ROLE_WORDS[b.role].toLowerCase()}`);
        return c;
      },
    ),
  );
  push(
    'Topics',
    diffList<CanonicalTopic>(
      before.topics,
      after.topics,
      (t) => `“${t.title}”`,
      (a, b) =>
        a.state !== b.state
          ? [`${TOPIC_STATE_WORDS[a.state].toLowerCase()} → ${TOPIC_STATE_WORDS[b.state].toLowerCase()}`]
          : [],
    ),
  );
  push(
    'Data items',
    diffList<CanonicalDataItem>(
      before.dataItems,
      after.dataItems,
      (d) => `“${d.label}” (${partyName(d.party)})`,
      (a, b) => {
        const c: string[] = [];
        if (a.label !== b.label) c.push(`renamed from “${a.label}”`);
        if (a.value !== b.value) c.push(`${formatValue(a.value, a.kind)} → ${formatValue(b.value, b.kind)}`);
        if (a.party !== b.party) c.push(`now provided by ${partyName(b.party)}`);
        return c;
      },
    ),
  );
  push(
    'Actions',
    diffList<CanonicalAction>(
      before.actions,
      after.actions,
      (x) => `“${x.title}” (${partyName(x.party)}, ${due(x.dueAt)})`,
      (a, b) => {
        const c: string[] = [];
        if (a.status !== b.status) c.push(b.status === 'cancelled' ? 'cancelled' : 'reinstated');
        if (a.title !== b.title) c.push(`renamed from “${a.title}”`);
        if (a.dueAt !== b.dueAt) c.push(`due ${due(a.dueAt)} → ${due(b.dueAt)}`);
        if (a.party !== b.party) c.push(`owner ${partyName(a.party)} → ${partyName(b.party)}`);
        if (a.description !== b.description) c.push('description changed');
        if (a.dependsOn.join() !== b.dependsOn.join())
          c.push(
            b.dependsOn.length
              ? `now after ${b.dependsOn.map((id) => `“${actionName(id)}”`).join(', ')}`
              : 'no longer waits on anything',
          );
        return c;
      },
    ),
  );
  const slaBefore = JSON.stringify(before.sla);
  const slaAfter = JSON.stringify(after.sla);
  if (slaBefore !== slaAfter) {
    lines.push({
      section: 'Service levels',
      kind: before.sla === null ? 'added' : after.sla === null ? 'removed' : 'changed',
      text:
        after.sla === null
          ? 'Service level terms removed'
          : `${after.sla.targets.length} time targets, ${after.sla.escalations.length} escalation rules`,
    });
  }
  return lines;
}
