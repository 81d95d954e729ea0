import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { sodium } from '../../shared/crypto/sodium';
import { fromBase64, toBase64, utf8 } from '../../shared/identity/bytes';
import type { Identity } from '../../shared/identity/identity';
import type { CaseKey } from '../../shared/signed/case-key';
import { adoptCaseKeys } from '../../shared/membership/case-keys';
import { CaseKeyring, caseKeyFromBytes } from '../../shared/signed/case-key';
import type { CaseGenesis } from '../../shared/signed/genesis';
import { checkGenesis } from '../../shared/signed/genesis';
import { decodeEnvelope } from '../../shared/signed/envelope';
import { openLogEntry } from '../../shared/signed/log-entry';
import { CaseReplica, LOG_MAP } from '../../shared/signed/replica';
import { CliError } from '../command';
import { ensurePrivateDir, writeFileAtomic } from './fs-durable';
import { CASES_DIR } from './home';
import { withCaseLock } from './lock';
import { fileSizeOf, ownEntriesSince } from './lock-tail';
import { appendLog, readLog } from './log-file';

/** Readers and appenders of log.bin hold the case lock (lock.ts), so `casepact serve` can share the home. */
const busy = (error: { message: string }) => new CliError(`${error.message}; try again in a moment`);

function authorOf(replica: CaseReplica, key: string, sealed: Uint8Array): string | null {
  const opened = openLogEntry(replica.keyring, replica.caseId, key, sealed);
  const decoded = opened.ok ? decodeEnvelope(opened.value) : null;
  return decoded?.ok ? decoded.value.author : null;
}

/**
 * One case on disk (docs/envelope.md "CLI store"): cases/<caseId>/case.json holds the genesis and
 * the case keys sealed for this identity; cases/<caseId>/log.bin the sealed log entries. Opening a
 * case replays and verifies the whole log through the pipeline: nothing is trusted from disk.
 */
export interface CaseMeta {
  readonly format: 'casepact-case';
  readonly version: 1;
  readonly genesis: CaseGenesis;
  readonly owner: string;
  readonly createdAt: number;
  /** Case keys, oldest first, each crypto_secretbox-sealed with a key derived from the identity seed. */
  readonly keys: readonly { readonly keyId: string; readonly sealed: string }[];
}

const STORE_KEY_DOMAIN = utf8('casepact/cli-store/v1');

function storeKey(identity: Identity): Uint8Array {
  return sodium().crypto_generichash(32, STORE_KEY_DOMAIN, identity.seed);
}

function sealKey(identity: Identity, key: CaseKey): { keyId: string; sealed: string } {
  const s = sodium();
  const nonce = s.randombytes_buf(s.crypto_secretbox_NONCEBYTES);
  const box = s.crypto_secretbox_easy(key.key, nonce, storeKey(identity));
  const sealed = new Uint8Array(nonce.length + box.length);
  sealed.set(nonce);
  sealed.set(box, nonce.length);
  return { keyId: key.keyId, sealed: toBase64(sealed) };
}

function openKey(identity: Identity, entry: { keyId: string; sealed: string }): CaseKey {
  const s = sodium();
  const bytes = fromBase64(entry.sealed);
  if (!bytes || bytes.length < s.crypto_secretbox_NONCEBYTES + 16)
    throw new CliError('a case key in the store is damaged');
  try {
    const key = caseKeyFromBytes(
      s.crypto_secretbox_open_easy(
        bytes.subarray(s.crypto_secretbox_NONCEBYTES),
        bytes.subarray(0, s.crypto_secretbox_NONCEBYTES),
        storeKey(identity),
      ),
    );
    if (key.keyId !== entry.keyId) throw new Error('key id');
    return key;
  } catch {
    throw new CliError('this case was stored by another identity (its keys do not open)');
  }
}

export function caseDir(home: string, caseId: string): string {
  return join(home, CASES_DIR, caseId);
}

