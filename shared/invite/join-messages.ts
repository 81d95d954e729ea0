/**
 * The join handshake's wire format: a versioned union of three messages, transport-agnostic
 * (the sync layer carries the bytes; docs/invite-link.md §"Join handshake" describes them).
 *
 *   join-request   joiner → any member: the invite's public part, the joiner's identity, and
 *                  two signatures over one transcript: by the proof key derived from the invite
 *                  secret (possession of the invite) and by the joiner's identity key
 *                  (possession of the identity). Self-contained, so an always-on peer can
 *                  admit while the inviter is offline, and every peer can re-check it later.
 *   join-admitted  admitting member → joiner: the current case key sealed to the joiner.
 *   join-refused   admitting member → joiner: a reason code.
 *
 * Every message starts with the protocol version and a type byte; all integers big-endian.
 */
import { ByteReader, ByteWriter, utf8Length } from './bytes';
import type { InviteCaseCheckCode } from './case-checks';
import { PUBLIC_KEY_BYTES, SIGNATURE_BYTES } from './link-format';

export const JOIN_PROTOCOL_VERSION = 1;
export const NONCE_BYTES = 16;
export const REQUEST_HASH_BYTES = 32;
/** Longest display name or organisation in a join request, in UTF-8 bytes. */
export const MAX_NAME_BYTES = 128;
const MAX_SEALED_KEY_BYTES = 256;
const MAX_INVITE_BYTES = 1024;

const TYPE_CODES = { 'join-request': 1, 'join-admitted': 2, 'join-refused': 3 } as const;

/** Why an admitting member refused a request (sent to the joiner, shown with its sentence). */
export type JoinRefusalCode = InviteCaseCheckCode | 'expired' | 'bad-request';
export const JOIN_REFUSAL_CODES: readonly JoinRefusalCode[] = [
  'wrong-case',
  'already-member',
  'removed-member',
  'inviter-not-member',
  'inviter-not-allowed',
  'unknown-party',
  'already-used',
  'expired',
  'bad-request',
];

export interface JoinRequest {
  readonly v: 1;
  readonly type: 'join-request';
  /** The invite's public part, exactly as signed by the inviter. */
  readonly invite: Uint8Array;
  readonly joinerKey: Uint8Array;
  readonly displayName: string;
  readonly organisation: string;
  readonly requestedAt: number;
  readonly nonce: Uint8Array;
  /** Signature by the invite's proof key over the request transcript. */
  readonly proof: Uint8Array;
  /** Signature by the joiner's identity key over the request transcript. */
  readonly identitySignature: Uint8Array;
}

export interface JoinAdmitted {
  readonly v: 1;
  readonly type: 'join-admitted';
  readonly requestHash: Uint8Array;
  readonly admitterKey: Uint8Array;
  /** Key epoch of the sealed key (0 until the first rotation). */
  readonly epoch: number;
  /** The current case key sealed to the joiner (shared/membership/sealed-key.ts). */
  readonly sealedCaseKey: Uint8Array;
  readonly signature: Uint8Array;
}

export interface JoinRefused {
  readonly v: 1;
  readonly type: 'join-refused';
  readonly requestHash: Uint8Array;
  readonly admitterKey: Uint8Array;
  readonly reason: JoinRefusalCode;
  readonly signature: Uint8Array;
}

export type JoinMessage = JoinRequest | JoinAdmitted | JoinRefused;

/** Encodes a message. Field sizes are the caller's contract; they are checked on decoding. */
export function encodeJoinMessage(message: JoinMessage): Uint8Array {
  const writer = new ByteWriter().u8(JOIN_PROTOCOL_VERSION).u8(TYPE_CODES[message.type]);
  switch (message.type) {
    case 'join-request':
      return writer
        .u16(message.invite.length)
        .bytes(message.invite)
        .bytes(message.joinerKey)
        .shortString(message.displayName)
        .shortString(message.organisation)
        .u64(message.requestedAt)
        .bytes(message.nonce)
        .bytes(message.proof)
        .bytes(message.identitySignature)
        .finish();
    case 'join-admitted':
      return writeResponseBody(writer, message)
        .u32(message.epoch)
        .u16(message.sealedCaseKey.length)
        .bytes(message.sealedCaseKey)
        .bytes(message.signature)
        .finish();
    case 'join-refused':
      return writeResponseBody(writer, message)
        .u8(JOIN_REFUSAL_CODES.indexOf(message.reason))
        .bytes(message.signature)
        .finish();
  }
}

