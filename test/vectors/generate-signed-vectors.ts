/**
 * Writes test/vectors/envelope-v1.json and test/vectors/signed-copy-v1.casepact.
 * Run once with `npx tsx test/vectors/generate-signed-vectors.ts`; the files are checked in and
 * test/shared/signed/vectors.test.ts holds the implementation to them (never regenerate to make a
 * failing test pass: a changed vector is a changed wire format).
 */
import { writeFileSync } from 'node:fs';
import * as Y from 'yjs';
import { addMember, createCase, postMessage, proposeChange } from '../../shared/contract/index';
import { sodiumReady } from '../../shared/crypto/sodium';
import { toHex } from '../../shared/identity/bytes';
import { identityFromSeed } from '../../shared/identity/identity';
import { fingerprint } from '../../shared/identity/member-id';
import { signTermsHash } from '../../shared/signed/agreement';
import { CaseKeyring, caseKeyFromBytes } from '../../shared/signed/case-key';
import { deriveClientId } from '../../shared/signed/client-id';
import { envelopeSigningMessage, signEnvelope } from '../../shared/signed/envelope';
import { foundCase } from '../../shared/signed/found';
import { newGenesis } from '../../shared/signed/genesis';
import { sealLogEntry } from '../../shared/signed/log-entry';
import { CaseReplica } from '../../shared/signed/replica';
import { exportSignedCopy } from '../../shared/signed/signed-copy';
import { signCurrentTerms } from '../../shared/signed/sign-terms';
import { TYPING_ORIGIN } from '../../shared/signed/signer';

await sodiumReady();
const seed = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const ada = identityFromSeed(seed, 'Ada Lovelace', 'Analytical Engines');
if (!ada.ok) throw new Error(ada.error.message);
const id = ada.value;

// --- envelope-v1.json
const salt = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i);
const genesis = newGenesis(id.id, salt);
const epoch = 7;
const clientId = deriveClientId(id.publicKey, epoch);
const doc = new Y.Doc({ gc: false });
doc.clientID = clientId;
doc.getArray('messages').push([{ id: 'm1', kind: 'message', author: id.id, party: 'p1', at: 1750000000000, text: 'Hello' }]);
const update = Y.encodeStateAsUpdate(doc);
const prev = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
const envelope = signEnvelope(
  { caseId: genesis.caseId, authorKey: id.publicKey, seq: 2, prev, timestamp: 1750000000000, clients: [{ clientId, epoch }], update },
  id.secretKey,
);
const caseKey = caseKeyFromBytes(Uint8Array.from({ length: 32 }, (_, i) => 0x40 + i));
const nonce = Uint8Array.from({ length: 24 }, (_, i) => i * 3);
const sealed = sealLogEntry(new CaseKeyring(caseKey), genesis.caseId, envelope.hashHex, envelope.bytes, nonce);
const termsHash = 'ab'.repeat(32);
const vector = {
  description: 'Envelope v1, log entry v1, case id, client id and agreement signature (docs/envelope.md, docs/signed-copy.md)',
  identity: {
    seed: toHex(seed),
    publicKey: toHex(id.publicKey),
    memberId: id.id,
    fingerprint: fingerprint(id.publicKey),
  },
  genesis: { founder: id.id, salt: toHex(salt), caseId: genesis.caseId },
  client: { epoch, clientId },
  envelope: {
    caseId: genesis.caseId,
    seq: 2,
    prev: toHex(prev),
    timestamp: 1750000000000,
    clients: [{ clientId, epoch }],
    update: toHex(update),
    signingMessage: toHex(envelopeSigningMessage(envelope.bytes)),
    signature: toHex(envelope.signature),
    bytes: toHex(envelope.bytes),
    hash: envelope.hashHex,
  },
  logEntry: { caseKey: toHex(caseKey.key), keyId: caseKey.keyId, nonce: toHex(nonce), key: envelope.hashHex, sealed: toHex(sealed) },
  agreement: { caseId: genesis.caseId, termsHash, signature: signTermsHash(id, genesis.caseId, termsHash) },
};
writeFileSync('test/vectors/envelope-v1.json', `${JSON.stringify(vector, null, 2)}\n`);

// --- signed-copy-v1.casepact: a founder and a colleague, an action, messages, typing, both sign v1.
const pat = identityFromSeed(Uint8Array.from({ length: 32 }, (_, i) => 100 + i), 'Pat Smith', 'Analytical Engines');
if (!pat.ok) throw new Error(pat.error.message);
let t = 1750000000000;
let n = 0;
const now = () => (t += 60_000);
const newId = () => `v${(n++).toString().padStart(4, '0')}`;
const keyring = new CaseKeyring(caseKey);
const founded = foundCase({
  identity: id,
  keyring,
  now,
  newId,
  create: (ctx) =>
    createCase(ctx, {
      title: 'Laptop does not boot after firmware update',
      party: { name: 'Analytical Engines Support', role: 'provider' },
      member: { displayName: id.displayName, organisation: id.organisation },
    }),
});
if (!founded.result.ok) throw new Error(founded.result.message);
const a = founded.replica;
const party = founded.result.value.partyId;
a.run((ctx) => addMember(ctx, { memberId: pat.value.id, displayName: 'Pat Smith', organisation: 'Analytical Engines' }));
a.run((ctx) => proposeChange(ctx, { changes: [{ kind: 'add-action', action: { id: 'replace-chip', title: 'Replace the boot chip', party, dueAt: '2025-07-01T17:00:00Z' } }] }));
const summary = a.contract.getText('summary');
for (const char of 'Black screen after BIOS 1.2.3') a.contract.transact(() => summary.insert(summary.length, char), TYPING_ORIGIN);
a.flush();
const b = new CaseReplica({ genesis: founded.genesis, keyring, identity: pat.value, now, newId });
Y.applyUpdate(b.log, Y.encodeStateAsUpdate(a.log));
b.run((ctx) => postMessage(ctx, { text: 'Board ships tomorrow, courier booked.' }));
Y.applyUpdate(a.log, Y.encodeStateAsUpdate(b.log));
const s1 = signCurrentTerms(a);
Y.applyUpdate(b.log, Y.encodeStateAsUpdate(a.log));
const s2 = signCurrentTerms(b);
if (!s1.ok || !s2.ok) throw new Error('signing failed');
writeFileSync('test/vectors/signed-copy-v1.casepact', exportSignedCopy(b, pat.value, 1750003600000));
console.log('wrote test/vectors/envelope-v1.json and test/vectors/signed-copy-v1.casepact');
