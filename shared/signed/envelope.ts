import { ed25519 } from '../crypto/ed25519';
import { sodium } from '../crypto/sodium';
import { equalBytes, fromUtf8, toHex, utf8 } from '../identity/bytes';
import type { MemberId } from '../identity/member-id';
import { memberIdFromPublicKey } from '../identity/member-id';
import type { Result } from '../identity/result';
import { err, ok } from '../identity/result';
import type { ClientBinding } from './client-id';

/**
 * Envelope v1 (docs/envelope.md): one signed Yjs update. Canonical fixed-width big-endian layout:
 *
 *   u8 version=1 | u16 caseIdLen | caseId UTF-8 | author public key [32] | u32 seq | prev hash [32]
 *   | u64 timestamp ms | u16 clientCount | clientCount × (u64 clientId, u32 epoch) | u32 updateLen
 *   | update | signature [64]
 *
 * signature = Ed25519(author, "casepact/envelope/v1" || 0x00 || every byte before the signature)
 * hash      = BLAKE2b-256(every byte, signature included): the log key and the next `prev`.
 */
export const ENVELOPE_VERSION = 1;
export const ENVELOPE_DOMAIN = utf8('casepact/envelope/v1\u0000');
export const MAX_CASE_ID_BYTES = 128;
export const MAX_CLIENTS = 64;
export const MAX_UPDATE_BYTES = 4 * 1024 * 1024;
export const ZERO_HASH = new Uint8Array(32);

/** What the author fills in; the signature and hash follow from it. */
export interface EnvelopeFields {
  readonly caseId: string;
  readonly authorKey: Uint8Array;
  /** 1 for the author's first envelope in the case, then +1 each time. */
  readonly seq: number;
  /** Hash of the author's previous envelope; 32 zero bytes when seq is 1. */
  readonly prev: Uint8Array;
  /** Author's clock, ms since the epoch: informative, never trusted for ordering. */
  readonly timestamp: number;
  readonly clients: readonly ClientBinding[];
  /** A Yjs update (v1 encoding) of the contract document. */
  readonly update: Uint8Array;
}

/** A decoded (or freshly signed) envelope. `bytes` is the exact wire form. */
export interface Envelope extends EnvelopeFields {
  readonly author: MemberId;
  readonly signature: Uint8Array;
  readonly bytes: Uint8Array;
  readonly hash: Uint8Array;
  readonly hashHex: string;
}

export type EnvelopeError = { readonly code: 'envelope-malformed'; readonly message: string };

const authorIds = new Map<string, MemberId>();

/** Member ids are cached per key: decoding thousands of envelopes of a few authors stays cheap. */
function authorIdOf(key: Uint8Array): MemberId {
  const hex = toHex(key);
  let id = authorIds.get(hex);
  if (!id) {
    id = memberIdFromPublicKey(key);
    if (authorIds.size > 10_000) authorIds.clear();
    authorIds.set(hex, id);
  }
  return id;
}

function u64(view: DataView, offset: number, value: number): void {
  view.setUint32(offset, Math.floor(value / 2 ** 32));
  view.setUint32(offset + 4, value >>> 0);
}

function readU64(view: DataView, offset: number): number | undefined {
  const high = view.getUint32(offset);
  if (high >= 2 ** 21) return undefined; // beyond 2^53: not an exact JavaScript integer
  return high * 2 ** 32 + view.getUint32(offset + 4);
}

function fieldsProblem(fields: EnvelopeFields, caseIdBytes: Uint8Array): string | undefined {
  if (caseIdBytes.length === 0 || caseIdBytes.length > MAX_CASE_ID_BYTES) return 'case id length';
  if (fields.authorKey.length !== 32) return 'author key length';
  if (!Number.isInteger(fields.seq) || fields.seq < 1 || fields.seq > 0xffffffff) return 'sequence number';
  if (fields.prev.length !== 32) return 'previous hash length';
  if (fields.seq === 1 && !equalBytes(fields.prev, ZERO_HASH))
    return 'the first envelope must have a zero prev';
  if (!Number.isSafeInteger(fields.timestamp) || fields.timestamp < 0) return 'timestamp';
  if (fields.clients.length > MAX_CLIENTS) return 'too many client ids';
  for (const client of fields.clients) {
    if (!Number.isSafeInteger(client.clientId) || client.clientId < 0) return 'client id';
    if (!Number.isInteger(client.epoch) || client.epoch < 0 || client.epoch > 0xffffffff)
      return 'client epoch';
  }
  if (fields.update.length > MAX_UPDATE_BYTES) return 'update too large';
  return undefined;
}

