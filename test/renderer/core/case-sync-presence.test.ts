/**
 * Signed presence stays fresh while a person is idle: each device re-signs its claim before it
 * reaches PRESENCE_MAX_AGE_MS, so the others keep showing it online (verified) for as long as it is
 * connected, and stop once it is gone. Two CaseSyncs meet in an in-memory room (test/renderer/core/
 * session-world.ts); fake timers move the clock.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { MemberView } from '../../../shared/contract/views';
import { sodiumReady } from '../../../shared/crypto/sodium';
import type { Identity } from '../../../shared/identity/identity';
import { identityFromSeed } from '../../../shared/identity/identity';
import { caseKeyFromBytes } from '../../../shared/signed/case-key';
import { PRESENCE_MAX_AGE_MS } from '../../../shared/sync/presence';
import { CaseSync } from '../../../renderer/src/core/case-sync';
import { MemoryRooms } from './session-world';

function person(seed: number, name: string): Identity {
  const made = identityFromSeed(new Uint8Array(32).fill(seed), name, 'Acme Support');
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
}

const member = (identity: Identity): MemberView => ({
  id: identity.id,
  displayName: identity.displayName,
  organisation: identity.organisation,
  party: 'acme',
  role: 'provider',
  status: 'active',
  addedBy: identity.id,
  addedAt: 0,
  removedBy: null,
  removedAt: null,
});

describe('CaseSync presence', () => {
  beforeEach(async () => {
    await sodiumReady();
    vi.useFakeTimers({ now: Date.parse('2026-12-07T09:00:00Z') });
  });
  afterEach(() => vi.useRealTimers());

  it('keeps an idle, connected person online for minutes, and drops them once they close the case', async () => {
    const rooms = new MemoryRooms();
    const key = caseKeyFromBytes(new Uint8Array(32).fill(4));
    const priya = person(1, 'Priya');
    const dana = person(2, 'Dana');
    const members = [member(priya), member(dana)];
    const open = async (identity: Identity) => {
      const sync = new CaseSync(new Y.Doc(), rooms.opener, identity, () => {}, undefined);
      await sync.follow(key, [key], new Map([[key.keyId, 0]]));
      return sync;
    };
    const atPriya = await open(priya);
    const atDana = await open(dana);
    const seenByDana = () =>
      atDana.present(members).map((p) => ({ name: p.displayName, verified: p.verified }));
    expect(seenByDana()).toEqual([{ name: 'Priya', verified: true }]);

    // Nobody types or moves for five minutes: no claim changes, only the timers run.
    await vi.advanceTimersByTimeAsync(5 * 60_000 + PRESENCE_MAX_AGE_MS);
    expect(seenByDana()).toEqual([{ name: 'Priya', verified: true }]);

    atPriya.close();
    await vi.advanceTimersByTimeAsync(PRESENCE_MAX_AGE_MS);
    expect(seenByDana().filter((p) => p.verified)).toEqual([]);
    atDana.close();
  });
});
