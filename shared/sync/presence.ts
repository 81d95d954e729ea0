import * as encoding from 'lib0/encoding';
import type { Awareness } from 'y-protocols/awareness';
import { sodium } from '../crypto/sodium';

/**
 * Presence (design.md §7: "who is online, who is typing uses awareness and is marked as
 * such"). Awareness states are not part of the signed log: anyone holding the case key can
 * claim any name there. A claim counts as `verified` only when it carries an Ed25519
 * signature by the claimed member over the room, the awareness client id and a fresh time;
 * everything else is shown as `unverified` with the reason.
 */

/** Key of our entry inside an awareness state. */
export const PRESENCE_FIELD = 'casepact';
/** Domain separation string of presence signatures (docs/sync.md). */
export const PRESENCE_SIGNING_DOMAIN = 'casepact/presence/v1';
/** Claims older (or further in the future) than this are `stale`. */
export const PRESENCE_MAX_AGE_MS = 60_000;
/**
 * How often a peer re-signs its claim with a fresh time. Awareness re-sends the local state every
 * 15 s, but the same state: its `at` ages, and a peer idle for a minute would turn `stale`
 * (shown offline) although it never left.
 */
export const PRESENCE_RENEW_MS = 20_000;
const MAX_TEXT = 200;

/** What a peer is doing right now. */
export type PresenceActivity = 'active' | 'idle' | 'typing';
const ACTIVITIES: readonly PresenceActivity[] = ['active', 'idle', 'typing'];

/** A presence claim as published in awareness (`state.casepact`). */
export interface PresenceClaim {
  readonly v: 1;
  readonly memberId: string;
  readonly displayName: string;
  readonly activity: PresenceActivity;
  /** Epoch ms when the claim was made (re-made on every change and renewal). */
  readonly at: number;
  /** base64url Ed25519 signature over {@link presenceSigningBytes}; absent = unsigned. */
  readonly sig?: string;
}

/** Why a presence entry is not verified. */
export type PresenceUnverifiedReason =
  | 'anonymous'
  | 'unsigned'
  | 'bad-signature'
  | 'unknown-member'
  | 'stale'
  | 'malformed';

/** One peer in the presence list. */
export interface PresencePeer {
  readonly clientId: number;
  readonly self: boolean;
  /** Claimed member id and name: only trustworthy when `verified` is true. */
  readonly memberId: string | null;
  readonly displayName: string | null;
  readonly activity: PresenceActivity | null;
  readonly at: number | null;
  readonly verified: boolean;
  readonly reason: PresenceUnverifiedReason | null;
}

/** Checks a signature by `memberId`; `unknown-member` when the id is not a current member. */
export type PresenceVerifier = (
  memberId: string,
  message: Uint8Array,
  signature: Uint8Array,
) => 'ok' | 'bad-signature' | 'unknown-member';

/** Canonical bytes a presence claim signature covers (length-prefixed, lib0 encoding). */
export function presenceSigningBytes(
  roomName: string,
  clientId: number,
  claim: Omit<PresenceClaim, 'sig'>,
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, PRESENCE_SIGNING_DOMAIN);
  encoding.writeVarString(encoder, roomName);
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarString(encoder, claim.memberId);
  encoding.writeVarString(encoder, claim.displayName);
  encoding.writeVarString(encoder, claim.activity);
  encoding.writeVarUint(encoder, Math.max(0, Math.floor(claim.at)));
  return encoding.toUint8Array(encoder);
}

/**
 * Publishes our presence in `awareness`, signed with `sign` (detached Ed25519 by the member's
 * identity key) when given. `roomName` binds the signature to this case's room.
 */
export function publishPresence(
  awareness: Awareness,
  roomName: string,
  claim: Omit<PresenceClaim, 'sig' | 'v'>,
  sign?: (message: Uint8Array) => Uint8Array,
): PresenceClaim {
  const unsigned: PresenceClaim = { v: 1, ...claim, at: Math.floor(claim.at) };
  const published: PresenceClaim = sign
    ? {
        ...unsigned,
        sig: sodium().to_base64(
          sign(presenceSigningBytes(roomName, awareness.clientID, unsigned)),
          sodium().base64_variants.URLSAFE_NO_PADDING,
        ),
      }
    : unsigned;
  awareness.setLocalStateField(PRESENCE_FIELD, published);
  return published;
}

