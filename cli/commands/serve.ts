import { sodiumReady } from '../../shared/crypto/sodium';
import type { SyncState } from '../../shared/sync/sync-status';
import type { CliCommand, CliIo } from '../command';
import { nodePeerOptions, releaseNodeWebrtc } from '../peer/node-webrtc';
import { casepactHome } from '../store/home';
import { unlockHomeIdentity } from '../store/identity-store';
import type { CaseServerEvent } from '../sync/case-server';
import { CaseServer } from '../sync/case-server';
import { describeApplied, noLongerMemberText, plural, rotatedText, whoIs } from '../sync/report';
import { parseSeconds, resolveSignalUrl } from '../sync/signal-url';
import { REASON_TEXT } from '../../shared/signed/policy';
import { parseArgs } from './args';

/** Turns server events into output lines: human text, or one JSON object per line (`--json`). */
function reporter(
  io: CliIo,
  json: boolean,
  server: () => CaseServer | null,
): (event: CaseServerEvent) => void {
  const lastState = new Map<string, { state: SyncState; peers: number }>();
  const short = (caseId: string) => caseId.slice(0, 8);
  return (event) => {
    if (event.type === 'status') {
      // Only state and peer-count changes: lastSyncedAt moves every second while busy.
      const before = lastState.get(event.caseId);
      const { state, peers } = event.status;
      if (before?.state === state && before.peers === peers) return;
      lastState.set(event.caseId, { state, peers });
      if (json) io.out(JSON.stringify({ type: 'status', caseId: event.caseId, state, peers }));
      else
        io.out(
          `[${short(event.caseId)}] ${state === 'connected' ? `connected to ${plural(peers, 'peer')}` : state}`,
        );
      return;
    }
    if (json) {
      const line: Record<string, unknown> = { ...event, at: Date.now() };
      if (event.type === 'applied')
        line.changes = event.changes.map((c) => ({ key: c.key, author: c.author, seq: c.seq }));
      if (event.type === 'refused')
        line.entries = event.entries.map((q) => ({ key: q.key, reason: q.reason, author: q.author ?? null }));
      io.out(JSON.stringify(line));
      return;
    }
    const tag = `[${short(event.caseId)}]`;
    const names = () => server()?.names(event.caseId) ?? new Map<string, string>();
    switch (event.type) {
      case 'online':
        io.out(`${tag} online: "${event.title ?? event.caseId}" (${plural(event.changes, 'change')})`);
        return;
      case 'skipped':
        io.err(`casepact: ${tag} not served: ${event.error.message}`);
        return;
      case 'applied':
        io.out(
          event.source === 'peer'
            ? `${tag} received ${plural(event.changes.length, 'change')}: ${describeApplied(event.changes, names())}`
            : `${tag} offering ${plural(event.changes.length, 'change')} made here to peers`,
        );
        return;
      case 'refused':
        for (const q of event.entries) {
          const author = q.author ? `${whoIs(names(), q.author)} #${q.seq ?? '?'}` : 'unknown author';
          io.out(`${tag} rejected ${author}: ${REASON_TEXT[q.reason]} (${q.detail})`);
        }
        return;
      case 'saved':
        io.out(`${tag} saved ${plural(event.count, 'entry', 'entries')} (fsynced; ${event.total} on disk)`);
        return;
      case 'unstorable':
        io.out(
          `${tag} ignored ${plural(event.count, 'malformed entry', 'malformed entries')} (not storable)`,
        );
        return;
      case 'error':
        io.err(`casepact: ${tag} ${event.message}`);
        return;
      case 'rotated':
        io.out(`${tag} ${rotatedText(event.epoch)}`);
        return;
      case 'old-room':
        io.out(
          `${tag} keeping the room of key epoch ${event.epoch} open for members still on it (${plural(event.carries, 'entry', 'entries')})`,
        );
        return;
      case 'removed':
        io.out(`${tag} ${noLongerMemberText(event, names())} (after the exchange in progress)`);
        return;
      case 'retired':
        io.out(`${tag} no longer served: this identity is not a member of the case`);
        return;
      case 'closed':
        if (!event.flushed) io.err(`casepact: ${tag} could not save on shutdown (the case stayed locked)`);
        return;
    }
  };
}

/**
 * `casepact serve [--signal URL]`: the always-on peer (design.md §7). Keeps every case of this
 * identity in $CASEPACT_HOME online until SIGINT/SIGTERM, then saves (fsync), leaves the rooms
 * and exits 0. Other commands keep working on the same home meanwhile: they and serve share the
 * store through the per-case lock, and serve sends what they write to the peers (docs/sync-cli.md).
 */
export const serveCommand: CliCommand = {
  path: ['serve'],
  summary: 'keep every case of this identity online (always-on peer) until Ctrl-C',
  usage: '[--signal URL] [--bind ADDRESS] [--scan SECONDS] [--json]',
  async run(args, io) {
    const parsed = parseArgs(args, {
      options: ['signal', 'bind', 'scan'],
      switches: ['json'],
      positionals: 0,
    });
    const url = resolveSignalUrl(parsed.options.get('signal'), io.env);
    const scanS = parseSeconds('scan', parsed.options.get('scan'), 2, 0.2, 3600);
    const json = parsed.switches.has('json');
    await sodiumReady();
    const home = casepactHome(io.env);
    const identity = await unlockHomeIdentity(home, io);
    const bind = parsed.options.get('bind');
    let server: CaseServer | null = null;
    server = new CaseServer({
      home,
      identity,
      signalingUrls: [url],
      peerOpts: nodePeerOptions(bind ? { bindAddress: bind } : {}),
      scanMs: scanS * 1000,
      onEvent: reporter(io, json, () => server),
    });
    const stopped = new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    server.start();
    if (json) io.out(JSON.stringify({ type: 'serving', cases: server.size, signal: url, pid: process.pid }));
    else
      io.out(
        `Serving ${plural(server.size, 'case')} as ${identity.displayName} through ${url} (Ctrl-C to stop)`,
      );
    const signal = await stopped;
    const result = server.stop();
    releaseNodeWebrtc((line) => io.err(line));
    if (json) io.out(JSON.stringify({ type: 'stopped', signal, ...result }));
    else
      io.out(
        `Stopped (${signal}): ${plural(result.flushed, 'case')} saved${result.failed ? `, ${result.failed} NOT saved` : ''}`,
      );
    return result.failed > 0 ? 1 : 0;
  },
};