function writeResponseBody(writer: ByteWriter, message: JoinAdmitted | JoinRefused): ByteWriter {
  return writer.bytes(message.requestHash).bytes(message.admitterKey);
}

/** The bytes an admitting member signs: the whole response up to its signature. */
export function responseSignedBytes(encoded: Uint8Array): Uint8Array {
  return encoded.subarray(0, encoded.length - SIGNATURE_BYTES);
}

export type DecodeJoinMessageResult =
  | { readonly ok: true; readonly message: JoinMessage }
  | { readonly ok: false; readonly error: 'unsupported-version' | 'malformed'; readonly version?: number };

const MALFORMED = { ok: false, error: 'malformed' } as const;

function validName(value: string | undefined): value is string {
  return value !== undefined && value.trim().length > 0 && utf8Length(value) <= MAX_NAME_BYTES;
}

/** Decodes any join message; never throws. Signatures are checked by join-request.ts. */
export function decodeJoinMessage(bytes: unknown): DecodeJoinMessageResult {
  if (!(bytes instanceof Uint8Array)) return MALFORMED;
  const reader = new ByteReader(bytes);
  const version = reader.u8();
  if (version === undefined) return MALFORMED;
  if (version !== JOIN_PROTOCOL_VERSION) return { ok: false, error: 'unsupported-version', version };
  const type = reader.u8();
  let message: JoinMessage | undefined;
  if (type === TYPE_CODES['join-request']) {
    const inviteLength = reader.u16();
    const invite =
      inviteLength !== undefined && inviteLength <= MAX_INVITE_BYTES ? reader.bytes(inviteLength) : undefined;
    const joinerKey = reader.bytes(PUBLIC_KEY_BYTES);
    const displayName = reader.shortString();
    const organisation = reader.shortString();
    const requestedAt = reader.u64();
    const nonce = reader.bytes(NONCE_BYTES);
    const proof = reader.bytes(SIGNATURE_BYTES);
    const identitySignature = reader.bytes(SIGNATURE_BYTES);
    if (
      invite &&
      joinerKey &&
      validName(displayName) &&
      validName(organisation) &&
      requestedAt !== undefined &&
      nonce &&
      proof &&
      identitySignature
    ) {
      message = {
        v: 1,
        type: 'join-request',
        invite,
        joinerKey,
        displayName,
        organisation,
        requestedAt,
        nonce,
        proof,
        identitySignature,
      };
    }
  } else if (type === TYPE_CODES['join-admitted'] || type === TYPE_CODES['join-refused']) {
    const requestHash = reader.bytes(REQUEST_HASH_BYTES);
    const admitterKey = reader.bytes(PUBLIC_KEY_BYTES);
    if (requestHash && admitterKey) {
      if (type === TYPE_CODES['join-admitted']) {
        const epoch = reader.u32();
        const sealedLength = reader.u16();
        const sealedCaseKey =
          sealedLength !== undefined && sealedLength <= MAX_SEALED_KEY_BYTES
            ? reader.bytes(sealedLength)
            : undefined;
        const signature = reader.bytes(SIGNATURE_BYTES);
        if (epoch !== undefined && sealedCaseKey && signature) {
          message = {
            v: 1,
            type: 'join-admitted',
            requestHash,
            admitterKey,
            epoch,
            sealedCaseKey,
            signature,
          };
        }
      } else {
        const reason = JOIN_REFUSAL_CODES[reader.u8() ?? -1];
        const signature = reader.bytes(SIGNATURE_BYTES);
        if (reason && signature)
          message = { v: 1, type: 'join-refused', requestHash, admitterKey, reason, signature };
      }
    }
  }
  if (!message || reader.remaining !== 0) return MALFORMED;
  return { ok: true, message };
}
