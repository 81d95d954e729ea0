import { entityMap, readCase } from '../../shared/contract/read';
import { roots } from '../../shared/contract/schema';
import { sodium, sodiumReady } from '../../shared/crypto/sodium';
import { inviteJoinHook, joinWithInvite } from '../../shared/invite/join-envelope';
import { genesisOfInvite } from '../../shared/invite/link-format';
import { inviteErrorMessage } from '../../shared/invite/link-errors';
import { parseInviteLink } from '../../shared/invite/parse-link';
import { adoptCaseKeys } from '../../shared/membership/case-keys';
import { adoptHistoriesFromLog } from '../../shared/membership/history-from-log';
import { CaseKeyring, caseKeyFromBytes } from '../../shared/signed/case-key';
import { CaseReplica } from '../../shared/signed/replica';
import type { CliCommand, CliIo } from '../command';
import { CliError } from '../command';
import { nodePeerOptions, releaseNodeWebrtc } from '../peer/node-webrtc';
import { CaseStore, listCases } from '../store/case-store';
import { unrefBroadcastChannels } from '../sync/node-exit';
import { casepactHome } from '../store/home';
import { unlockHomeIdentity } from '../store/identity-store';
import { parseArgs } from './args';

const QUIET_MS = 1500;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves once `ready()` holds and the log has not changed for QUIET_MS, or at `deadline`. */
async function settle(ready: () => boolean, lastChange: () => number, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    if (ready() && Date.now() - lastChange() >= QUIET_MS) return true;
    await sleep(100);
  }
  return false;
}

/**
 * Loads the y-webrtc transport for this one-shot process. y-webrtc opens a BroadcastChannel per
 * room through lib0, and after a disconnect followed by a destroy lib0 re-opens it and never
 * closes it, which keeps Node running forever. Between CLI processes a BroadcastChannel carries
 * nothing anyway (it only links threads of one process), so lib0 gets its in-memory fallback.
 */
async function loadWebrtcTransport(): Promise<typeof import('../../shared/sync/webrtc-transport')> {
  // When another command module loaded y-webrtc first, lib0 captured the real class: unref its channels.
  unrefBroadcastChannels();
  (globalThis as { BroadcastChannel?: unknown }).BroadcastChannel = undefined;
  return import('../../shared/sync/webrtc-transport');
}

function signalUrl(given: string | undefined, io: CliIo): string {
  const url = given ?? io.env.CASEPACT_SIGNAL;
  if (!url) throw new CliError('no signaling server: pass --signal ws://HOST:PORT or set CASEPACT_SIGNAL', 2);
  return url;
}

/**
 * `casepact join LINK [--signal URL] [--timeout S]`: verifies the link, syncs and verifies the
 * case from its members, registers this identity with the invite's proof (docs/invite-link.md
 * §2), waits for the change to reach a peer, and only then stores the case. A refused link or
 * join leaves nothing behind.
 */
export const joinCommand: CliCommand = {
  path: ['join'],
  summary: 'join a case by invite link and sync it; prints the case id alone on the last line',
  usage: 'LINK [--signal URL] [--timeout SECONDS] [--bind ADDRESS]',
  async run(args, io) {
    const parsed = parseArgs(args, { options: ['signal', 'timeout', 'bind'], positionals: [1, 1] });
    const timeoutS = Number(parsed.options.get('timeout') ?? '60');
    if (!Number.isFinite(timeoutS) || timeoutS <= 0 || timeoutS > 3600) {
      throw new CliError('--timeout takes seconds, 1 to 3600', 2);
    }
    await sodiumReady();
    const link = parseInviteLink(parsed.positionals[0], { now: Date.now() });
    if (!link.ok) throw new CliError(link.message);
    const invite = link.invite;
    const genesis = genesisOfInvite(invite);
    if (!genesis) throw new CliError(inviteErrorMessage('malformed'));
    const home = casepactHome(io.env);
    const url = signalUrl(parsed.options.get('signal'), io);
    const identity = await unlockHomeIdentity(home, io);
    if (listCases(home).includes(genesis.caseId)) {
      const opened = CaseStore.open(home, genesis.caseId).load(identity);
      const me = entityMap(roots(opened.replica.contract).members, identity.id);
      const status = me?.get('status');
      opened.replica.destroy();
      if (status === 'active') throw new CliError(inviteErrorMessage('already-member'));
      throw new CliError(
        'this case is already stored here without you as a member: open it with "casepact sync"',
      );
    }

    const { createWebrtcTransport } = await loadWebrtcTransport();
    const keyring = new CaseKeyring(caseKeyFromBytes(invite.caseKey));
    let replica = new CaseReplica({ genesis, keyring, identity, invitedSelf: inviteJoinHook });
    // A link made after a key rotation carries the key in force only; the older keys that open the
    // log before it come from the key history sealed under it (docs/invite-link.md §3).
    let triedAt = -1;
    const readable = (): boolean => {
      if (readCase(roots(replica.contract)) !== null) return true;
      if (triedAt === lastChange) return false;
      triedAt = lastChange;
      if (adoptHistoriesFromLog(sodium(), replica.log, genesis.caseId, keyring).length === 0) return false;
      const log = replica.log;
      replica.destroy();
      replica = new CaseReplica({ genesis, keyring, identity, invitedSelf: inviteJoinHook, log });
      return readCase(roots(replica.contract)) !== null;
    };
    let lastChange = Date.now();
    replica.log.on('update', () => {
      lastChange = Date.now();
    });
    const transport = createWebrtcTransport({
      doc: replica.log,
      caseKey: invite.caseKey,
      signalingUrls: [url],
      peerOpts: nodePeerOptions(
        parsed.options.has('bind') ? { bindAddress: parsed.options.get('bind') as string } : {},
      ),
    });
    if (!transport.ok) throw new CliError(transport.error.message, 2);
    const deadline = Date.now() + timeoutS * 1000;
    try {
      transport.value.connect();
      io.err(`casepact: looking for members of the case through ${url} …`);
      const synced = await settle(
        () => transport.value.status().peers > 0 && readable(),
        () => lastChange,
        deadline,
      );
      if (!synced) {
        throw new CliError(
          `no member of the case was reachable within ${timeoutS} s: ask a member to open the case (or run "casepact serve"), then try again`,
        );
      }
      // A link made before the key in force opens only the old room's entries: the members have
      // moved on to the new key, which this identity can never learn from the link.
      if (adoptCaseKeys(sodium(), replica.contract, genesis.caseId, identity, keyring).excluded)
        throw new CliError(inviteErrorMessage('key-rotated'));
      const joined = replica.run((ctx) => joinWithInvite(ctx, invite, identity, { now: Date.now() }));
      if (!joined.ok) throw new CliError(joined.message);
      // y-webrtc sends the new entry to every connected peer at once; give it time to arrive.
      lastChange = Date.now();
      await settle(
        () => transport.value.status().peers > 0,
        () => lastChange,
        deadline + QUIET_MS,
      );
      const store = CaseStore.create(home, identity, genesis, keyring, Date.now());
      store.attach(replica)();
      const header = readCase(roots(replica.contract));
      io.out(`Joined "${header?.title ?? genesis.caseId}" as ${joined.plan.role} (${identity.displayName}).`);
      io.out(genesis.caseId);
      return 0;
    } finally {
      transport.value.destroy();
      replica.destroy();
      // node-datachannel's native threads keep Node alive until released; the CLI is done here.
      releaseNodeWebrtc((line) => io.err(line));
    }
  },
};
