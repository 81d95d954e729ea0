import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { sodiumReady } from '../../../shared/crypto/sodium';
import {
  type IdentityFile,
  publicIdentityOfFile,
  sealIdentity,
  serialiseIdentityFile,
  unlockIdentity,
} from '../../../shared/identity/backup';
import { createIdentity, type Identity } from '../../../shared/identity/identity';
import type { KeySeal } from '../../../shared/identity/key-seal';
import { fingerprint } from '../../../shared/identity/member-id';
import {
  DEFAULT_PASSPHRASE_PARAMS,
  PASSPHRASE_SEAL_KIND,
  type PassphraseSealParams,
  passphraseSeal,
} from '../../../shared/identity/passphrase-seal';
import { type IdentityStorage, identityStorage } from '../core/identity-storage';
import {
  KEYCHAIN_REFUSED_MESSAGE,
  type KeyProtection,
  resolveKeyProtection,
} from '../identity/key-protection';
import {
  KEY_STORE_UNREACHABLE,
  keyStoreCannotOpen,
  NOT_A_BACKUP,
  NOT_SAVED,
  passphraseProblem,
} from '../identity/identity-messages';
import { revealsSecret } from '../identity/secret-scan';
import type { Platform } from '../platform/platform';

export type IdentityStatus = 'loading' | 'none' | 'locked' | 'unlocked';

/** What the UI shows of the local identity; the secret key stays inside `identity`. */
export interface IdentitySummary {
  readonly id: string;
  readonly displayName: string;
  readonly organisation: string;
  readonly fingerprint: string;
}

/** A backup was handed to the user (`fileName` null when the browser chose it), or why not. */
export type BackupResult =
  | { readonly ok: true; readonly fileName: string | null }
  | { readonly ok: false; readonly cancelled: boolean; readonly message: string };

export interface IdentityState {
  readonly status: IdentityStatus;
  readonly summary?: IdentitySummary;
  readonly identity?: Identity;
  /** The stored identity file (seed sealed), exactly as written to this device. */
  readonly file?: IdentityFile;
  /** How this device protects a key; known once load() has asked the platform. */
  readonly protection?: KeyProtection;
  /** Why an identity sealed by the OS key store did not open, as a sentence. */
  readonly unlockProblem?: string;
  /** Asks the platform how keys are protected here, reads the stored identity, opens it if no passphrase is needed. */
  load(platform: Platform): Promise<void>;
  /** Creates and stores an identity; `passphrase` is required only when protection is `passphrase`. */
  create(name: string, organisation: string, passphrase?: string): Promise<string | undefined>;
  /** Opens the stored identity: with its passphrase, or (OS key store) by asking the key store again. */
  unlock(passphrase?: string): Promise<string | undefined>;
  /** Restores a passphrase-protected backup, then seals it on this device (OS key store when there is one). */
  restore(file: IdentityFile, passphrase: string): Promise<string | undefined>;
  /**
   * Saves a passphrase-protected backup through the platform. With `passphrase`, the seed is
   * sealed anew with it (required when the stored key is sealed by the OS key store);
   * without, the stored passphrase-sealed file is the backup.
   */
  saveBackup(passphrase?: string): Promise<BackupResult>;
  lock(): void;
}

export interface IdentityStoreDeps {
  readonly storage?: IdentityStorage;
  /** Argon2id cost of new passphrase seals (tests use a cheap one; opening follows the file). */
  readonly passphraseParams?: PassphraseSealParams;
  readonly now?: () => number;
}

/** Whether the stored key is sealed with a passphrase (so it is a backup as it is). */
export function isPassphraseSealed(file: IdentityFile | undefined): boolean {
  return file?.seal.kind === PASSPHRASE_SEAL_KIND;
}

function summarise(file: IdentityFile): IdentitySummary {
  const identity = publicIdentityOfFile(file);
  return {
    id: identity.id,
    displayName: identity.displayName,
    organisation: identity.organisation,
    fingerprint: fingerprint(identity.publicKey),
  };
}