/** The bytes before the signature. */
function encodeBody(fields: EnvelopeFields): Uint8Array {
  const caseId = utf8(fields.caseId);
  const problem = fieldsProblem(fields, caseId);
  if (problem) throw new RangeError(`invalid envelope fields: ${problem}`);
  const length =
    1 + 2 + caseId.length + 32 + 4 + 32 + 8 + 2 + fields.clients.length * 12 + 4 + fields.update.length;
  const out = new Uint8Array(length + 64);
  const view = new DataView(out.buffer);
  let at = 0;
  out[at++] = ENVELOPE_VERSION;
  view.setUint16(at, caseId.length);
  at += 2;
  out.set(caseId, at);
  at += caseId.length;
  out.set(fields.authorKey, at);
  at += 32;
  view.setUint32(at, fields.seq);
  at += 4;
  out.set(fields.prev, at);
  at += 32;
  u64(view, at, fields.timestamp);
  at += 8;
  view.setUint16(at, fields.clients.length);
  at += 2;
  for (const client of fields.clients) {
    u64(view, at, client.clientId);
    view.setUint32(at + 8, client.epoch);
    at += 12;
  }
  view.setUint32(at, fields.update.length);
  at += 4;
  out.set(fields.update, at);
  return out; // the last 64 bytes are left for the signature
}

/** The exact message Ed25519 signs: domain tag, then the body. */
export function envelopeSigningMessage(bytes: Uint8Array): Uint8Array {
  const body = bytes.subarray(0, bytes.length - 64);
  const message = new Uint8Array(ENVELOPE_DOMAIN.length + body.length);
  message.set(ENVELOPE_DOMAIN, 0);
  message.set(body, ENVELOPE_DOMAIN.length);
  return message;
}

export function envelopeHash(bytes: Uint8Array): Uint8Array {
  return sodium().crypto_generichash(32, bytes, null);
}

/** Encodes and signs. Throws RangeError only on programmer error (fields our own code built). */
export function signEnvelope(fields: EnvelopeFields, secretKey: Uint8Array): Envelope {
  const bytes = encodeBody(fields);
  const signature = ed25519().sign(envelopeSigningMessage(bytes), secretKey);
  bytes.set(signature, bytes.length - 64);
  const hash = envelopeHash(bytes);
  return {
    ...fields,
    author: authorIdOf(fields.authorKey),
    signature,
    bytes,
    hash,
    hashHex: toHex(hash),
  };
}

/** Checks the Ed25519 signature of a decoded envelope against its author key. */
export function verifyEnvelopeSignature(envelope: Envelope): boolean {
  return ed25519().verify(envelope.signature, envelopeSigningMessage(envelope.bytes), envelope.authorKey);
}

function malformed(message: string): { ok: false; error: EnvelopeError } {
  return err({ code: 'envelope-malformed', message });
}

/**
 * Decodes the wire form, checking structure only (no signature: verifyEnvelopeSignature does that).
 * The update is a view into `bytes`, not a copy.
 */
export function decodeEnvelope(bytes: Uint8Array): Result<Envelope, EnvelopeError> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (at: number, n: number) => at + n <= bytes.length;
  if (!need(0, 3)) return malformed('truncated header');
  if (bytes[0] !== ENVELOPE_VERSION) return malformed(`unknown envelope version ${bytes[0]}`);
  const caseIdLength = view.getUint16(1);
  let at = 3;
  if (caseIdLength === 0 || caseIdLength > MAX_CASE_ID_BYTES || !need(at, caseIdLength)) {
    return malformed('bad case id length');
  }
  const caseId = fromUtf8(bytes.subarray(at, at + caseIdLength));
  if (caseId === undefined) return malformed('case id is not UTF-8');
  at += caseIdLength;
  if (!need(at, 32 + 4 + 32 + 8 + 2)) return malformed('truncated header');
  const authorKey = bytes.subarray(at, at + 32);
  at += 32;
  const seq = view.getUint32(at);
  at += 4;
  const prev = bytes.subarray(at, at + 32);
  at += 32;
  const timestamp = readU64(view, at);
  at += 8;
  if (timestamp === undefined) return malformed('timestamp out of range');
  const clientCount = view.getUint16(at);
  at += 2;
  if (clientCount > MAX_CLIENTS || !need(at, clientCount * 12 + 4)) return malformed('bad client list');
  const clients: ClientBinding[] = [];
  for (let i = 0; i < clientCount; i++) {
    const clientId = readU64(view, at);
    if (clientId === undefined) return malformed('client id out of range');
    clients.push({ clientId, epoch: view.getUint32(at + 8) });
    at += 12;
  }
  const updateLength = view.getUint32(at);
  at += 4;
  if (updateLength > MAX_UPDATE_BYTES || at + updateLength + 64 !== bytes.length) {
    return malformed(
      at + updateLength + 64 > bytes.length ? 'truncated update or signature' : 'trailing bytes',
    );
  }
  const update = bytes.subarray(at, at + updateLength);
  const signature = bytes.subarray(at + updateLength);
  if (seq < 1) return malformed('sequence numbers start at 1');
  if (seq === 1 && !equalBytes(prev, ZERO_HASH)) return malformed('the first envelope must have a zero prev');
  const hash = envelopeHash(bytes);
  return ok({
    caseId,
    authorKey,
    author: authorIdOf(authorKey),
    seq,
    prev,
    timestamp,
    clients,
    update,
    signature,
    bytes,
    hash,
    hashHex: toHex(hash),
  });
}
