/**
 * Strict ISO 8601 parsing for command input. `Date.parse` is not used: it accepts many
 * implementation-defined forms and silently rolls "2024-02-30" over to March, and peers must agree.
 *
 * Accepted instants (the RFC 3339 profile of ISO 8601, upper-case separators):
 *   YYYY-MM-DDTHH:MM[:SS[.fraction]](Z|±HH:MM)   e.g. "2024-03-05T14:30:00Z", "2024-03-05T16:30+02:00"
 * The offset is required: shared/ cannot know the user's zone, and a due date must mean one instant.
 * Fractions beyond milliseconds are truncated. Stored as integer milliseconds since the epoch (UTC).
 *
 * Accepted calendar dates (data items of kind 'date'): YYYY-MM-DD, stored as that string.
 */

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function validDate(y: number, m: number, d: number): boolean {
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Milliseconds since the epoch for a valid ISO 8601 instant, or undefined when malformed. */
export function parseIsoInstant(input: unknown): number | undefined {
  if (typeof input !== 'string') return undefined;
  const m = INSTANT.exec(input);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const s = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  if (!validDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
  let offsetMinutes = 0;
  if (m[8] !== 'Z') {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  // Date.UTC maps years 0–99 to 1900+; setUTCFullYear keeps the year as written.
  const t = new Date(Date.UTC(2000, mo - 1, d, h, mi, s, ms));
  t.setUTCFullYear(y);
  return t.getTime() - offsetMinutes * 60_000;
}

/** True for a valid calendar date "YYYY-MM-DD". */
export function isIsoDate(input: unknown): input is string {
  if (typeof input !== 'string') return false;
  const m = DATE.exec(input);
  return m !== null && validDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The canonical ISO form of stored milliseconds ("2024-03-05T14:30:00.000Z"), for display and export. */
export function toIsoInstant(ms: number): string {
  return new Date(ms).toISOString();
}
