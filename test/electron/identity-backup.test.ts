import { beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_SEAL_KIND, isPassphraseProtectedBackup } from '../../electron/main/identity-backup';
import { sodiumReady } from '../../shared/crypto/sodium';
import { sealIdentity, serialiseIdentityFile } from '../../shared/identity/backup';
import { createIdentity } from '../../shared/identity/identity';
import type { KeySeal } from '../../shared/identity/key-seal';
import { PASSPHRASE_SEAL_KIND, passphraseSeal } from '../../shared/identity/passphrase-seal';

const encode = (text: string) => new TextEncoder().encode(text);
let backup: Record<string, unknown>;

beforeAll(async () => {
  await sodiumReady();
  const identity = createIdentity('Ada Lovelace', 'Analytical Engines');
  if (!identity.ok) throw new Error('identity');
  const file = await sealIdentity(
    identity.value,
    passphraseSeal('correct horse battery', { opsLimit: 1, memLimit: 8192 }),
    0,
  );
  backup = JSON.parse(serialiseIdentityFile(file)) as Record<string, unknown>;
});

describe('identity backups at the boundary', () => {
  it('uses the same seal kind as shared/identity’s passphrase seal', () => {
    expect(BACKUP_SEAL_KIND).toBe(PASSPHRASE_SEAL_KIND);
  });

  it('accepts a real identity file sealed with a passphrase', () => {
    expect(isPassphraseProtectedBackup(encode(JSON.stringify(backup)))).toBe(true);
  });

  it('refuses a file sealed by the OS key store (it would not open on another device)', async () => {
    const deviceSeal: KeySeal = {
      kind: 'safe-storage-v1',
      seal: async () => ({ kind: 'safe-storage-v1', sealed: 'Q1BWMQ==' }),
      open: async () => ({ ok: false, error: { code: 'seal-unavailable', message: '' } }),
    };
    const file = { ...backup, seal: await deviceSeal.seal(new Uint8Array(32)) };
    expect(isPassphraseProtectedBackup(encode(JSON.stringify(file)))).toBe(false);
  });

  it.each([
    ['the seed in the clear next to the seal', (b: Record<string, unknown>) => ({ ...b, seed: 'AAAA' })],
    [
      'the seed inside the seal object',
      (b: Record<string, unknown>) => ({ ...b, seal: { ...(b.seal as object), seed: 'AAAA' } }),
    ],
    ['no ciphertext', (b: Record<string, unknown>) => ({ ...b, seal: { kind: 'passphrase-v1' } })],
    ['another format', (b: Record<string, unknown>) => ({ ...b, format: 'something' })],
    ['another version', (b: Record<string, unknown>) => ({ ...b, version: 2 })],
  ])('refuses a file with %s', (_name, change) => {
    expect(isPassphraseProtectedBackup(encode(JSON.stringify(change(backup))))).toBe(false);
  });

  it.each([
    ['bytes that are not UTF-8', Uint8Array.of(0xff, 0xfe, 0x00)],
    ['JSON that is not an object', encode('[1,2]')],
    ['not JSON', encode('seed=0102')],
  ])('refuses %s', (_name, bytes) => {
    expect(isPassphraseProtectedBackup(bytes)).toBe(false);
  });
});
