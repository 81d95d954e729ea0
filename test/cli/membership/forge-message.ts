/**
 * Test helper: a modified client of a removed member. Its own `casepact message` refuses (the
 * contract says it is no longer a member), so this writes a message into the contract document
 * directly; the replica signs it like any local change and it is saved to the home's log, from
 * where the member's running device sends it to whoever is in its room.
 *
 *   node --import tsx test/cli/membership/forge-message.ts HOME CASE_ID TEXT
 */
import { CaseStore } from '../../../cli/store/case-store';
import { unlockHomeIdentity } from '../../../cli/store/identity-store';
import { sodiumReady } from '../../../shared/crypto/sodium';

const [home, caseId, text] = process.argv.slice(2) as [string, string, string];
await sodiumReady();
const io = { out: () => {}, err: (line: string) => process.stderr.write(`${line}\n`), env: process.env };
const identity = await unlockHomeIdentity(home, io);
const opened = CaseStore.open(home, caseId).load(identity);
const record = opened.replica.contract.getMap('members').get(identity.id) as { get(k: string): unknown };
opened.replica.contract.getArray('messages').push([
  {
    id: `forged-${Date.now().toString(36)}`,
    kind: 'message',
    author: identity.id,
    party: record.get('party'),
    at: Date.now(),
    text,
  },
]);
opened.persist();
process.stdout.write(`${JSON.stringify({ forged: opened.replica.applied().at(-1)?.key ?? null })}\n`);
