import { sodium } from '../crypto/sodium';
import type { SyncResult } from './sync-result';
import { syncFail, syncOk } from './sync-result';

/** Length of a case key in bytes (design.md §3: a random 32-byte key per case). */
export const CASE_KEY_BYTES = 32;

/** Version tag of the derivation; it prefixes the room name so a future scheme cannot collide. */
export const ROOM_DERIVATION_VERSION = 1;

/**
 * libsodium KDF contexts (exactly 8 bytes each). One context per purpose is the domain
 * separation: the room name, which the signaling server sees, and the y-webrtc password,
 * which it must not, come from unrelated BLAKE2b outputs of the same case key.
 */
export const ROOM_NAME_CONTEXT = 'cp-room1';
export const ROOM_PASSWORD_CONTEXT = 'cp-pass1';

const ROOM_NAME_PREFIX = `cp${ROOM_DERIVATION_VERSION}.`;
const SUBKEY_ID = 0;
const SUBKEY_BYTES = 32;

/** What a transport needs to join a case's room, derived from the case key alone. */
export interface RoomSecrets {
  /**
   * Topic on the signaling server: `cp1.` + 64 hex chars. Public to the signaling server,
   * reveals neither the case id nor its title (it is a keyed hash of the case key only).
   */
  readonly roomName: string;
  /**
   * y-webrtc `password` (base64url, 43 chars). y-webrtc turns it into an AES-GCM key that
   * encrypts signaling messages (SDP, ICE candidates) and BroadcastChannel traffic. Secret.
   */
  readonly password: string;
}

/**
 * Derives the room name and y-webrtc password of a case from its 32-byte case key with
 * `crypto_kdf_derive_from_key` (BLAKE2b keyed by the case key, salted with the subkey id and
 * personalised with the context). Requires `await sodiumReady()` beforehand.
 * Test vector: test/vectors/room-derivation.json; format: docs/sync.md.
 */
export function deriveRoomSecrets(caseKey: Uint8Array): SyncResult<RoomSecrets> {
  if (!(caseKey instanceof Uint8Array) || caseKey.length !== CASE_KEY_BYTES) {
    return syncFail({
      code: 'invalid-case-key',
      message: `a case key must be ${CASE_KEY_BYTES} bytes`,
    });
  }
  const na = sodium();
  const nameBytes = na.crypto_kdf_derive_from_key(SUBKEY_BYTES, SUBKEY_ID, ROOM_NAME_CONTEXT, caseKey);
  const passwordBytes = na.crypto_kdf_derive_from_key(
    SUBKEY_BYTES,
    SUBKEY_ID,
    ROOM_PASSWORD_CONTEXT,
    caseKey,
  );
  const secrets: RoomSecrets = {
    roomName: ROOM_NAME_PREFIX + na.to_hex(nameBytes),
    password: na.to_base64(passwordBytes, na.base64_variants.URLSAFE_NO_PADDING),
  };
  na.memzero(nameBytes);
  na.memzero(passwordBytes);
  return syncOk(secrets);
}
