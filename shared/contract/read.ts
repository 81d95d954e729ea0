/**
 * Defensive readers from the Yjs structures into views. An entity whose fields are malformed (a
 * peer's bug, or an update the pipeline let through) is skipped rather than crashing the UI, and
 * every list is sorted by id so the projection does not depend on Y.Map insertion order.
 */
import * as Y from 'yjs';
import { ACTION_STATUSES, CASE_STATUSES, DATA_ITEM_KINDS, PARTY_KINDS, ROLES, TOPIC_STATES } from './model';
import type { CaseRoots } from './schema';
import { PRIORITIES, type SlaTerms } from './sla-terms';
import { isRecord } from './validate';
import type { CaseHeader, DataItemView, MemberView, PartyView, TopicView } from './views';

type Fields = Y.Map<unknown>;

export function str(m: Fields, k: string): string | undefined {
  const v = m.get(k);
  return typeof v === 'string' ? v : undefined;
}
export function strOrNull(m: Fields, k: string): string | null {
  return str(m, k) ?? null;
}
export function num(m: Fields, k: string): number | undefined {
  const v = m.get(k);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
export function numOrNull(m: Fields, k: string): number | null {
  return num(m, k) ?? null;
}
function enumOf<T extends string>(m: Fields, k: string, allowed: readonly T[]): T | undefined {
  const v = m.get(k);
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
}
export function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? [...v] : undefined;
}

export const byId = <T extends { id: string }>(a: T, b: T): number =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Calls `parse` on every entity map of a root, keeping the well-formed ones, sorted by id. */
export function readAll<T extends { id: string }>(
  root: Y.Map<unknown>,
  parse: (id: string, m: Fields) => T | undefined,
): T[] {
  const out: T[] = [];
  root.forEach((v, id) => {
    if (v instanceof Y.Map) {
      const parsed = parse(id, v as Fields);
      if (parsed) out.push(parsed);
    }
  });
  return out.sort(byId);
}

export function entityMap(root: Y.Map<unknown>, id: string): Fields | undefined {
  const v = root.get(id);
  return v instanceof Y.Map ? (v as Fields) : undefined;
}

export function readCase(r: CaseRoots): CaseHeader | null {
  const m = r.caseMap;
  const id = str(m, 'id');
  const title = str(m, 'title');
  const status = enumOf(m, 'status', CASE_STATUSES);
  const priority = enumOf(m, 'priority', PRIORITIES);
  const createdAt = num(m, 'createdAt');
  const createdBy = str(m, 'createdBy');
  if (!id || title === undefined || !status || !priority || createdAt === undefined || !createdBy)
    return null;
  return {
    id,
    title,
    summary: r.summary.toString(),
    status,
    waitingOn: strOrNull(m, 'waitingOn'),
    priority,
    category: strOrNull(m, 'category'),
    templateId: strOrNull(m, 'templateId'),
    createdAt,
    createdBy,
  };
}

export function parseMember(id: string, m: Fields): MemberView | undefined {
  const party = str(m, 'party');
  const role = enumOf(m, 'role', ROLES);
  const status = enumOf(m, 'status', ['active', 'removed'] as const);
  const addedBy = str(m, 'addedBy');
  const addedAt = num(m, 'addedAt');
  if (!party || !role || !status || !addedBy || addedAt === undefined) return undefined;
  return {
    id,
    displayName: str(m, 'displayName') ?? '',
    organisation: str(m, 'organisation') ?? '',
    party,
    role,
    status,
    addedBy,
    addedAt,
    removedBy: strOrNull(m, 'removedBy'),
    removedAt: numOrNull(m, 'removedAt'),
  };
}

export function readParties(r: CaseRoots): PartyView[] {
  const members = readAll(r.members, parseMember);
  return readAll(r.parties, (id, m) => {
    const name = str(m, 'name');
    const kind = enumOf(m, 'kind', PARTY_KINDS);
    const role = enumOf(m, 'role', ROLES);
    const createdBy = str(m, 'createdBy');
    const createdAt = num(m, 'createdAt');
    if (name === undefined || !kind || !role || !createdBy || createdAt === undefined) return undefined;
    return { id, name, kind, role, createdBy, createdAt, members: members.filter((x) => x.party === id) };
  });
}

export function readTopics(r: CaseRoots): TopicView[] {
  return readAll(r.topics, (id, m) => {
    const title = str(m, 'title');
    const state = enumOf(m, 'state', TOPIC_STATES);
    const party = str(m, 'party');
    const createdBy = str(m, 'createdBy');
    const createdAt = num(m, 'createdAt');
    if (title === undefined || !state || !party || !createdBy || createdAt === undefined) return undefined;
    return {
      id,
      title,
      state,
      party,
      createdBy,
      createdAt,
      updatedBy: strOrNull(m, 'updatedBy'),
      updatedAt: numOrNull(m, 'updatedAt'),
    };
  });
}

export function readDataItems(r: CaseRoots): DataItemView[] {
  return readAll(r.dataItems, (id, m) => {
    const label = str(m, 'label');
    const kind = enumOf(m, 'kind', DATA_ITEM_KINDS);
    const party = str(m, 'party');
    const createdBy = str(m, 'createdBy');
    const createdAt = num(m, 'createdAt');
    const raw = m.get('value');
    const value = typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? raw : null;
    const choices = stringList(m.get('choices')) ?? null;
    if (label === undefined || !kind || !party || !createdBy || createdAt === undefined) return undefined;
    return {
      id,
      label,
      kind,
      choices,
      value,
      party,
      createdBy,
      createdAt,
      updatedBy: strOrNull(m, 'updatedBy'),
      updatedAt: numOrNull(m, 'updatedAt'),
    };
  });
}

/** An agreed action as stored (no derived dependency info yet). */
export interface StoredAction {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly party: string;
  readonly member: string | null;
  readonly dueAt: number | null;
  readonly dependsOn: readonly string[];
  readonly topic: string | null;
  readonly status: (typeof ACTION_STATUSES)[number];
  readonly cancelReason: string | null;
  readonly proposedBy: string;
  readonly proposal: string | null;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly updatedBy: string | null;
  readonly updatedAt: number | null;
}

export function readStoredActions(r: CaseRoots): StoredAction[] {
  return readAll(r.actions, (id, m) => {
    const title = str(m, 'title');
    const party = str(m, 'party');
    const status = enumOf(m, 'status', ACTION_STATUSES);
    const createdBy = str(m, 'createdBy');
    const createdAt = num(m, 'createdAt');
    if (title === undefined || !party || !status || !createdBy || createdAt === undefined) return undefined;
    return {
      id,
      title,
      description: str(m, 'description') ?? '',
      party,
      member: strOrNull(m, 'member'),
      dueAt: numOrNull(m, 'dueAt'),
      dependsOn: (stringList(m.get('dependsOn')) ?? []).sort(),
      topic: strOrNull(m, 'topic'),
      status,
      cancelReason: strOrNull(m, 'cancelReason'),
      proposedBy: str(m, 'proposedBy') ?? party,
      proposal: strOrNull(m, 'proposal'),
      createdBy,
      createdAt,
      updatedBy: strOrNull(m, 'updatedBy'),
      updatedAt: numOrNull(m, 'updatedAt'),
    };
  });
}

export function readSla(r: CaseRoots): SlaTerms | null {
  const v = r.sla.get('terms');
  return isRecord(v) ? (v as unknown as SlaTerms) : null;
}
