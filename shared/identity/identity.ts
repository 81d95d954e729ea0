import { sodium } from '../crypto/sodium';
import type { MemberId } from './member-id';
import { fingerprint, memberIdFromPublicKey } from './member-id';
import type { Result } from './result';
import { err, ok } from './result';

/** What others may know about a person: id (= public key), names, and the key itself. */
export interface PublicIdentity {
  readonly id: MemberId;
  readonly publicKey: Uint8Array;
  readonly displayName: string;
  readonly organisation: string;
}

/**
 * An unlocked identity: the Ed25519 key pair (libsodium crypto_sign) plus names. Lives in memory
 * only; at rest the seed is sealed through a KeySeal (design.md §3).
 */
export interface Identity extends PublicIdentity {
  /** The 32-byte seed the key pair derives from: the only secret that is sealed and backed up. */
  readonly seed: Uint8Array;
  /** libsodium's 64-byte secret key (seed || public key), kept for signing. */
  readonly secretKey: Uint8Array;
}

export type IdentityError =
  | { readonly code: 'display-name-invalid'; readonly message: string }
  | { readonly code: 'organisation-invalid'; readonly message: string }
  | { readonly code: 'seed-invalid'; readonly message: string };

export const MAX_NAME_LENGTH = 100;

/** Trims, then refuses empty, over-long or control-character names (they end up in signed copies). */
export function validateName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.normalize('NFC').trim();
  if (trimmed.length === 0 || trimmed.length > MAX_NAME_LENGTH) return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(trimmed)) return undefined;
  return trimmed;
}

/** Builds an identity from a seed (restores a backup; deterministic test identities). */
export function identityFromSeed(
  seed: Uint8Array,
  displayName: string,
  organisation: string,
): Result<Identity, IdentityError> {
  if (seed.length !== 32) return err({ code: 'seed-invalid', message: 'an identity seed has 32 bytes' });
  const name = validateName(displayName);
  if (!name) {
    return err({
      code: 'display-name-invalid',
      message: `the display name must be 1 to ${MAX_NAME_LENGTH} printable characters`,
    });
  }
  const org = validateName(organisation);
  if (!org) {
    return err({
      code: 'organisation-invalid',
      message: `the organisation must be 1 to ${MAX_NAME_LENGTH} printable characters`,
    });
  }
  const pair = sodium().crypto_sign_seed_keypair(seed);
  return ok({
    id: memberIdFromPublicKey(pair.publicKey),
    publicKey: pair.publicKey,
    displayName: name,
    organisation: org,
    seed: seed.slice(),
    secretKey: pair.privateKey,
  });
}

/** Creates a fresh identity with a random seed. */
export function createIdentity(displayName: string, organisation: string): Result<Identity, IdentityError> {
  return identityFromSeed(sodium().randombytes_buf(32), displayName, organisation);
}

/** Drops the secret parts. */
export function toPublicIdentity(identity: PublicIdentity): PublicIdentity {
  return {
    id: identity.id,
    publicKey: identity.publicKey,
    displayName: identity.displayName,
    organisation: identity.organisation,
  };
}

/** "Ada Lovelace (Analytical Engines) K7QM-2XHA-PD4T-W3NB": how people are shown where trust matters. */
export function describeIdentity(identity: PublicIdentity): string {
  return `${identity.displayName} (${identity.organisation}) ${fingerprint(identity.publicKey)}`;
}
