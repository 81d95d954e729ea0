/**
 * A member's device that has the case key but none of its log gets a case of 1,500 signed
 * changes (about 0.6 MB of sealed entries, past the 256 KiB a WebRTC data channel accepts by
 * default) from a `casepact serve` peer with one `casepact sync` run, verifies all of it, and
 * stores it: y-webrtc sends the missing log as a single message, which the transport frames
 * (shared/sync/message-frames.ts) to pass the channel's default 256 KiB limit, as a browser's.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseStore } from '../../cli/store/case-store';
import { writeIdentity } from '../../cli/store/identity-store';
import { addMember, createCase, postMessage } from '../../shared/contract/index';
import { sodiumReady } from '../../shared/crypto/sodium';
import type { Identity } from '../../shared/identity/identity';
import { identityFromSeed } from '../../shared/identity/identity';
import { foundCase } from '../../shared/signed/found';
import { JsonChild, PASSPHRASE, killAllChildren, show, sync, tempBase } from './cli-harness';
import { SignalingFixture } from './signaling-fixture';

const CHANGES = 1500;
const base = tempBase('casepact-cli-large-');
const homes = { priya: join(base, 'priya'), pat: join(base, 'pat') };
let signaling: SignalingFixture;
let caseId: string;

function person(seed: number, name: string): Identity {
  const made = identityFromSeed(new Uint8Array(32).fill(seed), name, 'Acme Support');
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
}

beforeAll(async () => {
  await sodiumReady();
  signaling = await SignalingFixture.start();
  const priya = person(11, 'Priya');
  const pat = person(12, 'Pat');
  const founded = foundCase({
    identity: priya,
    create: (ctx) =>
      createCase(ctx, {
        title: 'Fleet of laptops fail POST',
        party: { name: 'Acme Support', role: 'provider' },
        member: { displayName: 'Priya' },
      }),
  });
  if (!founded.result.ok) throw new Error(founded.result.message);
  const replica = founded.replica;
  replica.run((ctx) => addMember(ctx, { memberId: pat.id, displayName: 'Pat' }));
  while (replica.applied().length < CHANGES) {
    const n = replica.applied().length;
    const posted = replica.run((ctx) =>
      postMessage(ctx, { text: `Unit ${n}: reseated the RAM, cleared CMOS, still no POST beep.` }),
    );
    if (!posted.ok) throw new Error(posted.message);
  }
  await writeIdentity(homes.priya, priya, PASSPHRASE, Date.now());
  await writeIdentity(homes.pat, pat, PASSPHRASE, Date.now());
  CaseStore.create(homes.priya, priya, founded.genesis, replica.keyring, Date.now()).attach(replica)();
  CaseStore.create(homes.pat, pat, founded.genesis, replica.keyring, Date.now()); // keys, no log
  caseId = founded.genesis.caseId;
}, 120_000);

afterAll(async () => {
  await killAllChildren();
  await signaling?.stop();
  rmSync(base, { recursive: true, force: true });
});

describe('a large case reaches a fresh member device', () => {
  it('in one sync run, every change verified and stored', async () => {
    const serve = JsonChild.serve(homes.priya, signaling.url);
    const online = await serve.until((line) => line.type === 'online', 60_000);
    expect(online.changes).toBe(CHANGES);
    const started = Date.now();
    const pat = await sync(homes.pat, caseId, signaling.url, '--timeout', '60');
    expect(pat).toMatchObject({ end: 'idle', rejected: [], saved: CHANGES });
    expect(pat.received.changes).toBe(CHANGES);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(await serve.stop()).toBe(0);
    const view = await show(homes.pat, caseId);
    expect(view.verification.changes).toBe(CHANGES);
    expect(view.messages.filter((m) => m.text.startsWith('Unit '))).toHaveLength(CHANGES - 2);
  }, 150_000);
});