/**
 * A {@link PresenceVerifier} over libsodium `crypto_sign_verify_detached`; `publicKeyOf`
 * returns the Ed25519 public key of a current member, or null.
 */
export function ed25519PresenceVerifier(
  publicKeyOf: (memberId: string) => Uint8Array | null,
): PresenceVerifier {
  return (memberId, message, signature) => {
    const publicKey = publicKeyOf(memberId);
    if (!publicKey) return 'unknown-member';
    try {
      return sodium().crypto_sign_verify_detached(signature, message, publicKey) ? 'ok' : 'bad-signature';
    } catch {
      return 'bad-signature';
    }
  };
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_TEXT;
}

function parseClaim(state: unknown): PresenceClaim | 'anonymous' | null {
  if (typeof state !== 'object' || state === null) return null;
  const claim = (state as Record<string, unknown>)[PRESENCE_FIELD];
  // A client in the room that published no presence at all (e.g. a stock y-webrtc client).
  if (claim === undefined) return 'anonymous';
  if (typeof claim !== 'object' || claim === null) return null;
  const c = claim as Record<string, unknown>;
  if (c.v !== 1 || !isText(c.memberId) || !isText(c.displayName)) return null;
  if (!ACTIVITIES.includes(c.activity as PresenceActivity)) return null;
  if (typeof c.at !== 'number' || !Number.isSafeInteger(c.at) || c.at < 0) return null;
  if (c.sig !== undefined && typeof c.sig !== 'string') return null;
  return c as unknown as PresenceClaim;
}

/** Options of {@link readPresence}. */
export interface ReadPresenceOptions {
  readonly selfClientId: number;
  readonly roomName: string;
  readonly now: number;
  /** Without a verifier nothing is verified (e.g. before the member list is loaded). */
  readonly verify?: PresenceVerifier;
  readonly maxAgeMs?: number;
}

/** Turns awareness states into the presence list, each entry verified or marked why not. */
export function readPresence(
  states: ReadonlyMap<number, unknown>,
  options: ReadPresenceOptions,
): PresencePeer[] {
  const maxAge = options.maxAgeMs ?? PRESENCE_MAX_AGE_MS;
  const peers: PresencePeer[] = [];
  for (const [clientId, state] of states) {
    const self = clientId === options.selfClientId;
    const claim = parseClaim(state);
    if (claim === null || claim === 'anonymous') {
      peers.push({
        clientId,
        self,
        memberId: null,
        displayName: null,
        activity: null,
        at: null,
        verified: false,
        reason: claim === null ? 'malformed' : 'anonymous',
      });
      continue;
    }
    const base = {
      clientId,
      self,
      memberId: claim.memberId,
      displayName: claim.displayName,
      activity: claim.activity,
      at: claim.at,
    };
    peers.push({ ...base, ...judge(claim, clientId, options, maxAge) });
  }
  return peers.sort((a, b) => Number(b.self) - Number(a.self) || a.clientId - b.clientId);
}

function judge(
  claim: PresenceClaim,
  clientId: number,
  options: ReadPresenceOptions,
  maxAge: number,
): { verified: boolean; reason: PresenceUnverifiedReason | null } {
  if (claim.sig === undefined) return { verified: false, reason: 'unsigned' };
  if (Math.abs(options.now - claim.at) > maxAge) return { verified: false, reason: 'stale' };
  if (!options.verify) return { verified: false, reason: 'unknown-member' };
  let signature: Uint8Array;
  try {
    signature = sodium().from_base64(claim.sig, sodium().base64_variants.URLSAFE_NO_PADDING);
  } catch {
    return { verified: false, reason: 'bad-signature' };
  }
  const verdict = options.verify(
    claim.memberId,
    presenceSigningBytes(options.roomName, clientId, claim),
    signature,
  );
  return verdict === 'ok' ? { verified: true, reason: null } : { verified: false, reason: verdict };
}
