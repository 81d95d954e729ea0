import { create } from 'zustand';
import { sodiumReady } from '../../../shared/crypto/sodium';
import {
  type IdentityFile,
  parseIdentityFile,
  publicIdentityOfFile,
  sealIdentity,
  serialiseIdentityFile,
  unlockIdentity,
} from '../../../shared/identity/backup';
import { createIdentity, type Identity } from '../../../shared/identity/identity';
import { fingerprint } from '../../../shared/identity/member-id';
import { MIN_PASSPHRASE_LENGTH, passphraseSeal } from '../../../shared/identity/passphrase-seal';
import { identityStorage } from '../core/identity-storage';

export type IdentityStatus = 'loading' | 'none' | 'locked' | 'unlocked';

/** What the UI shows of the local identity; the secret key stays inside `identity`. */
export interface IdentitySummary {
  readonly id: string;
  readonly displayName: string;
  readonly organisation: string;
  readonly fingerprint: string;
}

interface IdentityState {
  readonly status: IdentityStatus;
  readonly summary?: IdentitySummary;
  readonly identity?: Identity;
  readonly file?: IdentityFile;
  load(): Promise<void>;
  create(name: string, organisation: string, passphrase: string): Promise<string | undefined>;
  unlock(passphrase: string): Promise<string | undefined>;
  restore(fileText: string, passphrase: string): Promise<string | undefined>;
  backupText(): string | undefined;
  lock(): void;
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

function passphraseProblem(passphrase: string): string | undefined {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    return `Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters. It protects your signing key on this device.`;
  }
  return undefined;
}

/**
 * The local identity. Every method returns undefined on success or a sentence for the
 * person at the keyboard, never a code or a stack.
 */
export const useIdentity = create<IdentityState>((set, get) => ({
  status: 'loading',
  async load() {
    await sodiumReady();
    const file = identityStorage.load();
    set(file ? { status: 'locked', file, summary: summarise(file) } : { status: 'none' });
  },
  async create(name, organisation, passphrase) {
    await sodiumReady();
    const problem = passphraseProblem(passphrase);
    if (problem) return problem;
    const created = createIdentity(name, organisation);
    if (!created.ok) {
      return created.error.code === 'organisation-invalid'
        ? 'Enter your organisation (up to 100 characters), for example your company name.'
        : 'Enter your name (up to 100 characters) as the other parties should see it.';
    }
    const file = await sealIdentity(created.value, passphraseSeal(passphrase), Date.now());
    identityStorage.save(file);
    set({ status: 'unlocked', file, identity: created.value, summary: summarise(file) });
    return undefined;
  },
  async unlock(passphrase) {
    await sodiumReady();
    const file = get().file;
    if (!file) return 'There is no identity on this device yet.';
    const opened = await unlockIdentity(file, passphraseSeal(passphrase));
    if (!opened.ok) return 'That passphrase does not open this identity. Check it and try again.';
    set({ status: 'unlocked', identity: opened.value });
    return undefined;
  },
  async restore(fileText, passphrase) {
    await sodiumReady();
    const parsed = parseIdentityFile(fileText);
    if (!parsed.ok) return 'This file is not a Casepact identity backup, or it is damaged.';
    const opened = await unlockIdentity(parsed.value, passphraseSeal(passphrase));
    if (!opened.ok)
      return 'That passphrase does not open this backup. Use the passphrase you chose when you made it.';
    identityStorage.save(parsed.value);
    set({ status: 'unlocked', file: parsed.value, identity: opened.value, summary: summarise(parsed.value) });
    return undefined;
  },
  backupText() {
    const file = get().file;
    return file ? serialiseIdentityFile(file) : undefined;
  },
  lock() {
    set({ status: get().file ? 'locked' : 'none', identity: undefined });
  },
}));
