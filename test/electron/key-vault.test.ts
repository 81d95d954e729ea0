import { describe, expect, it } from 'vitest';
import { KeyVault } from '../../electron/main/key-vault';
import { bytesContain, fakeSafeStorage } from './helpers/fakes';

const secret = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff);
const base64 = Buffer.from(secret).toString('base64');

describe('KeyVault status', () => {
  it.each([
    ['darwin', 'keychain'],
    ['win32', 'dpapi'],
  ])('is available on %s when safeStorage is', async (platform, backend) => {
    expect(await new KeyVault(fakeSafeStorage(), platform).status()).toEqual({ available: true, backend });
  });

  it.each(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'])(
    'is available on Linux with %s',
    async (backend) => {
      expect(await new KeyVault(fakeSafeStorage({ backend }), 'linux').status()).toEqual({
        available: true,
        backend,
      });
    },
  );

  it('is unavailable when safeStorage has no encryption', async () => {
    expect(await new KeyVault(fakeSafeStorage({ available: false }), 'darwin').status()).toEqual({
      available: false,
      reason: 'encryption-unavailable',
    });
  });

  it('is unavailable on Linux with basic_text, although safeStorage calls that available', async () => {
    expect(await new KeyVault(fakeSafeStorage({ backend: 'basic_text' }), 'linux').status()).toEqual({
      available: false,
      reason: 'linux-basic-text',
    });
  });

  it.each(['unknown', 'some_future_store'])(
    'is unavailable on Linux with the unrecognised store %s',
    async (backend) => {
      expect(await new KeyVault(fakeSafeStorage({ backend }), 'linux').status()).toMatchObject({
        available: false,
        reason: 'linux-backend-unknown',
      });
    },
  );

  it('is unavailable when asking throws', async () => {
    const storage = fakeSafeStorage();
    storage.isAsyncEncryptionAvailable = async () => {
      throw new Error('not ready');
    };
    expect(await new KeyVault(storage, 'win32').status()).toMatchObject({ available: false });
  });
});

describe('KeyVault never lets the key out in plain text', () => {
  it.each([
    ['encryption is unavailable', { available: false }, 'linux', 'encryption-unavailable'],
    ['Linux uses basic_text', { backend: 'basic_text' }, 'linux', 'linux-basic-text'],
    ['Linux uses an unknown store', { backend: 'unknown' }, 'linux', 'linux-backend-unknown'],
  ] as const)(
    'refuses to seal when %s, and hands safeStorage nothing',
    async (_name, options, platform, reason) => {
      const storage = fakeSafeStorage(options);
      const result = await new KeyVault(storage, platform).seal(secret);
      expect(result).toEqual({ ok: false, error: { code: 'vault-unavailable', reason } });
      expect(storage.encrypted).toEqual([]);
      expect(JSON.stringify(result)).not.toContain(base64);
    },
  );

  it('refuses a store that hands the text back unencrypted', async () => {
    const storage = fakeSafeStorage({ identity: true });
    expect(await new KeyVault(storage, 'win32').seal(secret)).toEqual({
      ok: false,
      error: { code: 'seal-failed' },
    });
  });

  it('seals into bytes that hold neither the key nor its base64', async () => {
    const storage = fakeSafeStorage();
    const sealed = await new KeyVault(storage, 'linux').seal(secret);
    expect(sealed.ok).toBe(true);
    if (!sealed.ok) return;
    expect(Array.from(sealed.value.slice(0, 4))).toEqual([0x43, 0x50, 0x56, 0x31]);
    expect(bytesContain(sealed.value, secret)).toBe(false);
    expect(bytesContain(sealed.value, new TextEncoder().encode(base64))).toBe(false);
  });

  it('reports a store that fails to encrypt as seal-failed', async () => {
    const storage = fakeSafeStorage();
    storage.encryptStringAsync = async () => {
      throw new Error(`Error while encrypting the text provided: ${base64}`);
    };
    const result = await new KeyVault(storage, 'darwin').seal(secret);
    expect(result).toEqual({ ok: false, error: { code: 'seal-failed' } });
  });
});

describe('KeyVault unseal', () => {
  it('opens what it sealed', async () => {
    const vault = new KeyVault(fakeSafeStorage(), 'darwin');
    const sealed = await vault.seal(secret);
    if (!sealed.ok) throw new Error('seal failed');
    expect(await vault.unseal(sealed.value)).toEqual({
      ok: true,
      value: { secret, resealRecommended: false },
    });
  });

  it('asks for a reseal when the OS key rotated', async () => {
    const vault = new KeyVault(fakeSafeStorage({ reencrypt: true }), 'darwin');
    const sealed = await vault.seal(secret);
    if (!sealed.ok) throw new Error('seal failed');
    expect(await vault.unseal(sealed.value)).toMatchObject({ ok: true, value: { resealRecommended: true } });
  });

  it('refuses bytes it did not make, without asking the OS', async () => {
    const storage = fakeSafeStorage();
    const vault = new KeyVault(storage, 'darwin');
    expect(await vault.unseal(secret)).toEqual({ ok: false, error: { code: 'not-a-vault-seal' } });
    expect(storage.decrypted).toBe(0);
  });

  it('reports ciphertext the OS cannot open as unseal-failed', async () => {
    const vault = new KeyVault(fakeSafeStorage(), 'darwin');
    const garbage = Uint8Array.of(0x43, 0x50, 0x56, 0x31, 1, 2, 3);
    expect(await vault.unseal(garbage)).toEqual({ ok: false, error: { code: 'unseal-failed' } });
  });

  it('refuses to unseal when the store became basic_text', async () => {
    const sealed = await new KeyVault(fakeSafeStorage(), 'linux').seal(secret);
    if (!sealed.ok) throw new Error('seal failed');
    const storage = fakeSafeStorage({ backend: 'basic_text' });
    expect(await new KeyVault(storage, 'linux').unseal(sealed.value)).toEqual({
      ok: false,
      error: { code: 'vault-unavailable', reason: 'linux-basic-text' },
    });
    expect(storage.decrypted).toBe(0);
  });
});
