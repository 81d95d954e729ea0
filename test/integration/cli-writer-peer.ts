/**
 * A party writing a burst of changes while online, for test/integration/cli-durability.test.ts.
 * It uses the one-shot commands' own path for each change — CaseStore.load → replica.run(command)
 * → persist() (append + fsync under the case lock) — and keeps the log document on y-webrtc, so
 * every change also streams to the peers (e.g. a `casepact serve`) as it is made.
 *
 * Prints {"type":"connected"} once a peer is there, then {"type":"saved","n":i,"key":…} after
 * each change is durable: what it "reported saved".
 *
 *   node --import tsx test/integration/cli-writer-peer.ts HOME CASE_ID SIGNAL_URL COUNT INTERVAL_MS
 *   env CASEPACT_PASSPHRASE
 */
import { postMessage } from '../../shared/contract/index';
import { sodiumReady } from '../../shared/crypto/sodium';
import { createWebrtcTransport } from '../../shared/sync/webrtc-transport';
import { nodePeerOptions } from '../../cli/peer/node-webrtc';
import { CaseStore } from '../../cli/store/case-store';
import { unlockHomeIdentity } from '../../cli/store/identity-store';

const [home, caseId, signal, countText, intervalText] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const emit = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(event)}\n`);

await sodiumReady();
const io = { out: () => {}, err: (line: string) => process.stderr.write(`${line}\n`), env: process.env };
const identity = await unlockHomeIdentity(home, io);
const { replica, persist } = CaseStore.open(home, caseId).load(identity);
const transport = createWebrtcTransport({
  doc: replica.log,
  caseKey: replica.keyring.current.key,
  signalingUrls: [signal],
  peerOpts: nodePeerOptions({ bindAddress: '127.0.0.1' }),
  broadcastChannel: false,
});
if (!transport.ok) {
  emit({ type: 'error', message: transport.error.message });
  process.exit(1);
}
transport.value.connect();
while (transport.value.status().peers === 0) await new Promise((resolve) => setTimeout(resolve, 50));
emit({ type: 'connected' });

const count = Number(countText);
const interval = Number(intervalText);
for (let n = 1; n <= count; n++) {
  const posted = replica.run((ctx) => postMessage(ctx, { text: `burst message ${n}` }));
  if (!posted.ok) {
    emit({ type: 'error', message: posted.message });
    process.exit(1);
  }
  persist();
  emit({ type: 'saved', n, key: replica.applied().at(-1)?.key });
  await new Promise((resolve) => setTimeout(resolve, interval));
}
emit({ type: 'done', count });
process.on('SIGTERM', () => process.exit(0));
