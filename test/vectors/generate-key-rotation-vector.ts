/**
 * Writes test/vectors/key-rotation-v1.json (docs/invite-link.md §3: rotation record and key
 * history). Run once with `npx tsx test/vectors/generate-key-rotation-vector.ts`; the file is
 * checked in and test/shared/membership/key-rotation-vector.test.ts holds the code to it (never
 * regenerate to make a failing test pass).
 */
import { writeFileSync } from 'node:fs';
import { sodiumReady } from '../../shared/crypto/sodium';
import { toBase64Url } from '../../shared/invite/bytes';
import { sealKeyHistory } from '../../shared/membership/key-history';
import { planRemoval } from '../../shared/membership/removal';
import { rotationRecordKey } from '../../shared/membership/rotation';

async function main(): Promise<void> {
  const na = await sodiumReady();
  const seed = (byte: number) => new Uint8Array(32).fill(byte);
  const pair = (byte: number) => na.crypto_sign_seed_keypair(seed(byte));
  const [provider, customer, partner] = [pair(1), pair(2), pair(3)];
  const caseId = 'c2xr2op2c3psv5tiwppfgu2mk';
  const plan = planRemoval(na, {
    caseId,
    currentEpoch: 0,
    remover: provider.publicKey,
    removed: partner.publicKey,
    lastSeq: 4,
    activeMembers: [provider.publicKey, customer.publicKey, partner.publicKey],
    mayRemove: true,
    now: 1_767_225_600_000,
  });
  if (!plan.ok) throw new Error(plan.message);
  const creationKey = seed(42);
  const history = sealKeyHistory(na, { caseId, epoch: 1, caseKey: plan.caseKey, older: [creationKey] });
  if (!history) throw new Error('history');
  const vector = {
    description:
      'Key rotation v1 (docs/invite-link.md §3): a removal rotation sealed to the provider (seed 01…) and the customer (seed 02…), removing the partner (seed 03…) after its change #4; the key history of epoch 1 sealing the creation key.',
    recipients: { providerSeed: toBase64Url(seed(1)), customerSeed: toBase64Url(seed(2)), partnerSeed: toBase64Url(seed(3)) },
    rotation: { stored: plan.stored, recordKey: rotationRecordKey(plan.stored), caseKey: toBase64Url(plan.caseKey) },
    history: { stored: history, recordKey: rotationRecordKey(history), older: [toBase64Url(creationKey)] },
  };
  writeFileSync(new URL('./key-rotation-v1.json', import.meta.url), `${JSON.stringify(vector, null, 2)}\n`);
}

await main();
