/**
 * Words and numbers as people read them: dates in the reader's locale and zone, relative times,
 * statuses, roles and priorities. Pure functions, no React, so panels and the inbox agree.
 */
import type {
  ActionStatus,
  CaseStatus,
  DataItemKind,
  Priority,
  Role,
  TopicState,
} from '../../../shared/contract/model';
import type { Tone } from '../components/Badge';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const weekdayTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** "5 Mar 2025, 14:30" in the reader's locale. */
export function formatDateTime(ms: number): string {
  return dateTime.format(ms);
}

/** "5 Mar 2025". */
export function formatDate(ms: number): string {
  return dateOnly.format(ms);
}

/** A calendar date value "YYYY-MM-DD" (data items) shown in the reader's locale. */
export function formatCalendarDate(value: string): string {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return dateOnly.format(new Date(y, m - 1, d));
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 minutes ago", "yesterday 14:30"-style distance from now, for past times. */
export function formatAgo(ms: number, now: number): string {
  const d = now - ms;
  if (d < MINUTE) return 'just now';
  if (d < HOUR) {
    const m = Math.floor(d / MINUTE);
    return `${m} minute${m === 1 ? '' : 's'} ago`;
  }
  if (d < DAY) {
    const h = Math.floor(d / HOUR);
    return `${h} hour${h === 1 ? '' : 's'} ago`;
  }
  if (d < 6 * DAY) return weekdayTime.format(ms);
  return formatDate(ms);
}

/** "due in 3 days", "due in 5 hours", "overdue by 2 days": distance to a due date. */
export function formatDue(dueAt: number, now: number): { readonly text: string; readonly overdue: boolean } {
  const d = dueAt - now;
  const abs = Math.abs(d);
  const amount =
    abs < HOUR
      ? `${Math.max(1, Math.round(abs / MINUTE))} min`
      : abs < 2 * DAY
        ? `${Math.round(abs / HOUR)} h`
        : `${Math.round(abs / DAY)} days`;
  return d >= 0
    ? { text: `due in ${amount}`, overdue: false }
    : { text: `overdue by ${amount}`, overdue: true };
}

/** Value for an <input type="datetime-local"> from ms, in the reader's zone. */
export function toLocalInputValue(ms: number): string {
  const t = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}T${pad(t.getHours())}:${pad(t.getMinutes())}`;
}

/**
 * An ISO 8601 instant with an offset (what commands accept) from an <input type="datetime-local">
 * value, read in the reader's zone; undefined when the value is empty or not a date.
 */
export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

export const STATUS_WORDS: Readonly<Record<CaseStatus, string>> = {
  open: 'Open',
  negotiating: 'Negotiating',
  agreed: 'Agreed',
  'in-progress': 'In progress',
  waiting: 'Waiting',
  resolved: 'Resolved',
  closed: 'Closed',
};

export const STATUS_TONES: Readonly<Record<CaseStatus, Tone>> = {
  open: 'info',
  negotiating: 'info',
  agreed: 'ok',
  'in-progress': 'info',
  waiting: 'warn',
  resolved: 'ok',
  closed: 'neutral',
};

export const PRIORITY_WORDS: Readonly<Record<Priority, string>> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  urgent: 'Urgent',
};

export const PRIORITY_TONES: Readonly<Record<Priority, Tone>> = {
  low: 'neutral',
  normal: 'neutral',
  high: 'warn',
  urgent: 'danger',
};

export const ROLE_WORDS: Readonly<Record<Role, string>> = {
  customer: 'Customer',
  provider: 'Provider',
  partner: 'Partner',
  observer: 'Observer',
};

/** What each role means, for the invite dialog and the members panel. */
export const ROLE_HINTS: Readonly<Record<Role, string>> = {
  customer: 'The person or company the case is for. Negotiates, signs and runs the case.',
  provider: "The supplier's support agents. Negotiate, sign and run the case.",
  partner: 'Another company brought in to help. Negotiates and signs its own commitments.',
  observer: 'Reads the case and takes part in the conversation; does not negotiate or sign.',
};

export const ACTION_STATUS_WORDS: Readonly<Record<ActionStatus, string>> = {
  proposed: 'Proposed',
  agreed: 'To do',
  'in-progress': 'In progress',
  done: 'Done',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
};

export const TOPIC_STATE_WORDS: Readonly<Record<TopicState, string>> = {
  open: 'Open',
  agreed: 'Agreed',
  closed: 'Closed',
};

export const TOPIC_STATE_TONES: Readonly<Record<TopicState, Tone>> = {
  open: 'info',
  agreed: 'ok',
  closed: 'neutral',
};

export const DATA_KIND_WORDS: Readonly<Record<DataItemKind, string>> = {
  text: 'Text',
  number: 'Number',
  date: 'Date',
  choice: 'Choice',
  boolean: 'Yes / no',
  attachment: 'File fingerprint',
};

/** "Acme" → "Acme's", "Northwind Systems" → "Northwind Systems'". */
export function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

/** "A", "A and B", "A, B and C". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "1 action", "3 actions". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The first 8 characters of a hash, grouped, for showing which terms were signed. */
export function shortHash(hex: string): string {
  return `${hex.slice(0, 4)} ${hex.slice(4, 8)} ${hex.slice(8, 12)}`;
}
