import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SignalingServer } from '../../../cli/signaling/server';
import { startSignalingServer } from '../../../cli/signaling/server';

const PEER = resolve('test/cli/signaling/fixtures/ywebrtc-peer.mjs');

interface Synced {
  readonly type: 'synced';
  readonly entries: Record<string, string>;
  readonly webrtcPeers: number;
  readonly attempts: number;
}

const children: ChildProcess[] = [];
let server: SignalingServer | undefined;

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await server?.close();
  server = undefined;
});

function startPeer(url: string, room: string, name: string, password: string, expected: string[]) {
  const child = fork(PEER, [url, room, name, password, expected.join(','), '4000'], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    execArgv: [],
    env: { ...process.env, LOG: process.env.SIGNAL_TEST_LOG ?? '' },
  });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const synced = new Promise<Synced>((resolveSynced, reject) => {
    child.on('message', (message) => resolveSynced(message as Synced));
    child.on('exit', (code) => reject(new Error(`peer ${name} exited (${code}) before syncing: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', resolveExit));
  return { child, synced, exited, stderr: () => stderr };
}

describe('stock y-webrtc clients through our server', () => {
  it('two WebrtcProviders in separate processes sync a Y.Doc over real WebRTC', async () => {
    const logged: string[] = [];
    server = await startSignalingServer({
      port: 0,
      log: (entry) => logged.push(JSON.stringify(entry)),
    });
    // Room names in Casepact are derived from the case key; any opaque string works here.
    const room = `casepact-${randomBytes(16).toString('hex')}`;
    const password = randomBytes(16).toString('hex');
    const names = ['alice', 'bob'];
    const peers = names.map((name) => startPeer(server?.url ?? '', room, name, password, names));
    const results = await Promise.race([
      Promise.all(peers.map((peer) => peer.synced)),
      new Promise<never>((_, reject) =>
        setTimeout(
          () => reject(new Error(`no sync within 25 s: ${peers.map((p) => p.stderr()).join('\n')}`)),
          25_000,
        ),
      ),
    ]);
    for (const result of results) {
      expect(Object.keys(result.entries).sort()).toEqual(names);
      expect(result.entries.alice).toMatch(/^hello from alice \(pid \d+\)$/);
      // Over WebRTC: a data channel to the other process is what carried the entries.
      expect(result.webrtcPeers).toBeGreaterThanOrEqual(1);
    }
    // Both sides hold the same document, written by two different processes.
    expect(results[0]?.entries).toEqual(results[1]?.entries);
    const health = server.health();
    // One room; a replaced attempt's old socket may still be closing, hence "at least".
    expect(health).toMatchObject({ topics: 1, violations: 0 });
    expect(health.connections).toBeGreaterThanOrEqual(2);
    // A replaced attempt's provider may still trickle an ICE candidate after it unsubscribed:
    // such late publishes are dropped (only subscribers may publish). None without a replacement.
    const replaced = results.reduce((sum, result) => sum + result.attempts - 1, 0);
    expect(health.publishesDropped).toBeLessThanOrEqual(4 * replaced);
    expect(health.messagesRelayed).toBeGreaterThan(0);
    // Logs never carry the room name or the payloads.
    expect(logged.join('\n')).not.toContain(room);
    for (const peer of peers) peer.child.send('exit');
    expect(await Promise.all(peers.map((peer) => peer.exited))).toEqual([0, 0]);
  }, 35_000);
});
