/**
 * Checks of the engine's inputs. The log is verified upstream (signatures, sequence), but the
 * engine still refuses malformed data with a typed error rather than computing nonsense.
 */
import { PRIORITIES } from '../contract/sla-terms';
import type { SlaTerms } from '../contract/sla-terms';
import { MAX_INSTANT, MIN_INSTANT } from './time-zone';
import type { SlaError, SlaEvent } from './types';

const ROLES = new Set(['customer', 'provider', 'partner', 'observer']);
const COMMIT_ROLES = new Set(['customer', 'provider', 'partner']);
const ACTION_STATUSES = new Set(['proposed', 'agreed', 'in-progress', 'done', 'rejected', 'cancelled']);
const PRIORITY_SET = new Set<string>(PRIORITIES);
/** Ten years of minutes: a target beyond that is a typo, not a commitment. */
export const MAX_TARGET_MINUTES = 10 * 366 * 24 * 60;
const MAX_ID = 200;

export function isInstant(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= MIN_INSTANT && value <= MAX_INSTANT;
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID;
}

function isMinutes(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_TARGET_MINUTES;
}

/** Why one event is malformed, or undefined when it is fine. */
function eventProblem(event: SlaEvent): string | undefined {
  if (!event || typeof event !== 'object') return 'not an object';
  if (!isId(event.author)) return 'author';
  if (!Number.isInteger(event.seq) || event.seq < 0) return 'seq';
  if (!isInstant(event.at)) return 'timestamp';
  if (event.after !== undefined) {
    if (!Array.isArray(event.after)) return 'after';
    for (const ref of event.after) {
      if (!ref || !isId(ref.author) || !Number.isInteger(ref.seq)) return 'after';
    }
  }
  switch (event.type) {
    case 'opened':
      if (!isId(event.status)) return 'status';
      if (!PRIORITY_SET.has(event.priority)) return 'priority';
      if (event.category !== undefined && !isId(event.category)) return 'category';
      return undefined;
    case 'reply':
      if (!ROLES.has(event.role)) return 'role';
      if (typeof event.public !== 'boolean') return 'public';
      return undefined;
    case 'status':
      return isId(event.status) ? undefined : 'status';
    case 'priority':
      return PRIORITY_SET.has(event.priority) ? undefined : 'priority';
    case 'category':
      return event.category === null || isId(event.category) ? undefined : 'category';
    case 'action': {
      const action = event.action;
      if (!action || !isId(action.id)) return 'action.id';
      if (!ACTION_STATUSES.has(action.status)) return 'action.status';
      if (!COMMIT_ROLES.has(action.ownerRole)) return 'action.ownerRole';
      if (!Array.isArray(action.dependsOn) || !action.dependsOn.every(isId)) return 'action.dependsOn';
      const due = action.due;
      if (due !== null) {
        if (!due || typeof due !== 'object') return 'action.due';
        if (due.kind === 'at' ? !isInstant(due.at) : due.kind !== 'within' || !isMinutes(due.minutes)) {
          return 'action.due';
        }
      }
      return undefined;
    }
    case 'other':
      return undefined;
    default:
      return 'type';
  }
}

export function validateEvents(events: readonly SlaEvent[]): SlaError | undefined {
  if (!Array.isArray(events)) return { code: 'invalid-event', index: -1, detail: 'events must be a list' };
  let opened = 0;
  for (let index = 0; index < events.length; index++) {
    const event = events[index] as SlaEvent;
    const problem = eventProblem(event);
    if (problem) return { code: 'invalid-event', index, detail: problem };
    if (event.type === 'opened') opened++;
  }
  if (opened === 0) return { code: 'missing-opened' };
  if (opened > 1) return { code: 'multiple-opened' };
  return undefined;
}

// Terms are immutable data (readonly types): an object checked once need not be checked again.
const validTerms = new WeakSet<SlaTerms>();

export function validateTerms(terms: SlaTerms): SlaError | undefined {
  if (!terms || typeof terms !== 'object') return { code: 'invalid-terms', detail: 'terms missing' };
  if (validTerms.has(terms)) return undefined;
  const error = checkTerms(terms);
  if (!error) validTerms.add(terms);
  return error;
}

function checkTerms(terms: SlaTerms): SlaError | undefined {
  const threshold = terms.atRiskThreshold;
  if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) {
    return { code: 'invalid-terms', detail: 'atRiskThreshold must be within 0…1' };
  }
  if (!Array.isArray(terms.targets)) return { code: 'invalid-terms', detail: 'targets must be a list' };
  for (const target of terms.targets) {
    if (!target || !isId(target.id)) return { code: 'invalid-terms', detail: 'target id' };
    if (target.kind !== 'first-response' && target.kind !== 'resolution') {
      return { code: 'invalid-terms', detail: `target ${target.id}: kind` };
    }
    if (!PRIORITY_SET.has(target.priority))
      return { code: 'invalid-terms', detail: `target ${target.id}: priority` };
    if (!isMinutes(target.minutes)) return { code: 'invalid-terms', detail: `target ${target.id}: minutes` };
    if (!COMMIT_ROLES.has(target.committedBy)) {
      return { code: 'invalid-terms', detail: `target ${target.id}: committedBy` };
    }
  }
  if (!Array.isArray(terms.pausedStatuses) || !terms.pausedStatuses.every(isId)) {
    return { code: 'invalid-terms', detail: 'pausedStatuses' };
  }
  if (!Array.isArray(terms.escalations))
    return { code: 'invalid-terms', detail: 'escalations must be a list' };
  for (const rule of terms.escalations) {
    if (!rule || !isId(rule.id) || !Array.isArray(rule.steps))
      return { code: 'invalid-terms', detail: 'escalation' };
    if (rule.on !== 'at-risk' && rule.on !== 'breached')
      return { code: 'invalid-terms', detail: `rule ${rule.id}: on` };
  }
  return undefined;
}
