import { beforeAll, describe, expect, it } from 'vitest';
import { parseIdentityFile, serialiseIdentityFile } from '../../../shared/identity/backup';
import { sodiumReady } from '../../../shared/crypto/sodium';
import type { Identity } from '../../../shared/identity/identity';
import type { KeySeal } from '../../../shared/identity/key-seal';
import { identityStorageOver } from '../../../renderer/src/core/identity-storage';
import { describeVaultUnavailable } from '../../../renderer/src/platform/platform-errors';
import type { Platform } from '../../../renderer/src/platform/platform';
import { createIdentityStore } from '../../../renderer/src/stores/identity-store';
import { fakeBrowser, fakeDesktop, memoryStorage, secretSpellings, testKeyStore } from './fakes';

// Argon2id at its cheapest: the cost is a parameter of the file, not of the code under test.
const FAST = { opsLimit: 1, memLimit: 8192 };

function storeOn(platform: Platform, storage = memoryStorage()) {
  const store = createIdentityStore({ storage, passphraseParams: FAST, now: () => 1_750_000_000_000 });
  return { store, storage, load: () => store.getState().load(platform) };
}

function expectNoSecretIn(text: string | undefined, identity: Identity | undefined) {
  expect(text).toBeTruthy();
  expect(identity).toBeDefined();
  for (const secret of [identity?.seed, identity?.secretKey]) {
    for (const spelling of secretSpellings(secret ?? new Uint8Array())) expect(text).not.toContain(spelling);
  }
}

function storedSeal(storage: ReturnType<typeof memoryStorage>) {
  return JSON.parse(storage.raw() ?? '{}').seal as Record<string, unknown>;
}

beforeAll(async () => {
  await sodiumReady();
});

describe('identity store on a desktop with an OS key store', () => {
  it('seals the seed with the key store, stores no passphrase blob, and opens without a passphrase at start', async () => {
    const keyStore = testKeyStore({ backend: 'kwallet6' });
    const { platform } = fakeDesktop(keyStore);
    const first = storeOn(platform);
    await first.load();
    expect(first.store.getState()).toMatchObject({
      status: 'none',
      protection: { kind: 'device', backend: 'kwallet6', storeName: 'KWallet' },
    });
    expect(await first.store.getState().create('Ada Lovelace', 'Analytical Engines')).toBeUndefined();
    const created = first.store.getState().identity;
    expect(first.store.getState().status).toBe('unlocked');

    const seal = storedSeal(first.storage);
    expect(seal.kind).toBe('safe-storage-v1');
    expect(Object.keys(seal).sort()).toEqual(['kind', 'sealed']);
    expect(first.storage.raw()).not.toMatch(/passphrase-v1|argon2id|ciphertext|"salt"/);
    expectNoSecretIn(first.storage.raw(), created);
    // The key store was really asked, once, for this seed (base64, as main hands it over).
    expect(keyStore.plaintexts).toEqual([Buffer.from(created?.seed ?? []).toString('base64')]);

    // Next start: same device, same storage, no passphrase anywhere.
    const again = storeOn(platform, first.storage);
    await Promise.all([again.load(), again.load()]);
    expect(again.store.getState().status).toBe('unlocked');
    expect(again.store.getState().identity?.id).toBe(created?.id);
    expect(Buffer.from(again.store.getState().identity?.secretKey ?? [])).toEqual(
      Buffer.from(created?.secretKey ?? []),
    );
    // StrictMode's double load asked the key store once.
    expect(keyStore.decrypts).toBe(2); // one to verify the seal at creation, one at this start
  });

  it('on another computer (another key store) the identity stays locked with a sentence, and a backup restores it', async () => {
    const home = fakeDesktop(testKeyStore(), 'darwin');
    const ada = storeOn(home.platform);
    await ada.load();
    await ada.store.getState().create('Ada Lovelace', 'Analytical Engines');
    expect(await ada.store.getState().saveBackup('backup passphrase 1')).toMatchObject({ ok: true });

    const other = fakeDesktop(testKeyStore(), 'darwin');
    const copied = storeOn(other.platform, ada.storage);
    await copied.load();
    const state = copied.store.getState();
    expect(state.status).toBe('locked');
    expect(state.unlockProblem).toMatch(/^The macOS Keychain could not open your signing key\..*backup/);
    expect(await state.unlock()).toBe(state.unlockProblem);

    other.disk.toOpen = home.disk.saved[0]?.bytes;
    const picked = await other.platform.openIdentityBackup();
    if (!picked.ok) throw new Error(picked.error.message);
    expect(await copied.store.getState().restore(picked.value, 'backup passphrase 1')).toBeUndefined();
    expect(copied.store.getState().status).toBe('unlocked');
    expect(copied.store.getState().unlockProblem).toBeUndefined();
    expect(storedSeal(copied.storage).kind).toBe('safe-storage-v1');
  });

  it('falls back to the passphrase when the key store says yes but refuses to seal', async () => {
    const keyStore = testKeyStore({ refuseToEncrypt: true });
    const { store, storage, load } = storeOn(fakeDesktop(keyStore).platform);
    await load();
    expect(store.getState().protection?.kind).toBe('device');
    const refusal = await store.getState().create('Ada Lovelace', 'Analytical Engines');
    expect(refusal).toMatch(/keychain refused.*passphrase/);
    expect(storage.raw()).toBeUndefined();
    expect(store.getState()).toMatchObject({
      status: 'none',
      protection: { kind: 'passphrase', desktop: true },
    });
    expect(
      await store.getState().create('Ada Lovelace', 'Analytical Engines', 'correct horse'),
    ).toBeUndefined();
    expect(storedSeal(storage).kind).toBe('passphrase-v1');
  });

  it('moves a passphrase-sealed identity into the key store once it is unlocked', async () => {
    const browser = storeOn(fakeBrowser().platform);
    await browser.load();
    await browser.store.getState().create('Ada Lovelace', 'Analytical Engines', 'correct horse');
    const desktop = fakeDesktop(testKeyStore());
    const moved = storeOn(desktop.platform, browser.storage);
    await moved.load();
    expect(moved.store.getState().status).toBe('locked');
    expect(await moved.store.getState().unlock('wrong horse')).toMatch(/does not open/);
    expect(await moved.store.getState().unlock('correct horse')).toBeUndefined();
    expect(storedSeal(moved.storage).kind).toBe('safe-storage-v1');
    const restarted = storeOn(desktop.platform, browser.storage);
    await restarted.load();
    expect(restarted.store.getState().status).toBe('unlocked');
  });
});