/** Case ids stored under this home. */
export function listCases(home: string): string[] {
  const dir = join(home, CASES_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'case.json')))
    .sort();
}

/** Finds a case by id or unique prefix (at least 4 characters); one-line errors otherwise. */
export function resolveCaseId(home: string, given: string | undefined): string {
  if (!given) throw new CliError('which case? give its id (see "casepact case list")', 2);
  const all = listCases(home);
  if (all.includes(given)) return given;
  const matches = given.length >= 4 ? all.filter((id) => id.startsWith(given)) : [];
  if (matches.length === 1) return matches[0] as string;
  if (matches.length > 1)
    throw new CliError(`"${given}" matches ${matches.length} cases: give more of the id`, 2);
  throw new CliError(`no case "${given}" in this CASEPACT_HOME`, 2);
}

export interface OpenedCase {
  readonly replica: CaseReplica;
  /** Writes every log entry not yet on disk, fsynced. Call before reporting success. */
  persist(): void;
  /** Notes about repairs or refused entries met while opening (one line each). */
  readonly notes: readonly string[];
}

export class CaseStore {
  private constructor(
    readonly dir: string,
    /** Replaced when keys are added (saveKeys). */
    public meta: CaseMeta,
  ) {}

  /** Creates the folder of a new case. */
  static create(
    home: string,
    identity: Identity,
    genesis: CaseGenesis,
    keyring: CaseKeyring,
    createdAt: number,
  ): CaseStore {
    const dir = caseDir(home, genesis.caseId);
    ensurePrivateDir(dir);
    const meta: CaseMeta = {
      format: 'casepact-case',
      version: 1,
      genesis,
      owner: identity.id,
      createdAt,
      // The current key last: keyring() makes the last key current.
      keys: [...keyring.all().filter((k) => k.keyId !== keyring.current.keyId), keyring.current].map((key) =>
        sealKey(identity, key),
      ),
    };
    writeFileAtomic(join(dir, 'case.json'), `${JSON.stringify(meta, null, 2)}\n`);
    return new CaseStore(dir, meta);
  }

  static open(home: string, caseId: string): CaseStore {
    const dir = caseDir(home, caseId);
    let meta: CaseMeta;
    try {
      meta = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as CaseMeta;
    } catch {
      throw new CliError(`the case folder ${dir} is damaged (case.json unreadable)`);
    }
    const genesis = checkGenesis(meta?.genesis);
    if (meta?.format !== 'casepact-case' || meta.version !== 1 || !genesis.ok || !Array.isArray(meta.keys)) {
      throw new CliError(`the case folder ${dir} is damaged (case.json invalid)`);
    }
    return new CaseStore(dir, meta);
  }

  keyring(identity: Identity): CaseKeyring {
    const keys = this.meta.keys.map((entry) => openKey(identity, entry));
    const current = keys[keys.length - 1];
    if (!current) throw new CliError('the case has no key');
    return new CaseKeyring(current, keys.slice(0, -1));
  }

  /**
   * Stores every key of `keyring` sealed for `identity`, its current key last (what `keyring()`
   * makes current), keeping keys another process of this home added meanwhile. Under the case lock.
   */
  saveKeys(identity: Identity, keyring: CaseKeyring): void {
    const path = join(this.dir, 'case.json');
    withCaseLock(
      this.dir,
      () => {
        let onDisk: CaseMeta = this.meta;
        try {
          onDisk = JSON.parse(readFileSync(path, 'utf8')) as CaseMeta;
        } catch {
          // unreadable now: write what this process knows
        }
        const current = keyring.current;
        const mine = [...keyring.all().filter((k) => k.keyId !== current.keyId), current];
        const sealed = new Map((onDisk.keys ?? []).map((entry) => [entry.keyId, entry] as const));
        const keys = [
          ...(onDisk.keys ?? []).filter((entry) => !mine.some((k) => k.keyId === entry.keyId)),
          ...mine.map((k) => sealed.get(k.keyId) ?? sealKey(identity, k)),
        ];
        const meta: CaseMeta = { ...onDisk, keys };
        writeFileAtomic(path, `${JSON.stringify(meta, null, 2)}\n`);
        this.meta = meta;
      },
      busy,
    );
  }

