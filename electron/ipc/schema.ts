/**
 * Hand-written parsers for what crosses the IPC boundary. Every value arrives as
 * `unknown`; a parser either returns the typed value or says, as data, where and why it
 * was refused. No exceptions, no coercion, and never the refused value itself in the
 * issue (it may hold a secret).
 */

/** Why one argument was refused: where it is (`0.caseId`) and what was expected there. */
export interface ParseIssue {
  readonly path: string;
  readonly expected: string;
}

export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issue: ParseIssue };

/** Parses one value found at `path`. */
export type Parser<T> = (value: unknown, path: string) => ParseResult<T>;

/** The parsed type of a parser. */
export type Parsed<P> = P extends Parser<infer T> ? T : never;

const pass = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const fail = (path: string, expected: string): ParseResult<never> => ({
  ok: false,
  issue: { path: path || '$', expected },
});

const join = (path: string, key: string | number): string => (path ? `${path}.${key}` : String(key));

export interface StringRule {
  readonly min?: number;
  readonly max: number;
  /** The whole string must match (anchor it). */
  readonly pattern?: RegExp;
  /** What `pattern` means, for the issue. */
  readonly describe?: string;
}

/** A string of bounded length, optionally of a fixed alphabet. Control characters are refused. */
export function string(rule: StringRule): Parser<string> {
  const min = rule.min ?? 0;
  const expected = rule.describe ?? `a string of ${min} to ${rule.max} characters`;
  return (value, path) => {
    if (typeof value !== 'string' || value.length < min || value.length > rule.max)
      return fail(path, expected);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
    if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(value)) return fail(path, expected);
    if (rule.pattern && !rule.pattern.test(value)) return fail(path, expected);
    return pass(value);
  };
}

/** Bytes as a Uint8Array (what structured clone delivers for Uint8Array and Buffer). */
export function bytes(rule: { readonly min?: number; readonly max: number }): Parser<Uint8Array> {
  const min = rule.min ?? 0;
  const expected = `${min} to ${rule.max} bytes`;
  return (value, path) =>
    value instanceof Uint8Array && value.byteLength >= min && value.byteLength <= rule.max
      ? pass(value)
      : fail(path, expected);
}

/** One of a fixed set of strings. */
export function oneOf<const T extends readonly string[]>(values: T): Parser<T[number]> {
  const expected = `one of ${values.join(', ')}`;
  return (value, path) =>
    typeof value === 'string' && (values as readonly string[]).includes(value)
      ? pass(value as T[number])
      : fail(path, expected);
}

/**
 * A plain object with exactly these fields: a missing field, an extra field, a prototype
 * other than Object's, or a getter is refused (a getter could answer differently twice).
 */
export function object<const S extends Record<string, Parser<unknown>>>(
  shape: S,
): Parser<{ readonly [K in keyof S]: Parsed<S[K]> }> {
  const keys = Object.keys(shape);
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(path, 'an object');
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return fail(path, 'a plain object');
    for (const key of Object.keys(value)) {
      if (!keys.includes(key)) return fail(join(path, key), 'no such field');
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (!descriptor || !('value' in descriptor)) return fail(join(path, key), 'a field');
      const parser = shape[key] as Parser<unknown>;
      const parsed = parser(descriptor.value, join(path, key));
      if (!parsed.ok) return parsed;
      out[key] = parsed.value;
    }
    return pass(out as { readonly [K in keyof S]: Parsed<S[K]> });
  };
}

/** The arguments of one call, as a tuple. */
export type ArgsParser<T extends readonly unknown[]> = (args: readonly unknown[]) => ParseResult<T>;

/** Exactly these positional arguments: fewer or more are refused. */
export function args<const P extends readonly Parser<unknown>[]>(
  ...parsers: P
): ArgsParser<{ readonly [I in keyof P]: Parsed<P[I]> }> {
  return (values) => {
    if (!Array.isArray(values) || values.length !== parsers.length) {
      return fail('$', `${parsers.length} argument${parsers.length === 1 ? '' : 's'}`);
    }
    const out: unknown[] = [];
    for (let i = 0; i < parsers.length; i++) {
      const parser = parsers[i] as Parser<unknown>;
      const parsed = parser(values[i], String(i));
      if (!parsed.ok) return parsed;
      out.push(parsed.value);
    }
    return pass(out as unknown as { readonly [I in keyof P]: Parsed<P[I]> });
  };
}
