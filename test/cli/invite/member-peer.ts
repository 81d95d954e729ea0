/**
 * Test helper process: a member's device keeping one stored case online (what `casepact serve`
 * will do), through the real code path: CaseStore → CaseReplica (with the default invite hook)
 * → y-webrtc over node-datachannel. Persists whatever verifies, prints JSON lines:
 *   {"type":"ready"} once connecting, {"type":"applied","count":N,"members":[...]} after changes.
 * Stops cleanly on SIGTERM (persisting first).
 *
 *   node --import tsx test/cli/invite/member-peer.ts HOME CASE_ID SIGNAL_URL
 *   env CASEPACT_PASSPHRASE
 */
import { selectContract } from '../../../shared/contract/index';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { createWebrtcTransport } from '../../../shared/sync/webrtc-transport';
import { nodePeerOptions } from '../../../cli/peer/node-webrtc';
import { CaseStore } from '../../../cli/store/case-store';
import { unlockHomeIdentity } from '../../../cli/store/identity-store';

const [home, caseId, signal] = process.argv.slice(2) as [string, string, string];
const emit = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(event)}\n`);

await sodiumReady();
const io = { out: () => {}, err: (line: string) => process.stderr.write(`${line}\n`), env: process.env };
const identity = await unlockHomeIdentity(home, io);
const opened = CaseStore.open(home, caseId).load(identity);
const { replica, persist } = opened;
const members = () =>
  selectContract(replica.contract)
    .parties.flatMap((p) => p.members)
    .filter((m) => m.status === 'active')
    .map((m) => m.displayName)
    .sort();
replica.onChange((event) => {
  persist();
  emit({
    type: 'applied',
    count: event.applied.length,
    refused: event.quarantined.length,
    members: members(),
  });
});
const transport = createWebrtcTransport({
  doc: replica.log,
  caseKey: replica.keyring.current.key,
  signalingUrls: [signal],
  peerOpts: nodePeerOptions({ bindAddress: '127.0.0.1' }),
});
if (!transport.ok) {
  emit({ type: 'error', message: transport.error.message });
  process.exit(1);
}
transport.value.connect();
emit({ type: 'ready', members: members() });
process.on('SIGTERM', () => {
  persist();
  transport.value.destroy();
  replica.destroy();
  emit({ type: 'stopped' });
  process.exit(0);
});
