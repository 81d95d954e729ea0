/**
 * Validation and normalisation of SLA terms. Normalised terms drop unknown properties and sort
 * every set-like list (targets and escalations by id, holidays, paused statuses, working hours by
 * start), so equal terms are stored, projected and hashed identically whatever order they came in.
 */
import { isIsoDate } from './dates';
import { CASE_STATUSES, type Role } from './model';
import {
  type BusinessCalendar,
  type EscalationRule,
  type EscalationStep,
  PRIORITIES,
  type SlaTarget,
  type SlaTerms,
  type WorkingHours,
} from './sla-terms';
import { entityId, fail, LIMITS, oneOf, record, text } from './validate';

const MINUTES_PER_DAY = 24 * 60;
const MAX_TARGET_MINUTES = 366 * MINUTES_PER_DAY;
const KINDS = ['first-response', 'resolution'] as const;
const COMMITTERS = ['customer', 'provider', 'partner'] as const;
const NOTIFY_ROLES: readonly Role[] = ['customer', 'provider', 'partner', 'observer'];

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function array(v: unknown, field: string, max: number): unknown[] {
  if (!Array.isArray(v)) fail('invalid-input', `${field} must be an array`);
  if (v.length > max) fail('invalid-input', `${field} has more than ${max} entries`);
  return v;
}

function uniqueIds<T extends { id: string }>(list: T[], field: string): T[] {
  if (new Set(list.map((x) => x.id)).size !== list.length)
    fail('invalid-input', `${field} lists an id twice`);
  return list.sort(byId);
}

function target(v: unknown, field: string): SlaTarget {
  const t = record(v, field);
  const minutes = t.minutes;
  if (
    typeof minutes !== 'number' ||
    !Number.isInteger(minutes) ||
    minutes < 1 ||
    minutes > MAX_TARGET_MINUTES
  ) {
    fail(
      'invalid-input',
      `${field}.minutes must be a whole number of minutes from 1 to ${MAX_TARGET_MINUTES}`,
    );
  }
  const base = {
    id: entityId(t.id, `${field}.id`),
    kind: oneOf(t.kind, KINDS, `${field}.kind`),
    priority: oneOf(t.priority, PRIORITIES, `${field}.priority`),
    minutes,
    committedBy: oneOf(t.committedBy, COMMITTERS, `${field}.committedBy`),
  };
  return t.category === undefined || t.category === null
    ? base
    : { ...base, category: text(t.category, `${field}.category`, LIMITS.label) };
}

function hours(v: unknown, field: string): WorkingHours {
  const h = record(v, field);
  const { start, end } = h;
  if (
    typeof start !== 'number' ||
    typeof end !== 'number' ||
    !Number.isInteger(start) ||
    !Number.isInteger(end) ||
    start < 0 ||
    end > MINUTES_PER_DAY ||
    start >= end
  ) {
    fail('invalid-input', `${field} must have whole minutes 0 <= start < end <= 1440`);
  }
  return { start, end };
}

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function calendar(v: unknown): BusinessCalendar {
  const c = record(v, 'calendar');
  const timeZone = text(c.timeZone, 'calendar.timeZone', 64);
  if (!validTimeZone(timeZone)) fail('invalid-input', 'calendar.timeZone is not a known IANA time zone');
  const weekIn = array(c.week, 'calendar.week', 7);
  if (weekIn.length !== 7) fail('invalid-input', 'calendar.week must list 7 days, Sunday first');
  const week = weekIn.map((day, d) => {
    const list = array(day, `calendar.week[${d}]`, 12)
      .map((h, i) => hours(h, `calendar.week[${d}][${i}]`))
      .sort((a, b) => a.start - b.start);
    for (let i = 1; i < list.length; i++) {
      if ((list[i] as WorkingHours).start < (list[i - 1] as WorkingHours).end) {
        fail('invalid-input', `calendar.week[${d}] has overlapping working hours`);
      }
    }
    return list;
  });
  const holidays = array(c.holidays, 'calendar.holidays', 400).map((h, i) => {
    if (!isIsoDate(h)) fail('malformed-date', `calendar.holidays[${i}] must be a calendar date YYYY-MM-DD`);
    return h;
  });
  if (new Set(holidays).size !== holidays.length)
    fail('invalid-input', 'calendar.holidays lists a date twice');
  return { timeZone, week, holidays: holidays.sort() };
}

function step(v: unknown, field: string): EscalationStep {
  const s = record(v, field);
  switch (s.kind) {
    case 'notify': {
      const roles = array(s.roles, `${field}.roles`, 4).map((r, i) =>
        oneOf(r, NOTIFY_ROLES, `${field}.roles[${i}]`),
      );
      if (roles.length === 0 || new Set(roles).size !== roles.length) {
        fail('invalid-input', `${field}.roles must list distinct roles`);
      }
      return { kind: 'notify', roles: roles.sort() };
    }
    case 'raise-priority':
      return { kind: 'raise-priority', to: oneOf(s.to, PRIORITIES, `${field}.to`) };
    case 'propose-partner':
      return {
        kind: 'propose-partner',
        partnerName: text(s.partnerName, `${field}.partnerName`, LIMITS.name),
        reason: text(s.reason, `${field}.reason`, LIMITS.note),
      };
    case 'system-event':
      return { kind: 'system-event', text: text(s.text, `${field}.text`, LIMITS.note) };
    default:
      return fail(
        'invalid-input',
        `${field}.kind must be notify, raise-priority, propose-partner or system-event`,
      );
  }
}

function escalation(v: unknown, field: string): EscalationRule {
  const e = record(v, field);
  const steps = array(e.steps, `${field}.steps`, 10).map((s, i) => step(s, `${field}.steps[${i}]`));
  if (steps.length === 0) fail('invalid-input', `${field}.steps must not be empty`);
  return {
    id: entityId(e.id, `${field}.id`),
    targetKind: oneOf(e.targetKind, KINDS, `${field}.targetKind`),
    on: oneOf(e.on, ['at-risk', 'breached'] as const, `${field}.on`),
    steps,
  };
}

/** Validates SLA terms from untrusted input and returns their normalised form (or refuses). */
export function normaliseSlaTerms(v: unknown): SlaTerms {
  const s = record(v, 'sla terms');
  const targets = uniqueIds(
    array(s.targets, 'targets', 200).map((t, i) => target(t, `targets[${i}]`)),
    'targets',
  );
  const keys = targets.map((t) => `${t.kind}|${t.priority}|${t.category ?? ''}`);
  if (new Set(keys).size !== keys.length) {
    fail('invalid-input', 'two targets have the same kind, priority and category');
  }
  const paused = array(s.pausedStatuses, 'pausedStatuses', CASE_STATUSES.length).map((p, i) =>
    oneOf(p, CASE_STATUSES, `pausedStatuses[${i}]`),
  );
  if (new Set(paused).size !== paused.length) fail('invalid-input', 'pausedStatuses lists a status twice');
  const threshold = s.atRiskThreshold;
  if (typeof threshold !== 'number' || !(threshold > 0 && threshold < 1)) {
    fail('invalid-input', 'atRiskThreshold must be a fraction between 0 and 1');
  }
  return {
    targets,
    calendar: calendar(s.calendar),
    pausedStatuses: paused.sort(),
    atRiskThreshold: threshold,
    escalations: uniqueIds(
      array(s.escalations, 'escalations', 50).map((e, i) => escalation(e, `escalations[${i}]`)),
      'escalations',
    ),
  };
}
