/**
 * Peer harness: one Node process holding one case's log document on one room, driven by
 * JSON-line commands on stdin and reporting JSON-line events on stdout (peer-protocol.ts).
 * Used by test/integration/** and bench/sync-latency.ts to run peers as separate processes
 * over real WebRTC (node-datachannel).
 *
 *   node --import tsx cli/peer/peer-process.ts --name A --signal ws://127.0.0.1:PORT
 *        [--mode casepact|plain] [--bind 127.0.0.1] [--state FILE] [--no-connect]
 *   env CASEPACT_PEER_CASE_KEY=<64 hex>   (secrets stay out of argv, which `ps` shows)
 *   env CASEPACT_PEER_IDENTITY_SEED=<64 hex>  (optional: signs presence)
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import * as Y from 'yjs';
import { sodium, sodiumReady } from '../../shared/crypto/sodium';
import { ed25519PresenceVerifier, publishPresence, readPresence } from '../../shared/sync/presence';
import { interimOpen, interimSeal, interimSealKey, contentKey } from './interim-seal';
import { nodePeerOptions } from './node-webrtc';
import { openCasepactLink, openPlainLink } from './peer-link';
import type { PeerCommand, PeerEvent } from './peer-protocol';
import { parsePeerCommand } from './peer-protocol';
import { parsePeerArgs } from './peer-args';

const wallClock = () => performance.timeOrigin + performance.now();
const emit = (event: PeerEvent) => process.stdout.write(`${JSON.stringify(event)}\n`);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

async function main(): Promise<number> {
  const parsed = parsePeerArgs(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    emit({ type: 'error', code: 'bad-args', message: parsed.message });
    return 2;
  }
  const args = parsed.args;
  await sodiumReady();
  const na = sodium();
  const doc = new Y.Doc();
  const log = doc.getMap<Uint8Array>('envelopes');
  if (args.stateFile && existsSync(args.stateFile)) {
    Y.applyUpdate(doc, new Uint8Array(readFileSync(args.stateFile)), 'disk');
  }
  const sealKey = args.mode === 'casepact' ? interimSealKey(args.caseKey) : null;
  const open = (sealed: Uint8Array) => (sealKey ? interimOpen(sealKey, sealed) : sealed);
  const seal = (payload: Uint8Array) => (sealKey ? interimSeal(sealKey, payload) : payload);
  const identity = args.identitySeed ? na.crypto_sign_seed_keypair(args.identitySeed) : null;
  let members = new Map<string, Uint8Array>();

  const peerOpts = nodePeerOptions(args.bindAddress ? { bindAddress: args.bindAddress } : {});
  const openLink = args.mode === 'casepact' ? openCasepactLink : openPlainLink;
  const linked = openLink(doc, args.caseKey, args.signalingUrls, peerOpts);
  if (!linked.ok) {
    emit({ type: 'error', code: linked.error.code, message: linked.error.message });
    return 1;
  }
  const { transport, roomName, remoteOrigin } = linked.value;
  let rejected = 0;

  log.observe((event) => {
    if (event.transaction.origin !== remoteOrigin()) return;
    const at = wallClock();
    for (const [key, change] of event.changes.keys) {
      if (change.action !== 'add') continue;
      const value = log.get(key);
      const payload = value instanceof Uint8Array ? open(value) : null;
      if (!payload) {
        rejected++;
        continue;
      }
      const text = decoder.decode(payload);
      if (text.startsWith('ping:')) emit({ type: 'seen', id: Number(text.slice(5)), at });
    }
  });
  transport.onStatus((status) =>
    emit({ type: 'status', state: status.state, peers: status.peers, signaling: status.signaling.connected }),
  );

  const append = (text: string) => {
    const sealed = seal(encoder.encode(text));
    log.set(contentKey(sealed), sealed);
  };
  const digest = () => {
    const hash = na.crypto_generichash_init(null, 32);
    for (const key of [...log.keys()].sort()) {
      na.crypto_generichash_update(hash, encoder.encode(`${key}\n`));
    }
    return na.to_hex(na.crypto_generichash_final(hash, 32));
  };
  const save = () => {
    if (!args.stateFile) return;
    // Write-then-rename, so a killed harness never leaves a torn state file.
    writeFileSync(`${args.stateFile}.tmp`, Y.encodeStateAsUpdate(doc));
    renameSync(`${args.stateFile}.tmp`, args.stateFile);
  };

  let finished: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => {
    finished = resolve;
  });
  const shutdown = () => {
    save();
    transport.destroy();
    finished(0);
  };

  const handle = (command: PeerCommand): void => {
    switch (command.cmd) {
      case 'connect':
        transport.connect();
        return;
      case 'disconnect':
        transport.disconnect();
        return;
      case 'add':
        doc.transact(() => {
          for (let i = 0; i < command.count; i++) append(`${args.name}/${command.tag}/${i}`);
        });
        emit({ type: 'added', count: command.count });
        return;
      case 'ping': {
        const at = wallClock();
        append(`ping:${command.id}`);
        emit({ type: 'sent', id: command.id, at });
        return;
      }
      case 'state': {
        const status = transport.status();
        emit({
          type: 'state',
          count: log.size,
          rejected,
          digest: digest(),
          state: status.state,
          peers: status.peers,
        });
        return;
      }
      case 'presence':
        publishPresence(
          transport.awareness,
          roomName,
          {
            memberId: args.name,
            displayName: command.displayName,
            activity: command.activity,
            at: Date.now(),
          },
          identity ? (message) => na.crypto_sign_detached(message, identity.privateKey) : undefined,
        );
        return;
      case 'members':
        members = new Map(Object.entries(command.keys).map(([id, hex]) => [id, na.from_hex(hex)]));
        return;
      case 'peers': {
        const verify = ed25519PresenceVerifier((id) => members.get(id) ?? null);
        const peers = readPresence(transport.awareness.getStates(), {
          selfClientId: doc.clientID,
          roomName,
          now: Date.now(),
          verify,
        });
        emit({ type: 'presence', peers });
        return;
      }
      case 'save':
        save();
        emit({ type: 'saved' });
        return;
      case 'exit':
        shutdown();
        return;
    }
  };

  emit({ type: 'ready', name: args.name, mode: args.mode, room: roomName });
  if (args.connect) transport.connect();
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (!line.trim()) return;
    const command = parsePeerCommand(line);
    if (!command.ok) emit({ type: 'error', code: command.error.code, message: command.error.message });
    else handle(command.command);
  });
  lines.on('close', shutdown);
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  return done;
}

main().then(
  (code) => {
    // y-webrtc and node-datachannel keep handles open for a while after destroy; the
    // harness has said everything it had to say, so it leaves at once.
    setTimeout(() => process.exit(code), 50);
  },
  (error: unknown) => {
    emit({ type: 'error', code: 'crash', message: error instanceof Error ? error.message : String(error) });
    process.exit(70);
  },
);
