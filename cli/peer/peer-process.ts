/**
 * Peer harness: one Node process holding one case's log document on one room, driven by
 * JSON-line commands on stdin and reporting JSON-line events on stdout (peer-protocol.ts).
 * Used by test/integration/** and bench/sync-latency.ts to run peers as separate processes
 * over real WebRTC (node-datachannel).
 *
 *   node --import tsx cli/peer/peer-process.ts --name A --signal ws://127.0.0.1:PORT
 *        [--mode casepact|plain|contract|signed|rogue|stock] [--bind 127.0.0.1] [--state FILE] [--no-connect]
 *   env CASEPACT_PEER_CASE_KEY=<64 hex>   (secrets stay out of argv, which `ps` shows)
 *   env CASEPACT_PEER_IDENTITY_SEED=<64 hex>  (signs presence; signed mode: the founder)
 *   env CASEPACT_PEER_GENESIS=<json>  (signed mode: a reader of that case)
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import * as Y from 'yjs';
import { sodium, sodiumReady } from '../../shared/crypto/sodium';
import { installNodeCrypto } from '../crypto/install';
import { identityFromSeed } from '../../shared/identity/identity';
import { checkGenesis } from '../../shared/signed/genesis';
import { ed25519PresenceVerifier, publishPresence, readPresence } from '../../shared/sync/presence';
import type { LogApp } from './log-apps';
import { contractApp, interimApp, logDigest, signedApp } from './log-apps';
import { nodePeerOptions } from './node-webrtc';
import type { PeerArgs } from './peer-args';
import { parsePeerArgs } from './peer-args';
import { openCasepactLink, openPlainLink, openRogueLink } from './peer-link';
import type { PeerCommand, PeerEvent } from './peer-protocol';
import { parsePeerCommand } from './peer-protocol';

const emit = (event: PeerEvent): void => {
  process.stdout.write(`${JSON.stringify(event)}\n`);
};

function createApp(args: PeerArgs): { app: LogApp; genesis?: unknown } {
  if (args.mode === 'contract') return { app: contractApp(args.identitySeed !== null) };
  if (args.mode !== 'signed') {
    const doc = new Y.Doc();
    if (args.stateFile && existsSync(args.stateFile)) {
      Y.applyUpdate(doc, new Uint8Array(readFileSync(args.stateFile)), 'disk');
    }
    return { app: interimApp(args.name, args.caseKey, args.mode === 'casepact', doc) };
  }
  if (args.genesis) {
    const genesis = checkGenesis(args.genesis);
    if (!genesis.ok) throw new Error(genesis.error.message);
    return signedApp(args.caseKey, { genesis: genesis.value });
  }
  const identity = identityFromSeed(args.identitySeed ?? new Uint8Array(0), args.name, 'Casepact peer');
  if (!identity.ok) throw new Error(identity.error.message);
  return signedApp(args.caseKey, { founder: identity.value });
}

async function main(): Promise<number> {
  const parsed = parsePeerArgs(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    emit({ type: 'error', code: 'bad-args', message: parsed.message });
    return 2;
  }
  const args = parsed.args;
  await sodiumReady();
  installNodeCrypto();
  const na = sodium();
  const { app, genesis } = createApp(args);
  const doc = app.doc;
  const presenceKeys = args.identitySeed ? na.crypto_sign_seed_keypair(args.identitySeed) : null;
  let members = new Map<string, Uint8Array>();

  const peerOpts = nodePeerOptions(args.bindAddress ? { bindAddress: args.bindAddress } : {});
  const linked =
    args.mode === 'plain' || args.mode === 'contract'
      ? openPlainLink(doc, args.caseKey, args.signalingUrls, peerOpts)
      : args.mode === 'rogue' || args.mode === 'stock'
        ? openRogueLink(doc, args.caseKey, args.signalingUrls, peerOpts, args.mode === 'rogue')
        : openCasepactLink(doc, args.caseKey, args.signalingUrls, peerOpts);
  if (!linked.ok) {
    emit({ type: 'error', code: linked.error.code, message: linked.error.message });
    return 1;
  }
  const { transport, roomName, remoteOrigin } = linked.value;
  app.start(remoteOrigin, (id, at) => emit({ type: 'seen', id, at }));
  transport.onStatus((status) =>
    emit({ type: 'status', state: status.state, peers: status.peers, signaling: status.signaling.connected }),
  );

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
        app.add(command.tag, command.count);
        emit({ type: 'added', count: command.count });
        return;
      case 'ping': {
        const at = performance.timeOrigin + performance.now();
        app.ping(command.id);
        emit({ type: 'sent', id: command.id, at });
        return;
      }
      case 'state': {
        const status = transport.status();
        emit({
          type: 'state',
          count: doc.getMap('envelopes').size,
          rejected: app.rejected(),
          digest: logDigest(doc),
          state: status.state,
          peers: status.peers,
          facts: app.facts(),
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
          presenceKeys ? (message) => na.crypto_sign_detached(message, presenceKeys.privateKey) : undefined,
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

  emit({ type: 'ready', name: args.name, mode: args.mode, room: roomName, ...(genesis ? { genesis } : {}) });
  if (args.connect) transport.connect();
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (!line.trim()) return;
    const command = parsePeerCommand(line);
    if (!command.ok) emit({ type: 'error', code: command.error.code, message: command.error.message });
    else {
      try {
        handle(command.command);
      } catch (error) {
        emit({
          type: 'error',
          code: 'command-failed',
          message: error instanceof Error ? error.message : String(error),
        });
      }
    }
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