/**
 * The local identity as a store, with its storage and platform injected so it runs in a Node
 * test. Every action returns undefined on success or a sentence for the person at the
 * keyboard, never a code, a stack or a secret.
 */
export function createIdentityStore(deps: IdentityStoreDeps = {}): UseBoundStore<StoreApi<IdentityState>> {
  const storage = deps.storage ?? identityStorage;
  const params = deps.passphraseParams ?? DEFAULT_PASSPHRASE_PARAMS;
  const now = deps.now ?? Date.now;
  let platform: Platform | undefined;
  let deviceSeal: KeySeal | undefined;
  let loading: Promise<void> | undefined;

  return create<IdentityState>()((set, get) => {
    /** The last guard before the disk: refuses a file that would show the seed or secret key. */
    function persist(file: IdentityFile, identity: Identity): boolean {
      const text = serialiseIdentityFile(file);
      if (revealsSecret(text, identity.seed) || revealsSecret(text, identity.secretKey)) return false;
      return storage.save(file);
    }

    /** Seals with the OS key store and proves the seal opens again; undefined if the store refused. */
    async function sealWithDevice(identity: Identity, createdAt: number): Promise<IdentityFile | undefined> {
      if (!deviceSeal) return undefined;
      try {
        const file = await sealIdentity(identity, deviceSeal, createdAt);
        const reopened = await unlockIdentity(file, deviceSeal);
        return reopened.ok && reopened.value.id === identity.id ? file : undefined;
      } catch {
        return undefined;
      }
    }

    /** The key store said yes, then refused: from now on this device uses the passphrase seal. */
    function fallBackToPassphrase(): void {
      deviceSeal = undefined;
      set({ protection: { kind: 'passphrase', desktop: true, message: KEYCHAIN_REFUSED_MESSAGE } });
    }

    async function openWithDevice(file: IdentityFile): Promise<{ identity?: Identity; problem?: string }> {
      const protection = get().protection;
      if (!deviceSeal || protection?.kind !== 'device') {
        return {
          problem: KEY_STORE_UNREACHABLE,
        };
      }
      const opened = await unlockIdentity(file, deviceSeal).catch(() => undefined);
      if (opened?.ok) return { identity: opened.value };
      return {
        problem: keyStoreCannotOpen(protection.storeName),
      };
    }

    async function loadNow(host: Platform): Promise<void> {
      await sodiumReady();
      platform = host;
      const resolved = await resolveKeyProtection(host);
      deviceSeal = resolved.deviceSeal;
      const file = storage.load();
      if (!file) {
        set({ status: 'none', protection: resolved.protection });
        return;
      }
      const base = { file, summary: summarise(file), protection: resolved.protection };
      if (isPassphraseSealed(file)) {
        set({ ...base, status: 'locked' });
        return;
      }
      set(base);
      const opened = await openWithDevice(file);
      set(
        opened.identity
          ? { status: 'unlocked', identity: opened.identity, unlockProblem: undefined }
          : { status: 'locked', unlockProblem: opened.problem },
      );
    }

    return {
      status: 'loading',
      load(host) {
        // React's StrictMode runs effects twice: one load (and one key store request) per platform.
        if (loading && platform === host) return loading;
        platform = host;
        loading = loadNow(host);
        return loading;
      },
      async create(name, organisation, passphrase) {
        await sodiumReady();
        const protection = get().protection;
        if (!protection) return 'Casepact is still starting. Try again in a moment.';
        if (protection.kind === 'passphrase') {
          const problem = passphraseProblem(passphrase ?? '', 'device');
          if (problem) return problem;
        }
        const created = createIdentity(name, organisation);
        if (!created.ok) {
          return created.error.code === 'organisation-invalid'
            ? 'Enter your organisation (up to 100 characters), for example your company name.'
            : 'Enter your name (up to 100 characters) as the other parties should see it.';
        }
        let file: IdentityFile;
        if (protection.kind === 'device') {
          const sealed = await sealWithDevice(created.value, now());
          if (!sealed) {
            fallBackToPassphrase();
            return `${KEYCHAIN_REFUSED_MESSAGE} Choose a passphrase below and create your identity again.`;
          }
          file = sealed;
        } else {
          file = await sealIdentity(created.value, passphraseSeal(passphrase ?? '', params), now());
        }
        if (!persist(file, created.value)) return NOT_SAVED;
        set({ status: 'unlocked', file, identity: created.value, summary: summarise(file) });
        return undefined;
      },
      async unlock(passphrase) {
        await sodiumReady();
        const file = get().file;
        if (!file) return 'There is no identity on this device yet.';
        if (!isPassphraseSealed(file)) {
          // The key store may be back (keyring started, keychain unlocked): ask the platform again.
          if (!deviceSeal && platform) {
            const resolved = await resolveKeyProtection(platform);
            deviceSeal = resolved.deviceSeal;
            set({ protection: resolved.protection });
          }
          const opened = await openWithDevice(file);
          if (!opened.identity) {
            set({ unlockProblem: opened.problem });
            return opened.problem;
          }
          set({ status: 'unlocked', identity: opened.identity, unlockProblem: undefined });
          return undefined;
        }
        if (!passphrase) return 'Enter your passphrase to unlock your signing key.';
        const opened = await unlockIdentity(file, passphraseSeal(passphrase));
        if (!opened.ok) return 'That passphrase does not open this identity. Check it and try again.';
        // A key store that appeared since (a keyring installed): move the key into it, so the
        // app opens without a passphrase from now on. On any refusal the passphrase file stays.
        const moved = await sealWithDevice(opened.value, file.createdAt);
        const stored = moved && persist(moved, opened.value) ? moved : file;
        set({ status: 'unlocked', file: stored, identity: opened.value });
        return undefined;
      },
      async restore(file, passphrase) {
        await sodiumReady();
        if (!isPassphraseSealed(file)) {
          return NOT_A_BACKUP;
        }
        if (!passphrase) return 'Enter the passphrase of the backup.';
        const opened = await unlockIdentity(file, passphraseSeal(passphrase));
        if (!opened.ok) {
          return opened.error.code === 'identity-unlock-failed'
            ? 'That passphrase does not open this backup. Use the passphrase you chose when you made it.'
            : 'This backup is damaged: the key inside does not belong to the identity it names. Use another backup file.';
        }
        let stored = file;
        if (deviceSeal) {
          const sealed = await sealWithDevice(opened.value, file.createdAt);
          if (sealed) stored = sealed;
          else fallBackToPassphrase();
        }
        if (!persist(stored, opened.value)) return NOT_SAVED;
        set({
          status: 'unlocked',
          file: stored,
          identity: opened.value,
          summary: summarise(stored),
          unlockProblem: undefined,
        });
        return undefined;
      },
      async saveBackup(passphrase) {
        const { file, identity, summary } = get();
        if (!file || !summary || !platform) {
          return { ok: false, cancelled: false, message: 'There is no identity on this device yet.' };
        }
        let backup = file;
        if (passphrase !== undefined || !isPassphraseSealed(file)) {
          if (!identity) {
            return {
              ok: false,
              cancelled: false,
              message: 'Unlock your identity first, then make the backup.',
            };
          }
          const problem = passphraseProblem(passphrase ?? '', 'backup');
          if (problem) return { ok: false, cancelled: false, message: problem };
          await sodiumReady();
          backup = await sealIdentity(identity, passphraseSeal(passphrase ?? '', params), file.createdAt);
        }
        const saved = await platform.saveIdentityBackup(backup, summary.displayName);
        if (saved.ok) return { ok: true, fileName: saved.value.fileName };
        return { ok: false, cancelled: saved.error.code === 'cancelled', message: saved.error.message };
      },
      lock() {
        set({ status: get().file ? 'locked' : 'none', identity: undefined });
      },
    };
  });
}

/** The app's identity. App hands it the platform with `load(platform)`. */
export const useIdentity = createIdentityStore();
