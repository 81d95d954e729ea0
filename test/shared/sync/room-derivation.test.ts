import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sodiumReady } from '../../../shared/crypto/sodium';
import type { Sodium } from '../../../shared/crypto/sodium';
import { deriveRoomSecrets } from '../../../shared/sync/room-derivation';

interface Vector {
  caseKeyHex: string;
  roomName: string;
  password: string;
}
const file = JSON.parse(
  readFileSync(new URL('../../vectors/room-derivation.json', import.meta.url), 'utf8'),
) as { version: number; vectors: Vector[] };

let na: Sodium;
beforeAll(async () => {
  na = await sodiumReady();
});

function derive(key: Uint8Array) {
  const result = deriveRoomSecrets(key);
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

describe('room derivation', () => {
  it('matches every test vector in test/vectors/room-derivation.json', () => {
    expect(file.version).toBe(1);
    expect(file.vectors.length).toBeGreaterThanOrEqual(3);
    for (const vector of file.vectors) {
      expect(derive(na.from_hex(vector.caseKeyHex))).toEqual({
        roomName: vector.roomName,
        password: vector.password,
      });
    }
  });

  it('gives a versioned hex room name and a 43-char base64url password', () => {
    const secrets = derive(na.randombytes_buf(32));
    expect(secrets.roomName).toMatch(/^cp1\.[0-9a-f]{64}$/);
    expect(secrets.password).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('separates domains: the room name reveals neither the password nor the key', () => {
    const key = na.randombytes_buf(32);
    const { roomName, password } = derive(key);
    const nameHex = roomName.slice(4);
    const passwordHex = na.to_hex(na.from_base64(password, na.base64_variants.URLSAFE_NO_PADDING));
    expect(nameHex).not.toBe(passwordHex);
    expect(nameHex).not.toBe(na.to_hex(key));
    expect(roomName).not.toContain(na.to_hex(key).slice(0, 16));
  });

  it('gives different rooms for different keys and the same room for the same key', () => {
    const a = na.randombytes_buf(32);
    const b = Uint8Array.from(a);
    b[31] = (b[31] ?? 0) ^ 1;
    expect(derive(a)).toEqual(derive(Uint8Array.from(a)));
    expect(derive(a).roomName).not.toBe(derive(b).roomName);
    expect(derive(a).password).not.toBe(derive(b).password);
  });

  it('refuses keys that are not 32 bytes with a typed error and no key material', () => {
    for (const bad of [new Uint8Array(0), new Uint8Array(31), new Uint8Array(33)]) {
      const result = deriveRoomSecrets(bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid-case-key');
    }
    const notBytes = deriveRoomSecrets('00'.repeat(32) as unknown as Uint8Array);
    expect(notBytes.ok).toBe(false);
  });
});
