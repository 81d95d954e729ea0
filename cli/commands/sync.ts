import { sodiumReady } from '../../shared/crypto/sodium';
import type { CliCommand } from '../command';
import { CliError } from '../command';
import { nodePeerOptions, releaseNodeWebrtc } from '../peer/node-webrtc';
import { resolveCaseId } from '../store/case-store';
import { casepactHome } from '../store/home';
import { unlockHomeIdentity } from '../store/identity-store';
import { CasePeer } from '../sync/case-peer';
import type { SyncEnd } from '../sync/report';
import { summarise, summaryLines } from '../sync/report';
import { parseSeconds, resolveSignalUrl } from '../sync/signal-url';
import { parseArgs } from './args';

const TICK_MS = 100;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * `casepact sync CASE [--signal URL] [--timeout S] [--quiet S]`: brings the stored case online,
 * exchanges with whoever is there, and exits once idle — at least one peer exchanged with us and
 * nothing came in for the quiet period — or when no peer showed up by the timeout. Everything a
 * peer sent is on disk (fsynced) before the summary is printed, refused entries included
 * (they stay in quarantine: `casepact show CASE`). Exit 0 in each of those cases.
 */
export const syncCommand: CliCommand = {
  path: ['sync'],
  summary: 'exchange a case with its peers over WebRTC, then print what came in and what was rejected',
  usage: 'CASE [--signal URL] [--timeout SECONDS] [--quiet SECONDS] [--bind ADDRESS] [--json]',
  async run(args, io) {
    const parsed = parseArgs(args, {
      options: ['signal', 'timeout', 'quiet', 'bind'],
      switches: ['json'],
      positionals: 1,
    });
    const timeoutS = parseSeconds('timeout', parsed.options.get('timeout'), 30, 1, 3600);
    const quietS = parseSeconds('quiet', parsed.options.get('quiet'), 2, 0.2, 600);
    const url = resolveSignalUrl(parsed.options.get('signal'), io.env);
    await sodiumReady();
    const home = casepactHome(io.env);
    const caseId = resolveCaseId(home, parsed.positionals[0]);
    const identity = await unlockHomeIdentity(home, io);
    const bind = parsed.options.get('bind');
    const opened = CasePeer.open({
      home,
      caseId,
      identity,
      signalingUrls: [url],
      peerOpts: nodePeerOptions(bind ? { bindAddress: bind } : {}),
    });
    if (!opened.ok) throw new CliError(opened.error.message);
    const peer = opened.peer;
    const started = Date.now();
    const deadline = started + timeoutS * 1000;
    let end: SyncEnd = 'no-peer';
    let peersMet = 0;
    try {
      peer.start();
      if (!parsed.switches.has('json')) io.err(`casepact: looking for peers of the case through ${url} …`);
      for (;;) {
        const state = peer.idle(quietS * 1000);
        peersMet = Math.max(peersMet, state.connected);
        if (state.idle) {
          end = 'idle';
          break;
        }
        if (Date.now() >= deadline) {
          end = peer.exchanged ? 'timeout' : 'no-peer';
          break;
        }
        await sleep(TICK_MS);
      }
    } finally {
      const closed = peer.close();
      // node-datachannel's native threads keep Node alive until released; this run is over.
      releaseNodeWebrtc((line) => io.err(line));
      if (!closed.flushed) {
        // biome-ignore lint/correctness/noUnsafeFinally: a failed save must win over any result.
        throw new CliError('could not save what peers sent: the case stayed locked by another process');
      }
    }
    const names = peer.names();
    const summary = summarise(caseId, end, (Date.now() - started) / 1000, peersMet, peer.tally(), names);
    if (parsed.switches.has('json')) io.out(JSON.stringify(summary));
    else for (const line of summaryLines(summary, names)) io.out(line);
    return 0;
  },
};
