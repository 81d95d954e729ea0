/**
 * Byte-level helpers for the invite and membership wire formats: a growable writer, a reader
 * that reports underruns as `undefined` instead of throwing (so a hostile link can never turn
 * into an exception), a strict base64url codec and hex. Pure: no libsodium needed here.
 */

const MAX_SAFE_HIGH_WORD = 0x1fffff; // 2^53 - 1 >> 32: timestamps stay exact JavaScript numbers

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** Appends big-endian integers, raw bytes and length-prefixed strings. */
export class ByteWriter {
  private chunks: number[] = [];

  u8(value: number): this {
    this.chunks.push(value & 0xff);
    return this;
  }

  u16(value: number): this {
    return this.u8(value >>> 8).u8(value);
  }

  u32(value: number): this {
    return this.u8(value >>> 24)
      .u8(value >>> 16)
      .u8(value >>> 8)
      .u8(value);
  }

  /** A non-negative safe integer (e.g. milliseconds since the epoch) as 8 bytes big-endian. */
  u64(value: number): this {
    const high = Math.floor(value / 2 ** 32);
    return this.u32(high).u32(value >>> 0);
  }

  bytes(value: Uint8Array): this {
    for (const byte of value) this.chunks.push(byte);
    return this;
  }

  /** UTF-8 string prefixed by its byte length as one byte (callers keep strings ≤ 255 bytes). */
  shortString(value: string): this {
    const encoded = utf8Encoder.encode(value);
    return this.u8(encoded.length).bytes(encoded);
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

/** Reads what {@link ByteWriter} wrote. Every read returns `undefined` when bytes run out. */
export class ByteReader {
  private offset = 0;

  constructor(private readonly data: Uint8Array) {}

  get remaining(): number {
    return this.data.length - this.offset;
  }

  u8(): number | undefined {
    if (this.remaining < 1) return undefined;
    const value = this.data[this.offset] as number;
    this.offset += 1;
    return value;
  }

  u16(): number | undefined {
    const bytes = this.bytes(2);
    return bytes && ((bytes[0] as number) << 8) | (bytes[1] as number);
  }

  u32(): number | undefined {
    const bytes = this.bytes(4);
    if (!bytes) return undefined;
    return (
      (bytes[0] as number) * 2 ** 24 +
      (((bytes[1] as number) << 16) | ((bytes[2] as number) << 8) | (bytes[3] as number))
    );
  }

  /** 8 bytes big-endian; `undefined` also when the value would exceed Number.MAX_SAFE_INTEGER. */
  u64(): number | undefined {
    const high = this.u32();
    const low = this.u32();
    if (high === undefined || low === undefined || high > MAX_SAFE_HIGH_WORD) return undefined;
    return high * 2 ** 32 + low;
  }

  /** A copy of the next `length` bytes. */
  bytes(length: number): Uint8Array | undefined {
    if (this.remaining < length) return undefined;
    const value = this.data.slice(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  /** A one-byte-length-prefixed UTF-8 string; `undefined` on underrun or invalid UTF-8. */
  shortString(): string | undefined {
    const length = this.u8();
    if (length === undefined) return undefined;
    const bytes = this.bytes(length);
    return bytes && decodeUtf8(bytes);
  }
}

/** UTF-8 byte length of a string. */
export function utf8Length(value: string): number {
  return utf8Encoder.encode(value).length;
}

export function encodeUtf8(value: string): Uint8Array {
  return utf8Encoder.encode(value);
}

/** Strict UTF-8 decoding: `undefined` for malformed sequences instead of U+FFFD. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Equality in time independent of where the first difference is (for secrets and MACs). */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64URL_INDEX = new Map<string, number>([...B64URL].map((char, index) => [char, index]));

/** base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] as number;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    out += B64URL[b0 >> 2];
    out += B64URL[((b0 & 3) << 4) | ((b1 ?? 0) >> 4)];
    if (b1 !== undefined) out += B64URL[((b1 & 15) << 2) | ((b2 ?? 0) >> 6)];
    if (b2 !== undefined) out += B64URL[b2 & 63];
  }
  return out;
}

/** Why a base64url string did not decode. */
export type Base64UrlFault = 'bad-character' | 'dangling-character' | 'non-canonical';

/**
 * Strict base64url decoding (no padding, no whitespace, no '+' or '/'). A length of 4n+1
 * cannot come from any encoder: the text was most likely cut off, reported as
 * 'dangling-character'. Non-zero unused trailing bits are refused so that each byte string
 * has exactly one accepted spelling. A fault reports how many whole bytes the text spans, so
 * callers can tell a cut-off text from a corrupted one.
 */
export function fromBase64Url(
  text: string,
): { ok: true; bytes: Uint8Array } | { ok: false; fault: Base64UrlFault; decodedLength: number } {
  const values: number[] = [];
  for (const char of text) {
    const value = B64URL_INDEX.get(char);
    if (value === undefined) return { ok: false, fault: 'bad-character', decodedLength: 0 };
    values.push(value);
  }
  const whole = Math.floor((values.length * 3) / 4);
  if (values.length % 4 === 1) return { ok: false, fault: 'dangling-character', decodedLength: whole };
  const out = new Uint8Array(whole);
  let o = 0;
  for (let i = 0; i < values.length; i += 4) {
    const v0 = values[i] as number;
    const v1 = values[i + 1] as number;
    const v2 = values[i + 2];
    const v3 = values[i + 3];
    out[o++] = (v0 << 2) | (v1 >> 4);
    if (v2 === undefined) {
      if ((v1 & 15) !== 0) return { ok: false, fault: 'non-canonical', decodedLength: whole };
      break;
    }
    out[o++] = ((v1 & 15) << 4) | (v2 >> 2);
    if (v3 === undefined) {
      if ((v2 & 3) !== 0) return { ok: false, fault: 'non-canonical', decodedLength: whole };
      break;
    }
    out[o++] = ((v2 & 3) << 6) | v3;
  }
  return { ok: true, bytes: out };
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** Lowercase hex of exactly `length` bytes, or `undefined`. */
export function fromHex(text: string, length: number): Uint8Array | undefined {
  if (text.length !== length * 2 || !/^[0-9a-f]*$/.test(text)) return undefined;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}