describe('identity store without a usable key store', () => {
  it('on Linux basic_text: passphrase seal, the platform message, nothing handed to the key store', async () => {
    const keyStore = testKeyStore({ backend: 'basic_text' });
    const { store, storage, load } = storeOn(fakeDesktop(keyStore).platform);
    await load();
    expect(store.getState().protection).toEqual({
      kind: 'passphrase',
      desktop: true,
      message: describeVaultUnavailable('linux-basic-text'),
    });
    expect(await store.getState().create('Ada Lovelace', 'Analytical Engines')).toMatch(
      /at least 8 characters/,
    );
    expect(storage.raw()).toBeUndefined();
    expect(
      await store.getState().create('Ada Lovelace', 'Analytical Engines', 'correct horse'),
    ).toBeUndefined();
    const identity = store.getState().identity;
    expect(storedSeal(storage)).toMatchObject({ kind: 'passphrase-v1', opsLimit: 1, memLimit: 8192 });
    expectNoSecretIn(storage.raw(), identity);
    expect(keyStore.plaintexts).toEqual([]);

    const again = storeOn(fakeDesktop(keyStore).platform, storage);
    await again.load();
    expect(again.store.getState().status).toBe('locked');
    expect(await again.store.getState().unlock('')).toMatch(/Enter your passphrase/);
    expect(await again.store.getState().unlock('correct horse')).toBeUndefined();
    expect(again.store.getState().identity?.id).toBe(identity?.id);
    expect(storedSeal(storage).kind).toBe('passphrase-v1');
  });

  it('in the browser: the passphrase backup is the stored file, and restores elsewhere', async () => {
    const a = fakeBrowser();
    const ada = storeOn(a.platform);
    await ada.load();
    expect(ada.store.getState().protection).toMatchObject({ kind: 'passphrase', desktop: false });
    await ada.store.getState().create('Ada Lovelace', 'Analytical Engines', 'correct horse');
    ada.store.getState().lock();
    // A passphrase-sealed file is a backup as it is, even while locked.
    expect(await ada.store.getState().saveBackup()).toEqual({
      ok: true,
      fileName: 'Ada Lovelace.casepact-identity',
    });
    expect(new TextDecoder().decode(a.disk.saved[0]?.bytes)).toBe(ada.storage.raw());
  });
});

