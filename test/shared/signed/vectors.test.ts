import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { fromHex, toHex } from '../../../shared/identity/bytes';
import { identityFromSeed } from '../../../shared/identity/identity';
import { fingerprint } from '../../../shared/identity/member-id';
import { signTermsHash, verifyTermsSignature } from '../../../shared/signed/agreement';
import { CaseKeyring, caseKeyFromBytes } from '../../../shared/signed/case-key';
import { deriveClientId } from '../../../shared/signed/client-id';
import {
  decodeEnvelope,
  envelopeSigningMessage,
  signEnvelope,
  verifyEnvelopeSignature,
} from '../../../shared/signed/envelope';
import { checkGenesis } from '../../../shared/signed/genesis';
import { openLogEntry, sealLogEntry } from '../../../shared/signed/log-entry';
import { verifySignedCopy } from '../../../shared/signed/signed-copy-verify';

const vector = JSON.parse(readFileSync('test/vectors/envelope-v1.json', 'utf8'));
const copy = readFileSync('test/vectors/signed-copy-v1.casepact');
const hex = (text: string) => fromHex(text) as Uint8Array;

beforeAll(async () => {
  await sodiumReady();
});

describe('test/vectors/envelope-v1.json', () => {
  it('identity: member id and fingerprint of the seed', () => {
    const identity = identityFromSeed(hex(vector.identity.seed), 'Ada Lovelace', 'Analytical Engines');
    if (!identity.ok) throw new Error(identity.error.message);
    expect(toHex(identity.value.publicKey)).toBe(vector.identity.publicKey);
    expect(identity.value.id).toBe(vector.identity.memberId);
    expect(fingerprint(identity.value.publicKey)).toBe(vector.identity.fingerprint);
  });

  it('case id and client id derive as documented', () => {
    expect(checkGenesis(vector.genesis).ok).toBe(true);
    expect(deriveClientId(hex(vector.identity.publicKey), vector.client.epoch)).toBe(vector.client.clientId);
  });

  it('encodes, signs and hashes byte for byte', () => {
    const identity = identityFromSeed(hex(vector.identity.seed), 'Ada Lovelace', 'Analytical Engines');
    if (!identity.ok) throw new Error(identity.error.message);
    const e = vector.envelope;
    const signed = signEnvelope(
      {
        caseId: e.caseId,
        authorKey: identity.value.publicKey,
        seq: e.seq,
        prev: hex(e.prev),
        timestamp: e.timestamp,
        clients: e.clients,
        update: hex(e.update),
      },
      identity.value.secretKey,
    );
    expect(toHex(signed.bytes)).toBe(e.bytes);
    expect(toHex(envelopeSigningMessage(signed.bytes))).toBe(e.signingMessage);
    expect(toHex(signed.signature)).toBe(e.signature);
    expect(signed.hashHex).toBe(e.hash);
  });

  it('decodes the bytes back to the fields and verifies', () => {
    const decoded = decodeEnvelope(hex(vector.envelope.bytes));
    if (!decoded.ok) throw new Error(decoded.error.message);
    const e = decoded.value;
    expect([e.caseId, e.seq, toHex(e.prev), e.timestamp, e.clients, toHex(e.update), e.author]).toEqual([
      vector.envelope.caseId,
      vector.envelope.seq,
      vector.envelope.prev,
      vector.envelope.timestamp,
      vector.envelope.clients,
      vector.envelope.update,
      vector.identity.memberId,
    ]);
    expect(verifyEnvelopeSignature(e)).toBe(true);
    const flipped = hex(vector.envelope.bytes);
    flipped[40] = (flipped[40] as number) ^ 1;
    const tampered = decodeEnvelope(flipped);
    expect(tampered.ok && verifyEnvelopeSignature(tampered.value)).toBe(false);
  });

  it('seals the log entry byte for byte and opens it', () => {
    const l = vector.logEntry;
    const keyring = new CaseKeyring(caseKeyFromBytes(hex(l.caseKey)));
    expect(keyring.current.keyId).toBe(l.keyId);
    const sealed = sealLogEntry(
      keyring,
      vector.envelope.caseId,
      l.key,
      hex(vector.envelope.bytes),
      hex(l.nonce),
    );
    expect(toHex(sealed)).toBe(l.sealed);
    const opened = openLogEntry(keyring, vector.envelope.caseId, l.key, hex(l.sealed));
    expect(opened.ok && toHex(opened.value)).toBe(vector.envelope.bytes);
    const moved = openLogEntry(keyring, vector.envelope.caseId, 'f'.repeat(64), hex(l.sealed));
    expect(!moved.ok && moved.error.code).toBe('entry-undecryptable');
  });

  it('agreement signature over the terms hash', () => {
    const identity = identityFromSeed(hex(vector.identity.seed), 'Ada Lovelace', 'Analytical Engines');
    if (!identity.ok) throw new Error(identity.error.message);
    const a = vector.agreement;
    expect(signTermsHash(identity.value, a.caseId, a.termsHash)).toBe(a.signature);
    expect(verifyTermsSignature(a.caseId, vector.identity.memberId, a.termsHash, a.signature)).toBe(true);
    expect(verifyTermsSignature(a.caseId, vector.identity.memberId, 'cd'.repeat(32), a.signature)).toBe(
      false,
    );
  });
});

describe('test/vectors/signed-copy-v1.casepact', () => {
  it('verifies with the summary the file was made with', () => {
    const result = verifySignedCopy(copy);
    if (!result.ok) throw new Error(result.error.message);
    const s = result.value;
    expect(s.title).toBe('Laptop does not boot after firmware update');
    expect(s.changes).toBe(7);
    expect(s.parties.map((p) => [p.name, p.role, p.members.map((m) => m.displayName).sort()])).toEqual([
      ['Analytical Engines Support', 'provider', ['Ada Lovelace', 'Pat Smith']],
    ]);
    expect(s.versions.map((v) => [v.version, v.agreed, v.signers.map((x) => x.displayName).sort()])).toEqual([
      [1, true, ['Ada Lovelace', 'Pat Smith']],
    ]);
    expect(s.founder.fingerprint).toBe(vector.identity.fingerprint);
  });

  it('refuses the vector cut short or with one byte changed', () => {
    expect(verifySignedCopy(copy.subarray(0, copy.length - 10)).ok).toBe(false);
    for (const at of [10, 500, 3000, 9000, copy.length - 20]) {
      const bad = Uint8Array.from(copy);
      bad[at] = (bad[at] as number) ^ 0x04;
      expect(verifySignedCopy(bad).ok, `byte ${at}`).toBe(false);
    }
  });
});
