/**
 * A case key sealed to one member's identity (design.md §6: the new key after a removal is
 * "sealed to each remaining member's key"; also used to hand the current key to a newly
 * admitted member). libsodium `crypto_box_seal` to the X25519 form of the member's Ed25519
 * identity key (`crypto_sign_ed25519_pk_to_curve25519`), so no second key pair is needed.
 *
 * Plaintext: "cpk1" ‖ u32 epoch ‖ 16-byte case binding ‖ 32-byte case key, where the case
 * binding is BLAKE2b-128 of SEALED_KEY_DOMAIN ‖ case id. The recipient checks magic, epoch and
 * case binding, so a box cannot be replayed into another case or epoch.
 */
import type { Sodium } from '../crypto/sodium';
import { ByteReader, ByteWriter, concatBytes, constantTimeEqual, encodeUtf8 } from '../invite/bytes';

export const SEALED_KEY_DOMAIN = encodeUtf8('casepact/sealed-case-key/v1');
const MAGIC = encodeUtf8('cpk1');
const CASE_KEY_BYTES = 32;
const BINDING_BYTES = 16;
/** Size of one sealed case key: 48 bytes of crypto_box_seal overhead plus the plaintext. */
export const SEALED_CASE_KEY_BYTES = 48 + MAGIC.length + 4 + BINDING_BYTES + CASE_KEY_BYTES;

/** The Ed25519 identity an opened box is meant for (64-byte libsodium secret key). */
export interface SealRecipientKeys {
  readonly publicKey: Uint8Array;
  readonly secretKey: Uint8Array;
}

function caseBinding(na: Sodium, caseId: string): Uint8Array {
  return na.crypto_generichash(BINDING_BYTES, concatBytes(SEALED_KEY_DOMAIN, encodeUtf8(caseId)), null);
}

/** X25519 public key of an Ed25519 identity key, or `undefined` if it is not a valid point. */
export function x25519PublicKey(na: Sodium, ed25519PublicKey: Uint8Array): Uint8Array | undefined {
  try {
    return na.crypto_sign_ed25519_pk_to_curve25519(ed25519PublicKey);
  } catch {
    return undefined;
  }
}

/** Seals `caseKey` of `epoch` to `recipient` (Ed25519 public key); `undefined` for an invalid key. */
export function sealCaseKey(
  na: Sodium,
  caseKey: Uint8Array,
  recipient: Uint8Array,
  context: { readonly caseId: string; readonly epoch: number },
): Uint8Array | undefined {
  const x25519 = x25519PublicKey(na, recipient);
  if (!x25519 || caseKey.length !== CASE_KEY_BYTES) return undefined;
  const plaintext = new ByteWriter()
    .bytes(MAGIC)
    .u32(context.epoch)
    .bytes(caseBinding(na, context.caseId))
    .bytes(caseKey)
    .finish();
  const sealed = na.crypto_box_seal(plaintext, x25519);
  na.memzero(plaintext);
  return sealed;
}

/** Opens a sealed case key; `undefined` when it is not for this identity, case or epoch. */
export function openSealedCaseKey(
  na: Sodium,
  sealed: Uint8Array,
  recipient: SealRecipientKeys,
  context: { readonly caseId: string; readonly epoch: number },
): Uint8Array | undefined {
  if (sealed.length !== SEALED_CASE_KEY_BYTES) return undefined;
  let plaintext: Uint8Array;
  let secret: Uint8Array | undefined;
  try {
    const publicKey = na.crypto_sign_ed25519_pk_to_curve25519(recipient.publicKey);
    secret = na.crypto_sign_ed25519_sk_to_curve25519(recipient.secretKey);
    plaintext = na.crypto_box_seal_open(sealed, publicKey, secret);
  } catch {
    return undefined; // libsodium throws when the box was not sealed to this key
  } finally {
    if (secret) na.memzero(secret);
  }
  const reader = new ByteReader(plaintext);
  const magic = reader.bytes(MAGIC.length);
  const epoch = reader.u32();
  const binding = reader.bytes(BINDING_BYTES);
  const key = reader.bytes(CASE_KEY_BYTES);
  na.memzero(plaintext);
  if (
    !magic ||
    !constantTimeEqual(magic, MAGIC) ||
    epoch !== context.epoch ||
    !binding ||
    !constantTimeEqual(binding, caseBinding(na, context.caseId)) ||
    !key
  ) {
    return undefined;
  }
  return key;
}
