/**
 * The inbox's read model: one row per case, derived from each session's snapshot, sync status
 * and what this device has seen; plus the search, filters and order of the list.
 */
import type { CaseStatus, Priority, Role } from '../../../../shared/contract/model';
import type { SyncStatus } from '../../../../shared/sync/sync-status';
import type { Tone } from '../../components/Badge';
import type { CaseSession } from '../../core/case-session';
import { unreadCount } from '../../hooks/use-seen';
import {
  agreementSentence,
  caseModel,
  nextDue,
  openActionsOf,
  type WaitingItem,
  waitingOnMe,
} from '../../workspace/case-model';

export interface InboxRow {
  readonly caseId: string;
  readonly title: string;
  readonly summary: string;
  readonly status: CaseStatus | null;
  readonly waitingOn: string | null;
  readonly priority: Priority;
  readonly category: string | null;
  readonly parties: readonly {
    readonly id: string;
    readonly name: string;
    readonly role: Role;
    readonly mine: boolean;
  }[];
  readonly people: readonly string[];
  readonly myRole: Role | null;
  readonly myOpenActions: number;
  readonly nextDue: { readonly title: string; readonly dueAt: number; readonly party: string } | null;
  readonly waiting: readonly WaitingItem[];
  readonly unread: number;
  readonly sync: SyncStatus;
  readonly agreement: { readonly text: string; readonly tone: Tone };
  readonly lastActivity: number;
}

const PRIORITY_RANK: Readonly<Record<Priority, number>> = { urgent: 0, high: 1, normal: 2, low: 3 };

export function inboxRow(session: CaseSession, seenAt: number | undefined): InboxRow {
  const snapshot = session.snapshot();
  const model = caseModel(snapshot, session.me);
  const header = snapshot.case;
  const due = nextDue(snapshot);
  return {
    caseId: session.caseId,
    title: header?.title ?? 'Case arriving…',
    summary: header?.summary ?? '',
    status: header?.status ?? null,
    waitingOn: header?.waitingOn ? model.partyName(header.waitingOn) : null,
    priority: header?.priority ?? 'normal',
    category: header?.category ?? null,
    parties: model.parties.map((p) => ({
      id: p.id,
      name: p.name,
      role: p.role,
      mine: p.id === model.myParty,
    })),
    people: snapshot.parties.flatMap((p) => p.members.map((m) => m.displayName)),
    myRole: model.myRole,
    myOpenActions: openActionsOf(snapshot, model.myParty).length,
    nextDue:
      due && due.dueAt !== null
        ? { title: due.title, dueAt: due.dueAt, party: model.partyName(due.party) }
        : null,
    waiting: header ? waitingOnMe(model) : [],
    unread: unreadCount(snapshot, session.me, seenAt),
    sync: session.syncStatus(),
    agreement: agreementSentence(model),
    lastActivity: snapshot.messages[snapshot.messages.length - 1]?.at ?? header?.createdAt ?? 0,
  };
}

export type StatusFilter = 'active' | 'all' | CaseStatus;

export interface InboxFilters {
  readonly query: string;
  readonly status: StatusFilter;
  readonly role: 'all' | Role;
  readonly priority: 'all' | Priority;
  readonly waitingOnMe: boolean;
}

export const NO_FILTERS: InboxFilters = {
  query: '',
  status: 'all',
  role: 'all',
  priority: 'all',
  waitingOnMe: false,
};

const ACTIVE: readonly (CaseStatus | null)[] = [
  'open',
  'negotiating',
  'agreed',
  'in-progress',
  'waiting',
  null,
];

export function matches(row: InboxRow, f: InboxFilters): boolean {
  if (f.status === 'active' ? !ACTIVE.includes(row.status) : f.status !== 'all' && row.status !== f.status)
    return false;
  if (f.role !== 'all' && row.myRole !== f.role) return false;
  if (f.priority !== 'all' && row.priority !== f.priority) return false;
  if (f.waitingOnMe && row.waiting.length === 0) return false;
  const words = f.query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [
    row.title,
    row.summary,
    row.category ?? '',
    row.caseId,
    ...row.parties.map((p) => p.name),
    ...row.people,
  ]
    .join('\n')
    .toLowerCase();
  return words.every((w) => haystack.includes(w));
}

/** Cases that wait on me first, then by priority, then by the soonest due date, then latest activity. */
export function compareRows(a: InboxRow, b: InboxRow): number {
  return (
    Number(b.waiting.length > 0) - Number(a.waiting.length > 0) ||
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    (a.nextDue?.dueAt ?? Number.POSITIVE_INFINITY) - (b.nextDue?.dueAt ?? Number.POSITIVE_INFINITY) ||
    b.lastActivity - a.lastActivity
  );
}

export function isFiltered(f: InboxFilters): boolean {
  return (
    f.query.trim() !== '' || f.status !== 'all' || f.role !== 'all' || f.priority !== 'all' || f.waitingOnMe
  );
}
