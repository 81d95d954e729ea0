/**
 * Test helper process: a member's device keeping one stored case online the way `casepact sync`
 * and `casepact serve` must once keys rotate (issue 6), through the real code paths: CaseStore
 * (keys sealed on disk) → read-only CaseReplica (verifies, never signs) → y-webrtc over
 * node-datachannel, log.bin in both directions (entries peers send are appended; entries the
 * one-shot commands of this home append are read back and sent). On every change it adopts the
 * keys it can open (adoptCaseKeys): stores them, replays the log with them, moves the log to the
 * room of the key in force and keeps each older key's room open with an OldRoomMirror.
 *
 *   node --import tsx test/cli/membership/rotating-peer.ts HOME CASE_ID SIGNAL_URL
 *   env CASEPACT_PASSPHRASE
 *
 * JSON lines on stdout: ready, state (after every change: members, texts, refused, epoch,
 * room, signatures), rotated, stopped. Stops on SIGTERM after a last save.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import nodeDataChannel from 'node-datachannel';
import { nodePeerOptions } from '../../../cli/peer/node-webrtc';
import { CaseStore } from '../../../cli/store/case-store';
import { unlockHomeIdentity } from '../../../cli/store/identity-store';
import { withCaseLock } from '../../../cli/store/lock';
import { appendLog, readLog } from '../../../cli/store/log-file';
import { unrefBroadcastChannels } from '../../../cli/sync/node-exit';
import { selectContract, termsHashOf } from '../../../shared/contract/index';
import { sodium, sodiumReady } from '../../../shared/crypto/sodium';
import { adoptCaseKeys, keyEpochs, readRotations } from '../../../shared/membership/case-keys';
import { OldRoomMirror } from '../../../shared/membership/old-rooms';
import type { CaseKey } from '../../../shared/signed/case-key';
import { CaseReplica, LOG_MAP } from '../../../shared/signed/replica';
import { deriveRoomSecrets } from '../../../shared/sync/room-derivation';
import type { WebrtcCaseTransport } from '../../../shared/sync/webrtc-transport';
import { createWebrtcTransport } from '../../../shared/sync/webrtc-transport';

const [home, caseId, signal] = process.argv.slice(2) as [string, string, string];
const emit = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(event)}\n`);
const DISK = { source: 'test/disk' };

unrefBroadcastChannels();
await sodiumReady();
const na = sodium();
const io = { out: () => {}, err: (line: string) => process.stderr.write(`${line}\n`), env: process.env };
const identity = await unlockHomeIdentity(home, io);
const store = CaseStore.open(home, caseId);
const keyring = store.keyring(identity);
const logPath = join(store.dir, 'log.bin');
const busy = (error: { message: string }) => new Error(error.message);

// The log document, loaded from disk; `onDisk` names what log.bin holds.
const log = new Y.Doc();
const entries = log.getMap<Uint8Array>(LOG_MAP);
const onDisk = new Set<string>();
let diskSize = -1;
const readDisk = () => {
  const size = statSync(logPath, { throwIfNoEntry: false })?.size ?? 0;
  if (size === diskSize) return;
  const read = withCaseLock(store.dir, () => readLog(logPath), busy);
  diskSize = size;
  const fresh = read.records.filter((r) => !onDisk.has(r.key));
  for (const record of fresh) onDisk.add(record.key);
  const missing = fresh.filter((r) => !entries.has(r.key));
  if (missing.length > 0)
    log.transact(() => {
      for (const record of missing) entries.set(record.key, record.sealed);
    }, DISK);
};
const save = () => {
  const fresh = [...entries.entries()].filter(([key]) => !onDisk.has(key));
  if (fresh.length === 0) return;
  withCaseLock(
    store.dir,
    () =>
      appendLog(
        logPath,
        fresh.map(([key, sealed]) => ({ key, sealed })),
      ),
    busy,
  );
  for (const [key] of fresh) onDisk.add(key);
  diskSize = statSync(logPath).size;
};
readDisk();

let replica = build();
function build(): CaseReplica {
  const made = new CaseReplica({ genesis: store.meta.genesis, keyring, log });
  made.onChange(() => queueMicrotask(changed));
  return made;
}

// Rooms: the log in the room of the current key, a mirror in each older key's room.
const open = (doc: Y.Doc, key: CaseKey): WebrtcCaseTransport => {
  const made = createWebrtcTransport({
    doc,
    caseKey: key.key,
    signalingUrls: [signal],
    peerOpts: nodePeerOptions({ bindAddress: '127.0.0.1' }),
    broadcastChannel: false,
  });
  if (!made.ok) throw new Error(made.error.message);
  made.value.connect();
  return made.value;
};
const roomOf = (key: CaseKey) =>
  (deriveRoomSecrets(key.key) as { value: { roomName: string } }).value.roomName;
let main = { keyId: keyring.current.keyId, transport: open(log, keyring.current) };
const mirrors = new Map<string, { mirror: OldRoomMirror; transport: WebrtcCaseTransport }>();
let moving = Promise.resolve();
const moveRooms = () => {
  moving = moving.then(async () => {
    const current = keyring.current;
    if (main.keyId !== current.keyId) {
      const left = main.keyId;
      main.transport.destroy();
      await new Promise((resolve) => setTimeout(resolve, 300)); // y-webrtc frees the room name asynchronously
      main = { keyId: current.keyId, transport: open(log, current) };
      emit({ type: 'rotated', epoch: epochOfCurrent(), room: roomOf(current), left });
    }
    const epochs = keyEpochs(na, caseId, readRotations(replica.contract), keyring.all());
    for (const key of keyring.all()) {
      if (key.keyId === current.keyId || mirrors.has(key.keyId)) continue;
      const upTo = epochs.get(key.keyId) ?? 0;
      const carries = new Set(
        keyring
          .all()
          .filter((k) => (epochs.get(k.keyId) ?? 0) <= upTo)
          .map((k) => k.keyId),
      );
      const mirror = new OldRoomMirror(log, carries);
      mirrors.set(key.keyId, { mirror, transport: open(mirror.doc, key) });
      emit({ type: 'old-room', room: roomOf(key), carries: mirror.size });
    }
  });
};
const epochOfCurrent = () =>
  keyEpochs(na, caseId, readRotations(replica.contract), [keyring.current]).get(keyring.current.keyId) ?? 0;

let excluded = false;
function changed(): void {
  save();
  const adopted = adoptCaseKeys(na, replica.contract, caseId, identity, keyring);
  excluded = adopted.excluded;
  if (adopted.added.length > 0 || adopted.currentChanged) store.saveKeys(identity, keyring);
  if (adopted.added.length > 0) {
    // Entries refused as unreadable before the key arrived are not retried: replay with the keys.
    replica.destroy();
    replica = build();
  }
  if (adopted.currentChanged || adopted.added.length > 0) moveRooms();
  report();
}

function report(): void {
  const contract = selectContract(replica.contract);
  const members = contract.parties.flatMap((p) => p.members);
  emit({
    type: 'state',
    members: members
      .filter((m) => m.status === 'active')
      .map((m) => m.displayName)
      .sort(),
    removed: members
      .filter((m) => m.status === 'removed')
      .map((m) => m.displayName)
      .sort(),
    texts: contract.messages.filter((m) => m.kind === 'message').map((m) => m.text),
    refused: replica
      .quarantine()
      .refused.map((q) => ({ author: q.author ?? null, reason: q.reason, seq: q.seq ?? null })),
    signatures: contract.agreements.versions.flatMap((v) =>
      v.signatures.filter((s) => s.current).map((s) => s.member),
    ),
    terms: termsHashOf(replica.contract),
    epoch: epochOfCurrent(),
    room: roomOf(keyring.current),
    excluded,
    contract: Buffer.from(Y.encodeStateVector(replica.contract)).toString('base64'),
  });
}

const poll = setInterval(() => {
  try {
    readDisk();
  } catch {
    // the case lock is busy: next tick
  }
}, 200);
changed();
moveRooms();
emit({ type: 'ready', room: roomOf(keyring.current) });
process.on('SIGTERM', () => {
  clearInterval(poll);
  try {
    save();
  } catch {
    // nothing more can be done on the way out
  }
  main.transport.destroy();
  for (const { mirror, transport } of mirrors.values()) {
    transport.destroy();
    mirror.destroy();
  }
  replica.destroy();
  emit({ type: 'stopped' });
  nodeDataChannel.cleanup();
  process.exit(0);
});
