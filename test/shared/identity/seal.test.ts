import { beforeAll, describe, expect, it } from 'vitest';
import { sodiumReady } from '../../../shared/crypto/sodium';
import {
  parseIdentityFile,
  sealIdentity,
  serialiseIdentityFile,
  unlockIdentity,
} from '../../../shared/identity/backup';
import { createIdentity } from '../../../shared/identity/identity';
import { passphraseSeal } from '../../../shared/identity/passphrase-seal';

// Small Argon2id parameters keep the suite fast; the default ones are exercised by the CLI tests.
const FAST = { opsLimit: 1, memLimit: 64 * 1024 };

beforeAll(async () => {
  await sodiumReady();
});

describe('passphrase seal', () => {
  it('opens with the right passphrase only', async () => {
    const secret = new Uint8Array(32).fill(9);
    const sealed = await passphraseSeal('correct horse battery', FAST).seal(secret);
    expect(sealed.kind).toBe('passphrase-v1');
    expect(JSON.stringify(sealed)).not.toContain('correct horse');
    const opened = await passphraseSeal('correct horse battery', FAST).open(sealed);
    expect(opened.ok && opened.value).toEqual(secret);
    const wrong = await passphraseSeal('wrong horse battery', FAST).open(sealed);
    expect(!wrong.ok && wrong.error.code).toBe('seal-open-failed');
  });

  it('refuses a tampered ciphertext, absurd parameters and another kind', async () => {
    const seal = passphraseSeal('correct horse battery', FAST);
    const sealed = await seal.seal(new Uint8Array(32));
    const ciphertext = String(sealed.ciphertext);
    const flipped = { ...sealed, ciphertext: (ciphertext[0] === 'A' ? 'B' : 'A') + ciphertext.slice(1) };
    const tampered = await seal.open(flipped);
    expect(!tampered.ok && tampered.error.code).toBe('seal-open-failed');
    const huge = await seal.open({ ...sealed, memLimit: 8 * 1024 * 1024 * 1024 });
    expect(!huge.ok && huge.error.code).toBe('seal-parameters-refused');
    const other = await seal.open({ kind: 'safe-storage-v1', blob: 'x' });
    expect(!other.ok && other.error.code).toBe('seal-wrong-kind');
    const damaged = await seal.open({ ...sealed, salt: 'not base64!' });
    expect(!damaged.ok && damaged.error.code).toBe('seal-malformed');
  });

  it('uses Argon2id: the default parameters derive a key that the fast ones do not', async () => {
    const secret = new Uint8Array(32).fill(1);
    const sealed = await passphraseSeal('correct horse battery', FAST).seal(secret);
    const relabelled = { ...sealed, opsLimit: 2 };
    const opened = await passphraseSeal('correct horse battery', FAST).open(relabelled);
    expect(opened.ok).toBe(false);
  });
});

describe('identity file', () => {
  it('round-trips through JSON and unlocks to the same key pair', async () => {
    const identity = createIdentity('Grace Hopper', 'Navy Support');
    if (!identity.ok) throw new Error(identity.error.message);
    const seal = passphraseSeal('a long passphrase', FAST);
    const text = serialiseIdentityFile(await sealIdentity(identity.value, seal, 1_700_000_000_000));
    expect(text).not.toContain(Buffer.from(identity.value.seed).toString('base64'));
    const parsed = parseIdentityFile(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const unlocked = await unlockIdentity(parsed.value, seal);
    expect(unlocked.ok && unlocked.value.id).toBe(identity.value.id);
    expect(unlocked.ok && unlocked.value.secretKey).toEqual(identity.value.secretKey);
  });

  it('refuses an id that does not match the sealed key', async () => {
    const a = createIdentity('A', 'Org');
    const b = createIdentity('B', 'Org');
    if (!a.ok || !b.ok) throw new Error('identity');
    const seal = passphraseSeal('a long passphrase', FAST);
    const file = await sealIdentity(a.value, seal, 0);
    const swapped = parseIdentityFile(serialiseIdentityFile({ ...file, id: b.value.id }));
    if (!swapped.ok) throw new Error(swapped.error.message);
    const unlocked = await unlockIdentity(swapped.value, seal);
    expect(!unlocked.ok && unlocked.error.code).toBe('identity-key-mismatch');
  });

  it('gives typed errors for garbage, other formats and bad fields', () => {
    const codes = ['{', '[]', '{"format":"x"}', '{"format":"casepact-identity","version":2}'].map((text) => {
      const parsed = parseIdentityFile(text);
      return parsed.ok ? 'ok' : parsed.error.code;
    });
    expect(codes).toEqual([
      'identity-file-json',
      'identity-file-format',
      'identity-file-format',
      'identity-file-version',
    ]);
    const badId = parseIdentityFile(
      JSON.stringify({
        format: 'casepact-identity',
        version: 1,
        id: 'cpx',
        displayName: 'A',
        organisation: 'B',
      }),
    );
    expect(!badId.ok && badId.error.code).toBe('identity-file-field');
  });
});
