/**
 * What one signed change did that the SLA clocks care about, read from the replay document
 * right after the change was applied to it: the case opened, its status / priority / category
 * changed, a party posted a message (a public reply), actions changed.
 */
import * as Y from 'yjs';
import { PRIORITIES, type Priority } from '../contract/sla-terms';
import type { ActionSnapshot, ActionStatus, CommitmentRole, PartyRole, SlaEventBody } from './types';

const PRIORITY_SET = new Set<string>(PRIORITIES);
const ROLES = new Set<string>(['customer', 'provider', 'partner', 'observer']);
const COMMITMENT_ROLES = new Set<string>(['customer', 'provider', 'partner']);
const ACTION_STATUSES = new Set<string>([
  'proposed',
  'agreed',
  'in-progress',
  'done',
  'rejected',
  'cancelled',
]);
const MAX_ID = 200;

/** The case header as the clocks see it, carried from one change to the next. */
export interface HeaderState {
  readonly opened: boolean;
  readonly status: string | null;
  readonly priority: Priority | null;
  readonly category: string | null;
}

export const EMPTY_HEADER: HeaderState = { opened: false, status: null, priority: null, category: null };

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_ID;

function readHeader(doc: Y.Doc): HeaderState {
  const c = doc.getMap('case');
  const status = c.get('status');
  const priority = c.get('priority');
  const category = c.get('category');
  return {
    opened: c.get('id') !== undefined,
    status: isId(status) ? status : null,
    priority: typeof priority === 'string' && PRIORITY_SET.has(priority) ? (priority as Priority) : null,
    category: isId(category) ? category : null,
  };
}

function roleOfParty(doc: Y.Doc, partyId: unknown): string | undefined {
  if (typeof partyId !== 'string') return undefined;
  const party = doc.getMap('parties').get(partyId);
  const role = party instanceof Y.Map ? party.get('role') : undefined;
  return typeof role === 'string' ? role : undefined;
}

function roleOfMember(doc: Y.Doc, memberId: unknown, partyId: unknown): string | undefined {
  if (typeof memberId === 'string') {
    const member = doc.getMap('members').get(memberId);
    const role = member instanceof Y.Map ? member.get('role') : undefined;
    if (typeof role === 'string') return role;
  }
  return roleOfParty(doc, partyId);
}

/** The SLA-relevant state of one action, or null when it is not a commitment the clocks can track. */
function actionSnapshot(doc: Y.Doc, id: string): ActionSnapshot | null {
  const action = doc.getMap('actions').get(id);
  if (!(action instanceof Y.Map) || !isId(id)) return null;
  const status = action.get('status');
  const ownerRole = roleOfParty(doc, action.get('party'));
  if (typeof status !== 'string' || !ACTION_STATUSES.has(status)) return null;
  if (ownerRole === undefined || !COMMITMENT_ROLES.has(ownerRole)) return null;
  const rawDeps = action.get('dependsOn');
  const dependsOn = Array.isArray(rawDeps) ? rawDeps.filter(isId) : [];
  const dueAt = action.get('dueAt');
  const due =
    typeof dueAt === 'number' && Number.isFinite(dueAt) && dueAt >= 0
      ? { kind: 'at' as const, at: dueAt }
      : null;
  return {
    id,
    status: status as ActionStatus,
    ownerRole: ownerRole as CommitmentRole,
    dependsOn,
    due,
  };
}

/** Action ids the transaction created or changed a field of. */
function touchedActions(doc: Y.Doc, tr: Y.Transaction): string[] {
  const actions: unknown = doc.getMap('actions');
  const ids = new Set<string>();
  for (const [type, keys] of tr.changed) {
    if ((type as unknown) === actions) {
      for (const key of keys) if (key !== null) ids.add(key);
    } else {
      const item = type._item;
      if (item && item.parent === actions && item.parentSub !== null) ids.add(item.parentSub);
    }
  }
  return [...ids].sort();
}

/** The first conversation message (not a system event) the transaction appended, if any. */
function firstMessage(doc: Y.Doc, tr: Y.Transaction): { author: unknown; party: unknown } | undefined {
  const messages = doc.getArray('messages');
  if (!tr.changed.has(messages as unknown as Parameters<typeof tr.changed.has>[0])) return undefined;
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = doc.store.clients.get(client) ?? [];
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const item = structs[i];
      if (!(item instanceof Y.Item) || item.parent !== messages) continue;
      for (const entry of item.content.getContent()) {
        const e = entry as { kind?: unknown; author?: unknown; party?: unknown } | null;
        if (e && typeof e === 'object' && e.kind === 'message') return { author: e.author, party: e.party };
      }
    }
  }
  return undefined;
}

/**
 * The facts of one applied change, in a fixed order (opened or status, priority, category,
 * reply, actions by id), and the header after it.
 */
export function readFacts(
  doc: Y.Doc,
  tr: Y.Transaction,
  before: HeaderState,
): { readonly facts: SlaEventBody[]; readonly header: HeaderState } {
  const header = readHeader(doc);
  const facts: SlaEventBody[] = [];
  if (!before.opened && header.opened) {
    facts.push({
      type: 'opened',
      status: header.status ?? 'open',
      priority: header.priority ?? 'normal',
      ...(header.category !== null ? { category: header.category } : {}),
    });
  } else if (header.opened) {
    if (header.status !== null && header.status !== before.status)
      facts.push({ type: 'status', status: header.status });
    if (header.priority !== null && header.priority !== before.priority) {
      facts.push({ type: 'priority', priority: header.priority });
    }
    if (header.category !== before.category) facts.push({ type: 'category', category: header.category });
  }
  const message = firstMessage(doc, tr);
  if (message) {
    const role = roleOfMember(doc, message.author, message.party);
    if (role !== undefined && ROLES.has(role))
      facts.push({ type: 'reply', role: role as PartyRole, public: true });
  }
  for (const id of touchedActions(doc, tr)) {
    const action = actionSnapshot(doc, id);
    if (action) facts.push({ type: 'action', action });
  }
  return { facts, header };
}
