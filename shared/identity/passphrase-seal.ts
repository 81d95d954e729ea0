import { sodium } from '../crypto/sodium';
import { fromBase64, toBase64, utf8 } from './bytes';
import type { KeySeal, SealError, SealedSecret } from './key-seal';
import type { Result } from './result';
import { err, ok } from './result';

/**
 * Passphrase seal (design.md §3, browser and CLI): key = Argon2id v1.3 (the algorithm of libsodium's
 * crypto_pwhash ALG_ARGON2ID13, parallelism 1), secret = crypto_secretbox (XSalsa20-Poly1305).
 * libsodium's sumo build (shared/crypto/sodium.ts) provides crypto_pwhash natively.
 */
export const PASSPHRASE_SEAL_KIND = 'passphrase-v1';

export interface PassphraseSealParams {
  /** Argon2id passes (crypto_pwhash opslimit). */
  readonly opsLimit: number;
  /** Argon2id memory in bytes (crypto_pwhash memlimit); a multiple of 1024. */
  readonly memLimit: number;
}

/** OWASP's minimum for Argon2id (19 MiB, 2 passes): under a second in pure JS on a laptop. */
export const DEFAULT_PASSPHRASE_PARAMS: PassphraseSealParams = { opsLimit: 2, memLimit: 19 * 1024 * 1024 };

/** Bounds accepted when opening: a blob must not make us spend a gigabyte or a minute. */
const MIN_OPS = 1;
const MAX_OPS = 10;
const MIN_MEM = 8 * 1024;
const MAX_MEM = 256 * 1024 * 1024;
export const MIN_PASSPHRASE_LENGTH = 8;

async function deriveKey(
  passphrase: string,
  salt: Uint8Array,
  params: PassphraseSealParams,
): Promise<Uint8Array> {
  const s = sodium();
  const password = utf8(passphrase.normalize('NFKC'));
  return s.crypto_pwhash(
    32,
    password,
    salt,
    params.opsLimit,
    params.memLimit,
    s.crypto_pwhash_ALG_ARGON2ID13,
  );
}

function paramsRefusal(opsLimit: unknown, memLimit: unknown): string | undefined {
  if (!Number.isInteger(opsLimit) || (opsLimit as number) < MIN_OPS || (opsLimit as number) > MAX_OPS) {
    return `opsLimit must be an integer from ${MIN_OPS} to ${MAX_OPS}`;
  }
  if (
    !Number.isInteger(memLimit) ||
    (memLimit as number) < MIN_MEM ||
    (memLimit as number) > MAX_MEM ||
    (memLimit as number) % 1024 !== 0
  ) {
    return `memLimit must be a multiple of 1024 from ${MIN_MEM} to ${MAX_MEM} bytes`;
  }
  return undefined;
}

/** Creates a passphrase seal. The passphrase stays in this closure; it is never logged or stored. */
export function passphraseSeal(
  passphrase: string,
  params: PassphraseSealParams = DEFAULT_PASSPHRASE_PARAMS,
): KeySeal {
  return {
    kind: PASSPHRASE_SEAL_KIND,
    async seal(secret: Uint8Array): Promise<SealedSecret> {
      const refusal = paramsRefusal(params.opsLimit, params.memLimit);
      if (refusal) throw new RangeError(refusal);
      const s = sodium();
      const salt = s.randombytes_buf(16);
      const nonce = s.randombytes_buf(s.crypto_secretbox_NONCEBYTES);
      const key = await deriveKey(passphrase, salt, params);
      const ciphertext = s.crypto_secretbox_easy(secret, nonce, key);
      s.memzero(key);
      return {
        kind: PASSPHRASE_SEAL_KIND,
        kdf: 'argon2id13',
        opsLimit: params.opsLimit,
        memLimit: params.memLimit,
        salt: toBase64(salt),
        nonce: toBase64(nonce),
        ciphertext: toBase64(ciphertext),
      };
    },
    async open(sealed: SealedSecret): Promise<Result<Uint8Array, SealError>> {
      if (sealed.kind !== PASSPHRASE_SEAL_KIND) {
        return err({
          code: 'seal-wrong-kind',
          message: `this secret is sealed with "${sealed.kind}", not a passphrase`,
        });
      }
      if (sealed.kdf !== 'argon2id13') {
        return err({ code: 'seal-malformed', message: 'unknown key derivation (expected argon2id13)' });
      }
      const refusal = paramsRefusal(sealed.opsLimit, sealed.memLimit);
      if (refusal) return err({ code: 'seal-parameters-refused', message: refusal });
      const s = sodium();
      const salt = typeof sealed.salt === 'string' ? fromBase64(sealed.salt) : undefined;
      const nonce = typeof sealed.nonce === 'string' ? fromBase64(sealed.nonce) : undefined;
      const ciphertext = typeof sealed.ciphertext === 'string' ? fromBase64(sealed.ciphertext) : undefined;
      if (
        salt?.length !== 16 ||
        !nonce ||
        nonce.length !== s.crypto_secretbox_NONCEBYTES ||
        !ciphertext ||
        ciphertext.length < s.crypto_secretbox_MACBYTES
      ) {
        return err({
          code: 'seal-malformed',
          message: 'the sealed secret is damaged (salt, nonce or ciphertext)',
        });
      }
      const key = await deriveKey(passphrase, salt, {
        opsLimit: sealed.opsLimit as number,
        memLimit: sealed.memLimit as number,
      });
      try {
        return ok(s.crypto_secretbox_open_easy(ciphertext, nonce, key));
      } catch {
        return err({
          code: 'seal-open-failed',
          message: 'wrong passphrase, or the sealed secret was altered',
        });
      } finally {
        s.memzero(key);
      }
    },
  };
}
