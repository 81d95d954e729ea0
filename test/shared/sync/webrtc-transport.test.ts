import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
// @ts-expect-error simple-peer's browser bundle (the build y-webrtc imports) ships no types.
import SimplePeer from 'simple-peer/simplepeer.min.js';
import { sodiumReady } from '../../../shared/crypto/sodium';
import type { Sodium } from '../../../shared/crypto/sodium';
import { deriveRoomSecrets } from '../../../shared/sync/room-derivation';
import type { WebrtcCaseTransport } from '../../../shared/sync/webrtc-transport';
import {
  buildPeerOptions,
  createWebrtcTransport,
  isSignalingUrl,
} from '../../../shared/sync/webrtc-transport';
import { nodeWrtc } from '../../../cli/peer/node-webrtc';

/** Records every WebSocket the code under test opens, and never connects anywhere. */
class RecordingWebSocket {
  static opened: string[] = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: ((error: unknown) => void) | null = null;
  onmessage: ((event: unknown) => void) | null = null;
  constructor(readonly url: string) {
    RecordingWebSocket.opened.push(url);
  }
  send(): void {}
  close(): void {}
}

const Peer = SimplePeer as new (opts: object) => { config: { iceServers: unknown }; destroy(): void };

let na: Sodium;
const live: WebrtcCaseTransport[] = [];
const scope = globalThis as { WebSocket?: unknown };
let originalWebSocket: unknown;

beforeAll(async () => {
  na = await sodiumReady();
});
afterEach(() => {
  for (const transport of live.splice(0)) transport.destroy();
  scope.WebSocket = originalWebSocket;
  RecordingWebSocket.opened = [];
});

function create(caseKey: Uint8Array, signalingUrls: string[], broadcastChannel?: boolean) {
  originalWebSocket = scope.WebSocket;
  scope.WebSocket = RecordingWebSocket;
  const result = createWebrtcTransport({
    doc: new Y.Doc(),
    caseKey,
    signalingUrls,
    peerOpts: { wrtc: nodeWrtc() },
    ...(broadcastChannel === undefined ? {} : { broadcastChannel }),
  });
  if (result.ok) live.push(result.value);
  return result;
}

describe('y-webrtc transport (no network)', () => {
  it('contacts only the signaling URLs it was given, never y-webrtc public defaults', () => {
    const result = create(na.randombytes_buf(32), ['ws://127.0.0.1:9/a', 'wss://signal.example.org']);
    if (!result.ok) throw new Error(result.error.code);
    expect(RecordingWebSocket.opened).toEqual([]);
    result.value.connect();
    expect(RecordingWebSocket.opened.sort()).toEqual(['ws://127.0.0.1:9/a', 'wss://signal.example.org']);
    expect(result.value.provider?.signalingUrls).toEqual(['ws://127.0.0.1:9/a', 'wss://signal.example.org']);
    expect(result.value.status()).toMatchObject({
      state: 'connecting',
      peers: 0,
      signaling: { connected: 0, total: 2 },
    });
  });

  it('with no signaling URLs opens no socket at all (BroadcastChannel only)', () => {
    const result = create(na.randombytes_buf(32), []);
    if (!result.ok) throw new Error(result.error.code);
    result.value.connect();
    expect(RecordingWebSocket.opened).toEqual([]);
    expect(result.value.provider?.signalingUrls).toEqual([]);
  });

  it('joins the derived room, so the signaling server never sees the key or case id', () => {
    const key = na.randombytes_buf(32);
    const result = create(key, []);
    if (!result.ok) throw new Error(result.error.code);
    const derived = deriveRoomSecrets(key);
    expect(derived.ok && result.value.roomName).toBe(derived.ok && derived.value.roomName);
  });

  it('never passes simple-peer its default Google/Twilio STUN servers', () => {
    expect(buildPeerOptions().config?.iceServers).toEqual([]);
    const turn = { urls: 'turn:turn.example.org', username: 'u', credential: 'c' };
    expect(buildPeerOptions({ config: { iceServers: [turn] } }).config?.iceServers).toEqual([turn]);
    // What simple-peer really uses: its defaults merged with ours.
    const withOurs = new Peer({ wrtc: nodeWrtc(), ...buildPeerOptions({ config: {} }) });
    expect(withOurs.config.iceServers).toEqual([]);
    withOurs.destroy();
    const stock = new Peer({ wrtc: nodeWrtc() });
    expect(JSON.stringify(stock.config.iceServers)).toContain('stun.l.google.com');
    stock.destroy();
  });

  it('refuses bad signaling URLs with a typed error', () => {
    const bad = [
      'http://127.0.0.1:4444',
      'wss://user:secret@signal.example.org',
      'ws://127.0.0.1:4444/?room=abc',
      'ws://127.0.0.1:4444/#frag',
      'ws:/missing',
      '',
    ];
    for (const url of bad) {
      expect(isSignalingUrl(url)).toBe(false);
      const result = create(na.randombytes_buf(32), [url]);
      expect(result.ok ? 'ok' : result.error.code).toBe('invalid-signaling-url');
    }
    expect(isSignalingUrl('wss://signal.example.org/casepact')).toBe(true);
    expect(isSignalingUrl('ws://[::1]:4444')).toBe(true);
  });

  it('refuses a bad case key and a second transport on the same room', () => {
    const short = create(new Uint8Array(16), []);
    expect(short.ok ? 'ok' : short.error.code).toBe('invalid-case-key');
    const key = na.randombytes_buf(32);
    const first = create(key, []);
    const second = create(key, []);
    expect(first.ok).toBe(true);
    expect(second.ok ? 'ok' : second.error.code).toBe('room-already-open');
    if (first.ok) first.value.destroy();
    const third = create(key, []);
    expect(third.ok).toBe(true);
  });

  it('keeps our presence across disconnect and reconnect', () => {
    const result = create(na.randombytes_buf(32), []);
    if (!result.ok) throw new Error(result.error.code);
    const transport = result.value;
    transport.connect();
    transport.awareness.setLocalStateField('casepact', { hello: 'world' });
    transport.disconnect();
    expect(transport.status().state).toBe('offline');
    transport.connect();
    expect(transport.awareness.getLocalState()).toEqual({ casepact: { hello: 'world' } });
  });

  it('can leave BroadcastChannel out (Node), where it would only cost an encryption per update', async () => {
    const withBc = create(na.randombytes_buf(32), []);
    const withoutBc = create(na.randombytes_buf(32), [], false);
    if (!withBc.ok || !withoutBc.ok) throw new Error('create failed');
    for (const transport of [withBc.value, withoutBc.value]) transport.connect();
    // The room exists once y-webrtc has derived its AES key from the password (PBKDF2).
    const deadline = Date.now() + 10_000;
    while ((!withBc.value.provider?.room || !withoutBc.value.provider?.room) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(withBc.value.provider?.room?.bcconnected).toBe(true);
    expect(withoutBc.value.provider?.room?.bcconnected).toBe(false);
    withoutBc.value.disconnect();
    withoutBc.value.connect();
    expect(withoutBc.value.provider?.room?.bcconnected).toBe(false);
  });
});
