/**
 * Input checks for commands. A failed check throws `Refused`, which only `execute` (context.ts)
 * catches and turns into a typed Result, before anything is written: validation always runs to
 * completion ahead of the single write transaction, so a refusal leaves the document untouched.
 */
import { isIsoDate, parseIsoInstant } from './dates';
import type { DataItemKind, DataValue } from './model';
import type { ContractErrorCode, Refusal } from './result';
import { err } from './result';

export class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

export function fail(code: ContractErrorCode, message: string): never {
  throw new Refused(err(code, message));
}

/** Entity ids: what newId() makes and what callers may choose (URL- and path-safe). */
const ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Member ids are opaque to the contract; allow the characters of hex, base58, base64 and base64url. */
const MEMBER_ID = /^[A-Za-z0-9_\-:.+/=]{1,128}$/;
const HASH_HEX = /^[0-9a-f]{64}$/;

export const LIMITS = {
  title: 200,
  name: 120,
  label: 120,
  description: 5000,
  message: 10_000,
  note: 2000,
  text: 5000,
  choices: 50,
  dependsOn: 50,
  changes: 50,
  summary: 20_000,
} as const;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function record(v: unknown, field: string): Record<string, unknown> {
  if (!isRecord(v)) fail('invalid-input', `${field} must be an object`);
  return v;
}

export function entityId(v: unknown, field: string): string {
  if (typeof v !== 'string' || !ID.test(v))
    fail('invalid-input', `${field} must be 1–64 letters, digits, '-' or '_'`);
  return v;
}

export function memberId(v: unknown, field: string): string {
  if (typeof v !== 'string' || !MEMBER_ID.test(v)) fail('invalid-input', `${field} is not a valid member id`);
  return v;
}

/** A trimmed string of 1..max characters (or 0..max when `allowEmpty`). */
export function text(v: unknown, field: string, max: number, allowEmpty = false): string {
  if (typeof v !== 'string') fail('invalid-input', `${field} must be a string`);
  const t = v.trim();
  if (!allowEmpty && t.length === 0) fail('invalid-input', `${field} must not be empty`);
  if (t.length > max) fail('invalid-input', `${field} is longer than ${max} characters`);
  return t;
}

export function optionalText(v: unknown, field: string, max: number): string {
  return v === undefined ? '' : text(v, field, max, true);
}

export function oneOf<T extends string>(v: unknown, allowed: readonly T[], field: string): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    fail('invalid-input', `${field} must be one of ${allowed.join(', ')}`);
  }
  return v as T;
}

/** An ISO 8601 instant (with offset) as ms, or null for "no date". */
export function instantOrNull(v: unknown, field: string): number | null {
  if (v === null) return null;
  const ms = parseIsoInstant(v);
  if (ms === undefined) {
    fail('malformed-date', `${field} must be an ISO 8601 date-time with offset, e.g. 2024-03-05T14:30:00Z`);
  }
  return ms;
}

export function idList(v: unknown, field: string, max: number): string[] {
  if (!Array.isArray(v)) fail('invalid-input', `${field} must be an array`);
  if (v.length > max) fail('invalid-input', `${field} has more than ${max} entries`);
  const ids = v.map((x, i) => entityId(x, `${field}[${i}]`));
  if (new Set(ids).size !== ids.length) fail('invalid-input', `${field} lists an id twice`);
  return ids;
}

export function choiceList(v: unknown, field: string): string[] {
  if (!Array.isArray(v) || v.length === 0) fail('invalid-input', `${field} must be a non-empty array`);
  if (v.length > LIMITS.choices) fail('invalid-input', `${field} has more than ${LIMITS.choices} choices`);
  const list = v.map((x, i) => text(x, `${field}[${i}]`, LIMITS.label));
  if (new Set(list).size !== list.length) fail('invalid-input', `${field} lists a choice twice`);
  return list;
}

/** Checks a data item value against its kind; `null` (not provided yet) is always allowed. */
export function dataValue(
  v: unknown,
  kind: DataItemKind,
  choices: readonly string[] | null,
  field: string,
): DataValue {
  if (v === null) return null;
  switch (kind) {
    case 'text':
      return text(v, field, LIMITS.text, true);
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v))
        fail('invalid-input', `${field} must be a finite number`);
      return Object.is(v, -0) ? 0 : v;
    case 'date':
      if (!isIsoDate(v)) fail('malformed-date', `${field} must be a calendar date YYYY-MM-DD`);
      return v;
    case 'choice':
      if (typeof v !== 'string' || !choices?.includes(v))
        fail('invalid-input', `${field} must be one of the item's choices`);
      return v;
    case 'boolean':
      if (typeof v !== 'boolean') fail('invalid-input', `${field} must be true or false`);
      return v;
    case 'attachment':
      if (typeof v !== 'string' || !HASH_HEX.test(v)) {
        fail('invalid-input', `${field} must be the lowercase hex of a 32-byte content hash`);
      }
      return v;
  }
}
