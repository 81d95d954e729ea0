import { sodium } from '../../../shared/crypto/sodium';
import { fromHex, toHex } from '../../../shared/identity/bytes';
import { type CaseKey, CaseKeyring, caseKeyFromBytes } from '../../../shared/signed/case-key';
import { type CaseGenesis, checkGenesis } from '../../../shared/signed/genesis';

const STORAGE_KEY = 'casepact.cases.v1';
const DOMAIN = 'casepact/local-case-records/v1';

/** What this device must remember to reopen a case: its genesis and every key it has held. */
export interface CaseRecord {
  readonly genesis: CaseGenesis;
  readonly keyring: CaseKeyring;
  readonly addedAt: number;
}

interface StoredRecord {
  readonly caseId: string;
  readonly nonce: string;
  readonly sealed: string;
}

interface PlainRecord {
  readonly genesis: CaseGenesis;
  /** Hex keys, the current one last. */
  readonly keys: readonly string[];
  readonly addedAt: number;
}

/**
 * The cases this device holds. Case keys are secrets, so each record is sealed
 * (crypto_secretbox) under a key derived from the unlocked identity's seed: nothing
 * readable is written, and nothing opens while the identity is locked.
 */
export class CaseRecords {
  private readonly key: Uint8Array;

  /** `storage`: the device's localStorage (tests give each person their own). */
  constructor(
    identitySeed: Uint8Array,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage,
  ) {
    const s = sodium();
    this.key = s.crypto_generichash(32, s.from_string(DOMAIN), identitySeed);
  }

  private stored(): StoredRecord[] {
    try {
      const value = JSON.parse(this.storage.getItem(STORAGE_KEY) ?? '[]') as unknown;
      return Array.isArray(value) ? (value as StoredRecord[]) : [];
    } catch {
      return [];
    }
  }

  caseIds(): string[] {
    return this.stored().map((entry) => entry.caseId);
  }

  get(caseId: string): CaseRecord | undefined {
    const entry = this.stored().find((candidate) => candidate.caseId === caseId);
    if (!entry) return undefined;
    const s = sodium();
    let plain: PlainRecord;
    try {
      const bytes = s.crypto_secretbox_open_easy(
        s.from_base64(entry.sealed),
        s.from_base64(entry.nonce),
        this.key,
      );
      plain = JSON.parse(s.to_string(bytes)) as PlainRecord;
    } catch {
      return undefined;
    }
    const genesis = checkGenesis(plain.genesis);
    const keys = plain.keys.map((hex) => fromHex(hex)).filter((key): key is Uint8Array => key?.length === 32);
    const current = keys.at(-1);
    if (!genesis.ok || !current) return undefined;
    const older: CaseKey[] = keys.slice(0, -1).map(caseKeyFromBytes);
    return {
      genesis: genesis.value,
      keyring: new CaseKeyring(caseKeyFromBytes(current), older),
      addedAt: plain.addedAt,
    };
  }

  put(record: CaseRecord): void {
    const s = sodium();
    const current = record.keyring.current;
    const keys = [...record.keyring.all().filter((key) => key.keyId !== current.keyId), current].map((key) =>
      toHex(key.key),
    );
    const plain: PlainRecord = { genesis: record.genesis, keys, addedAt: record.addedAt };
    const nonce = s.randombytes_buf(s.crypto_secretbox_NONCEBYTES);
    const sealed = s.crypto_secretbox_easy(s.from_string(JSON.stringify(plain)), nonce, this.key);
    const others = this.stored().filter((entry) => entry.caseId !== record.genesis.caseId);
    others.push({ caseId: record.genesis.caseId, nonce: s.to_base64(nonce), sealed: s.to_base64(sealed) });
    this.storage.setItem(STORAGE_KEY, JSON.stringify(others));
  }

  /** Seals a small private value (notes) under the same device key. */
  seal(text: string): { nonce: string; sealed: string } {
    const s = sodium();
    const nonce = s.randombytes_buf(s.crypto_secretbox_NONCEBYTES);
    return {
      nonce: s.to_base64(nonce),
      sealed: s.to_base64(s.crypto_secretbox_easy(s.from_string(text), nonce, this.key)),
    };
  }

  open(box: { nonce: string; sealed: string }): string | undefined {
    const s = sodium();
    try {
      return s.to_string(
        s.crypto_secretbox_open_easy(s.from_base64(box.sealed), s.from_base64(box.nonce), this.key),
      );
    } catch {
      return undefined;
    }
  }
}