describe('backups of an identity sealed by the OS key store', () => {
  it('are sealed with a new backup passphrase, never hold the seed, and restore on a fresh store', async () => {
    const home = fakeDesktop(testKeyStore());
    const ada = storeOn(home.platform);
    await ada.load();
    await ada.store.getState().create('Ada Lovelace', 'Analytical Engines');
    const identity = ada.store.getState().identity;

    expect(await ada.store.getState().saveBackup()).toMatchObject({ ok: false, message: /at least 8/ });
    expect(await ada.store.getState().saveBackup('short')).toMatchObject({ ok: false, cancelled: false });
    expect(home.disk.saved).toEqual([]);
    expect(await ada.store.getState().saveBackup('backup passphrase 1')).toEqual({
      ok: true,
      fileName: 'Ada Lovelace.casepact-identity',
    });
    const text = new TextDecoder().decode(home.disk.saved[0]?.bytes);
    expectNoSecretIn(text, identity);
    const backup = parseIdentityFile(text);
    if (!backup.ok) throw new Error(backup.error.message);
    expect(backup.value.seal.kind).toBe('passphrase-v1');
    expect(backup.value.id).toBe(identity?.id);
    // The stored identity is still the key-store one: the passphrase seal exists only in the file.
    expect(storedSeal(ada.storage).kind).toBe('safe-storage-v1');

    // A fresh browser: the backup's passphrase becomes the unlock passphrase.
    const fresh = storeOn(fakeBrowser().platform);
    await fresh.load();
    expect(await fresh.store.getState().restore(backup.value, 'wrong passphrase')).toMatch(
      /does not open this backup/,
    );
    expect(fresh.storage.raw()).toBeUndefined();
    expect(await fresh.store.getState().restore(backup.value, 'backup passphrase 1')).toBeUndefined();
    expect(fresh.store.getState().summary?.fingerprint).toBe(ada.store.getState().summary?.fingerprint);
    expect(fresh.storage.raw()).toBe(serialiseIdentityFile(backup.value));
    const reopened = storeOn(fakeBrowser().platform, fresh.storage);
    await reopened.load();
    expect(await reopened.store.getState().unlock('backup passphrase 1')).toBeUndefined();
    expect(reopened.store.getState().identity?.id).toBe(identity?.id);

    // A fresh desktop with its own key store: restored, then sealed by that key store.
    const laptop = storeOn(fakeDesktop(testKeyStore()).platform);
    await laptop.load();
    expect(await laptop.store.getState().restore(backup.value, 'backup passphrase 1')).toBeUndefined();
    expect(storedSeal(laptop.storage).kind).toBe('safe-storage-v1');
    expectNoSecretIn(laptop.storage.raw(), laptop.store.getState().identity);
  });

  it('a device-sealed identity file is refused as a backup, with a sentence', async () => {
    const home = fakeDesktop(testKeyStore());
    const ada = storeOn(home.platform);
    await ada.load();
    await ada.store.getState().create('Ada Lovelace', 'Analytical Engines');
    const stored = ada.store.getState().file;
    if (!stored) throw new Error('no file');
    const fresh = storeOn(fakeBrowser().platform);
    await fresh.load();
    expect(await fresh.store.getState().restore(stored, 'anything at all')).toMatch(
      /not a backup.*Back up identity/,
    );
    // And the platform never writes it as one.
    expect(await home.platform.saveIdentityBackup(stored, 'Ada')).toMatchObject({
      ok: false,
      error: { code: 'not-passphrase-protected' },
    });
  });
});

describe('the last guard before storage', () => {
  it('refuses to store an identity whose seal would show the seed (a broken key store), in any spelling', async () => {
    for (const spell of [
      (seed: Uint8Array) => Buffer.from(seed).toString('hex'),
      (seed: Uint8Array) => Buffer.from(seed).toString('base64url'),
      (seed: Uint8Array) => `x${Buffer.from(seed).toString('base64').replace(/=+$/, '')}`,
    ]) {
      // A key store that "seals" by spelling the seed out, and opens by handing it back.
      let last = new Uint8Array();
      const leaky: KeySeal = {
        kind: 'safe-storage-v1',
        async seal(secret) {
          last = secret.slice();
          return { kind: 'safe-storage-v1', sealed: spell(secret) };
        },
        open: async () => ({ ok: true, value: last }),
      };
      const platform: Platform = {
        ...fakeBrowser().platform,
        kind: 'desktop',
        deviceKeySeal: async () => ({ available: true, backend: 'keychain', seal: leaky }),
      };
      const { store, storage, load } = storeOn(platform);
      await load();
      expect(await store.getState().create('Ada Lovelace', 'Analytical Engines')).toMatch(/could not save/);
      expect(storage.raw()).toBeUndefined();
      expect(store.getState().status).toBe('none');
    }
  });
});

describe('when things are unavailable for a while', () => {
  it('"Try again" opens the key once the key store is back (a keyring started after the app)', async () => {
    const options = { available: true };
    const keyStore = testKeyStore(options);
    const { platform } = fakeDesktop(keyStore);
    const first = storeOn(platform);
    await first.load();
    await first.store.getState().create('Ada Lovelace', 'Analytical Engines');

    options.available = false;
    const later = storeOn(fakeDesktop(keyStore).platform, first.storage);
    await later.load();
    expect(later.store.getState()).toMatchObject({ status: 'locked', protection: { kind: 'passphrase' } });
    expect(later.store.getState().unlockProblem).toMatch(/cannot use right now.*try again/);
    expect(await later.store.getState().unlock()).toMatch(/cannot use right now/);
    options.available = true;
    expect(await later.store.getState().unlock()).toBeUndefined();
    expect(later.store.getState()).toMatchObject({ status: 'unlocked', protection: { kind: 'device' } });
    expect(later.store.getState().identity?.id).toBe(first.store.getState().identity?.id);
  });

  it('with site storage blocked: first run, and a sentence instead of a lost identity', async () => {
    const blocked = identityStorageOver(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    const store = createIdentityStore({ storage: blocked, passphraseParams: FAST });
    await store.getState().load(fakeBrowser().platform);
    expect(store.getState().status).toBe('none');
    expect(await store.getState().create('Ada Lovelace', 'Analytical Engines', 'correct horse')).toMatch(
      /could not save your identity on this device/,
    );
    expect(store.getState().status).toBe('none');
  });
});
