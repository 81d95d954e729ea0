/**
 * Canonical JSON (RFC 8785, JSON Canonicalization Scheme) for the values the terms use: no
 * whitespace, object members sorted by the UTF-16 code units of their names, strings and numbers
 * serialised exactly as ECMAScript's JSON.stringify does (which is what RFC 8785 specifies).
 * Any peer, in any language with a JCS library, gets byte-identical output.
 */

export type CanonicalValue =
  | null
  | boolean
  | number
  | string
  | readonly CanonicalValue[]
  | { readonly [key: string]: CanonicalValue };

/** Serialises `value` canonically. Throws on undefined, functions and non-finite numbers (programming errors). */
export function canonicalJson(value: CanonicalValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new Error('canonical JSON has no representation for non-finite numbers');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v as CanonicalValue)).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as { readonly [key: string]: CanonicalValue };
    // Default sort compares UTF-16 code units, exactly as RFC 8785 §3.2.3 requires.
    const keys = Object.keys(obj).sort();
    return `{${keys
      .map((k) => {
        const v = obj[k];
        if (v === undefined) throw new Error(`canonical JSON member "${k}" is undefined`);
        return `${JSON.stringify(k)}:${canonicalJson(v)}`;
      })
      .join(',')}}`;
  }
  throw new Error(`canonical JSON cannot represent a ${typeof value}`);
}
