import { sodium } from '../crypto/sodium';
import { concatBytes, toHex, utf8 } from '../identity/bytes';

/**
 * The random 32-byte case key (design.md §3) that encrypts every log entry of a case. Keys rotate
 * when a member is removed (issue 6), so a replica holds a keyring; entries name their key by id.
 */
export interface CaseKey {
  /** 16 hex characters: BLAKE2b-256("casepact/case-key-id/v1" || key)[0..8]. Not secret. */
  readonly keyId: string;
  readonly key: Uint8Array;
}

const KEY_ID_DOMAIN = utf8('casepact/case-key-id/v1');

export function caseKeyFromBytes(key: Uint8Array): CaseKey {
  if (key.length !== 32) throw new RangeError('a case key has 32 bytes');
  const digest = sodium().crypto_generichash(32, concatBytes(KEY_ID_DOMAIN, key), null);
  return { keyId: toHex(digest.subarray(0, 8)), key: key.slice() };
}

export function newCaseKey(): CaseKey {
  return caseKeyFromBytes(sodium().randombytes_buf(32));
}

/** The keys of one case: `current` seals new entries, every key opens old ones. */
export class CaseKeyring {
  private readonly keys = new Map<string, CaseKey>();
  private currentKey: CaseKey;

  constructor(current: CaseKey, older: readonly CaseKey[] = []) {
    for (const key of older) this.keys.set(key.keyId, key);
    this.keys.set(current.keyId, current);
    this.currentKey = current;
  }

  get current(): CaseKey {
    return this.currentKey;
  }

  get(keyId: string): CaseKey | undefined {
    return this.keys.get(keyId);
  }

  all(): readonly CaseKey[] {
    return [...this.keys.values()];
  }

  /** Makes `key` the sealing key (after a rotation); older keys keep opening old entries. */
  rotateTo(key: CaseKey): void {
    this.keys.set(key.keyId, key);
    this.currentKey = key;
  }
}
