/**
 * A malicious peer that knows the case key (test/integration/cli-rogue-peer.ts: stock y-webrtc
 * in the case's room) writes raw Yjs updates and forged envelopes into the log document while
 * honest CLI peers are online (`casepact serve`, `casepact sync`). Nothing of it reaches their
 * contracts; its entries show in their quarantine (`casepact show --json` → verification).
 */
import { describe, expect, it } from 'vitest';
import { CaseStore } from '../../cli/store/case-store';
import { unlockHomeIdentity } from '../../cli/store/identity-store';
import { sodium, sodiumReady } from '../../shared/crypto/sodium';
import type { ShowJson } from './cli-harness';
import { JsonChild, PASSPHRASE, digest, show, sync } from './cli-harness';
import { caseForFile } from './case-fixture';

const OS_VENDOR = { role: 'partner', party: 'OS Vendor' };
const world = caseForFile('casepact-cli-rogue-', 'Priya', { Olu: OS_VENDOR });
const { homes } = world;

/** What the rogue knows: the case key (as any holder of an invite link would) and a member's id. */
async function rogueEnv(): Promise<Record<string, string>> {
  await sodiumReady();
  const io = { out: () => {}, err: () => {}, env: { CASEPACT_PASSPHRASE: PASSPHRASE } };
  const identity = await unlockHomeIdentity(homes.Priya, io);
  const key = CaseStore.open(homes.Priya, world.caseId).keyring(identity).current.key;
  return { ROGUE_CASE_KEY: sodium().to_hex(key), ROGUE_CASE_ID: world.caseId, ROGUE_VICTIM: identity.id };
}

const rogueText = (view: ShowJson) =>
  view.messages.filter((m) => /rogue|withdraw|refund/i.test(m.text)).map((m) => m.text);

describe('a peer with the case key but no membership', () => {
  it('changes nothing in honest contracts; its entries land in their quarantine', async () => {
    const before = await show(homes.Priya, world.caseId);
    const serve = JsonChild.serve(homes.Priya, world.signaling.url);
    await serve.until((line) => line.type === 'online');
    const rogue = new JsonChild(
      ['--import', 'tsx', 'test/integration/cli-rogue-peer.ts', world.signaling.url],
      {
        ...process.env,
        ...(await rogueEnv()),
      },
    );
    const attacked = await rogue.until((line) => line.type === 'attacked', 30_000);
    const keys = attacked.keys as Record<string, string>;
    expect(Object.keys(keys).sort()).toEqual(
      ['deleted', 'garbage', 'impostor', 'moved', 'notBytes', 'overwritten', 'stranger'].sort(),
    );
    await serve.until((line) => line.type === 'refused', 15_000);
    // Olu comes online while the rogue still is: meets both.
    const olu = await sync(homes.Olu, world.caseId, world.signaling.url, '--quiet', '3');
    expect(olu.end).toBe('idle');
    expect(olu.rejected.map((r) => r.reason)).toEqual(
      expect.arrayContaining(['entry-unreadable', 'bad-signature']),
    );
    await rogue.stop();
    expect(await serve.stop()).toBe(0);

    const [priya, oluView] = await Promise.all([
      show(homes.Priya, world.caseId),
      show(homes.Olu, world.caseId),
    ]);
    // Contracts: exactly as before the attack, on both honest copies.
    expect(digest(priya)).toEqual(digest(before));
    expect(digest(oluView)).toEqual(digest(before));
    expect(rogueText(priya)).toEqual([]);
    expect(rogueText(oluView)).toEqual([]);
    for (const view of [priya, oluView]) {
      // Quarantine, from disk: what the rogue wrote under hash-shaped keys was stored and refused again.
      const refused = view.verification.refused.map((r) => r.reason);
      expect(refused).toEqual(expect.arrayContaining(['entry-unreadable', 'bad-signature']));
      expect(view.verification.waiting.map((w) => w.reason)).toContain('not-a-member');
      expect(view.verification.forks).toEqual([]);
    }
    // The overwritten and the deleted honest entries were healed: every honest change still verifies.
    expect(priya.verification.changes).toBe(before.verification.changes);
    expect(serve.lines.some((line) => line.type === 'refused')).toBe(true);
  }, 150_000);
});
