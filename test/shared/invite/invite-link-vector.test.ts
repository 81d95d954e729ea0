/**
 * test/vectors/invite-link-v1.json pins the invite link format (docs/invite-link.md): the
 * same inputs must give the same bytes, the documented signed bytes must verify with plain
 * Ed25519, and each bad link must give its documented error.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sodium } from '../../../shared/crypto/sodium';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { identityFromSeed } from '../../../shared/identity/identity';
import { concatBytes, encodeUtf8, fromBase64Url, fromHex, toHex } from '../../../shared/invite/bytes';
import { createInvite } from '../../../shared/invite/create-invite';
import { decodeJoinMessage } from '../../../shared/invite/join-messages';
import { createJoinRequest, joinRequestHash, verifyJoinRequest } from '../../../shared/invite/join-request';
import { deriveCaseKeyCheck, deriveProofKeyPair } from '../../../shared/invite/link-format';
import { parseInviteLink } from '../../../shared/invite/parse-link';
import { keyCheckOf } from '../../../shared/membership/rotation';
import { openSealedCaseKey } from '../../../shared/membership/sealed-key';
import type { CaseGenesis } from '../../../shared/signed/genesis';

interface Vector {
  inputs: {
    inviterSeed: string;
    genesis: CaseGenesis;
    caseKey: string;
    inviteId: string;
    inviteSecret: string;
    role: 'partner';
    party: string;
    singleUse: boolean;
    issuedAt: number;
    expiresAt: number;
  };
  outputs: { proofPublicKey: string; caseKeyCheck: string; publicPart: string; link: string };
  parse: { now: number; expect: Record<string, unknown> };
  joinRequest: {
    joinerSeed: string;
    displayName: string;
    organisation: string;
    requestedAt: number;
    nonce: string;
    encoded: string;
    admissionId: string;
  };
  sealedCaseKey: { recipientSeed: string; caseId: string; epoch: number; caseKey: string; sealed: string };
  keyCheck: { caseKey: string; caseId: string; epoch: number; keyCheck: string };
  badLinks: { name: string; text: string; now: number; error: string }[];
  goodForms: string[];
}

const vector = JSON.parse(
  readFileSync(new URL('../../vectors/invite-link-v1.json', import.meta.url), 'utf8'),
) as Vector;
const hex = (text: string) => {
  const bytes = fromHex(text, text.length / 2);
  if (!bytes) throw new Error(`bad hex in the vector: ${text.slice(0, 8)}`);
  return bytes;
};

let na: Sodium;
beforeAll(async () => {
  na = await sodiumReady();
});

function identity(seed: string, name: string, org: string) {
  const made = identityFromSeed(hex(seed), name, org);
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
}

describe('invite link v1 test vector', () => {
  it('the inputs produce exactly the recorded link', () => {
    const { inputs, outputs } = vector;
    const random = [hex(inputs.inviteId), hex(inputs.inviteSecret)];
    const made = createInvite({
      genesis: inputs.genesis,
      caseKey: hex(inputs.caseKey),
      role: inputs.role,
      party: inputs.party,
      singleUse: inputs.singleUse,
      issuedAt: inputs.issuedAt,
      expiresAt: inputs.expiresAt,
      inviter: identity(inputs.inviterSeed, 'Pat Provider', 'PC Maker'),
      randomBytes: () => random.shift() as Uint8Array,
    });
    if (!made.ok) throw new Error(made.message);
    expect(toHex(made.invite.publicPart)).toBe(outputs.publicPart);
    expect(made.link).toBe(outputs.link);
    expect(toHex(deriveProofKeyPair(na, hex(inputs.inviteSecret)).publicKey)).toBe(outputs.proofPublicKey);
    expect(toHex(deriveCaseKeyCheck(na, hex(inputs.caseKey), inputs.inviteId))).toBe(outputs.caseKeyCheck);
  });

  it('the signature verifies with plain Ed25519 over the documented bytes', () => {
    const bytes = hex(vector.outputs.publicPart);
    const signed = concatBytes(
      encodeUtf8('casepact/invite-link/v1\0'),
      bytes.subarray(0, 35),
      bytes.subarray(99),
    );
    expect(na.crypto_sign_verify_detached(bytes.subarray(35, 99), signed, bytes.subarray(3, 35))).toBe(true);
    expect(bytes[0]).toBe(1);
    expect((bytes[1] as number) * 256 + (bytes[2] as number)).toBe(bytes.length);
  });

  it('parses to the recorded fields, in every accepted form', () => {
    for (const text of [vector.outputs.link, ...vector.goodForms]) {
      const parsed = parseInviteLink(text, { now: vector.parse.now });
      if (!parsed.ok) throw new Error(`${text.slice(0, 30)}: ${parsed.message}`);
      expect(parsed.invite).toMatchObject(vector.parse.expect);
      expect(toHex(parsed.invite.caseKey)).toBe(vector.inputs.caseKey);
    }
  });

  it('each recorded bad link gives its recorded error', () => {
    for (const bad of vector.badLinks) {
      const parsed = parseInviteLink(bad.text, { now: bad.now });
      expect(parsed.ok ? 'ok' : parsed.error, bad.name).toBe(bad.error);
    }
  });

  it('the join request encodes as recorded and verifies', () => {
    const { joinRequest: j } = vector;
    const parsed = parseInviteLink(vector.outputs.link, { now: vector.parse.now });
    if (!parsed.ok) throw new Error(parsed.message);
    const made = createJoinRequest(na, parsed.invite, identity(j.joinerSeed, j.displayName, j.organisation), {
      now: j.requestedAt,
      nonce: hex(j.nonce),
    });
    if (!made.ok) throw new Error(made.message);
    expect(toHex(made.bytes)).toBe(j.encoded);
    expect(toHex(joinRequestHash(na, made.request))).toBe(j.admissionId);
    const decoded = decodeJoinMessage(hex(j.encoded));
    expect(
      decoded.ok && decoded.message.type === 'join-request' && verifyJoinRequest(na, decoded.message).ok,
    ).toBe(true);
  });

  it('the recorded sealed case key opens for its recipient, and the key check matches', () => {
    const { sealedCaseKey: s, keyCheck: k } = vector;
    const sealed = fromBase64Url(s.sealed);
    if (!sealed.ok) throw new Error('vector');
    const recipient = identity(s.recipientSeed, 'Olu Okafor', 'OS Vendor');
    const opened = openSealedCaseKey(na, sealed.bytes, recipient, { caseId: s.caseId, epoch: s.epoch });
    expect(opened && toHex(opened)).toBe(s.caseKey);
    expect(toHex(keyCheckOf(na, hex(k.caseKey), k.caseId, k.epoch))).toBe(k.keyCheck);
  });
});