  /**
   * Returns persist(): appends every log entry of `replica` not yet on disk (its own signed changes
   * and any received ones) and fsyncs. `stored` names the keys already in the file; `since`, the
   * file's size when they were read: an entry of this identity appended after that by another
   * process (two commands at once) means our new change would fork its chain, so it is refused.
   */
  attach(replica: CaseReplica, stored: Set<string> = new Set(), since?: number): () => void {
    const logPath = join(this.dir, 'log.bin');
    const entries = replica.log.getMap<Uint8Array>(LOG_MAP);
    return () => {
      replica.flush();
      const fresh = [...entries.entries()].filter(([key]) => !stored.has(key));
      if (fresh.length === 0) return;
      withCaseLock(
        this.dir,
        (lock) => {
          // A holder that died mid-append may have left a torn record: cut it before appending.
          if (lock.recovered) readLog(logPath);
          const me = replica.identity?.id;
          if (since !== undefined && me !== undefined) {
            const seen = ownEntriesSince(logPath, since, stored, me, (k, b) => authorOf(replica, k, b));
            if (seen.conflict) {
              throw new CliError(
                'another casepact command changed this case at the same time: nothing was saved, run the command again',
              );
            }
          }
          appendLog(
            logPath,
            fresh.map(([key, sealed]) => ({ key, sealed })),
          );
          if (since !== undefined) since = fileSizeOf(logPath);
        },
        busy,
      );
      for (const [key] of fresh) stored.add(key);
    };
  }

  /** Loads the log from disk, replays and verifies it into a replica signing as `identity`. */
  load(identity: Identity, keyring: CaseKeyring = this.keyring(identity)): OpenedCase {
    const logPath = join(this.dir, 'log.bin');
    const notes: string[] = [];
    const read = withCaseLock(this.dir, () => ({ ...readLog(logPath), size: fileSizeOf(logPath) }), busy);
    if (read.repaired?.kind === 'torn-tail')
      notes.push(
        `dropped an incomplete last record (${read.repaired.bytes} bytes) left by an interrupted write`,
      );
    if (read.repaired?.kind === 'damaged')
      notes.push(`set ${read.repaired.bytes} damaged bytes aside to ${read.repaired.aside}`);
    const log = new Y.Doc();
    const entries = log.getMap<Uint8Array>(LOG_MAP);
    const stored = new Set<string>();
    log.transact(() => {
      for (const record of read.records) {
        entries.set(record.key, record.sealed);
        stored.add(record.key);
      }
    });
    let replica = new CaseReplica({ genesis: this.meta.genesis, keyring, identity, log });
    // Key rotations this identity can open (docs/invite-link.md §3): adopt and store their keys;
    // entries sealed with a key the replica lacked were refused, so replay with the new keys.
    for (let round = 0; round < 8; round++) {
      const adopted = adoptCaseKeys(sodium(), replica.contract, replica.caseId, identity, keyring);
      if (adopted.added.length > 0 || adopted.currentChanged) this.saveKeys(identity, keyring);
      if (adopted.added.length === 0) break;
      replica.destroy();
      replica = new CaseReplica({ genesis: this.meta.genesis, keyring, identity, log });
    }
    const { refused, waiting } = replica.quarantine();
    if (refused.length > 0)
      notes.push(`${refused.length} stored change(s) failed verification and stay quarantined`);
    if (waiting.length > 0) notes.push(`${waiting.length} stored change(s) wait for earlier changes`);
    const persist = this.attach(replica, stored, read.size);
    return { replica, persist, notes };
  }
}
