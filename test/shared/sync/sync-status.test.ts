import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/sync/sync-status';
import { INITIAL_SYNC_STATUS, SyncStatusTracker, deriveSyncState } from '../../../shared/sync/sync-status';

const facts = (wanted: boolean, peers: number, signalingConnected = 0) => ({
  wanted,
  peers,
  signalingConnected,
  signalingTotal: 1,
});

describe('sync status model', () => {
  it('derives offline, connecting and connected', () => {
    expect(deriveSyncState(facts(false, 3, 1))).toBe('offline');
    expect(deriveSyncState(facts(true, 0, 0))).toBe('connecting');
    expect(deriveSyncState(facts(true, 0, 1))).toBe('connecting');
    expect(deriveSyncState(facts(true, 2, 0))).toBe('connected');
  });

  it('starts offline, never synced', () => {
    const tracker = new SyncStatusTracker(() => 0);
    expect(tracker.status()).toEqual(INITIAL_SYNC_STATUS);
    expect(tracker.status().lastSyncedAt).toBeNull();
  });

  it('notifies only on real changes and keeps lastSyncedAt across state changes', () => {
    let now = 1_000;
    const tracker = new SyncStatusTracker(() => now);
    const seen: SyncStatus[] = [];
    const off = tracker.onStatus((status) => seen.push(status));
    tracker.setFacts(facts(true, 0, 1));
    tracker.setFacts(facts(true, 0, 1));
    tracker.setFacts(facts(true, 2, 1));
    tracker.markSynced();
    now = 5_000;
    tracker.setFacts(facts(false, 0, 0));
    expect(seen.map((s) => [s.state, s.peers, s.signaling.connected, s.lastSyncedAt])).toEqual([
      ['connecting', 0, 1, null],
      ['connected', 2, 1, null],
      ['connected', 2, 1, 1_000],
      ['offline', 0, 0, 1_000],
    ]);
    off();
    tracker.setFacts(facts(true, 1, 1));
    expect(seen).toHaveLength(4);
  });

  it('moves lastSyncedAt at most once per interval, so bursts do not flood listeners', () => {
    let now = 10_000;
    const tracker = new SyncStatusTracker(() => now, 1_000);
    let calls = 0;
    tracker.onStatus(() => calls++);
    tracker.markSynced();
    now = 10_500;
    tracker.markSynced();
    expect(tracker.status().lastSyncedAt).toBe(10_000);
    now = 11_000;
    tracker.markSynced();
    expect(tracker.status().lastSyncedAt).toBe(11_000);
    expect(calls).toBe(2);
  });

  it('keeps notifying other listeners when one throws', () => {
    const tracker = new SyncStatusTracker(() => 0);
    const states: string[] = [];
    tracker.onStatus(() => {
      throw new Error('broken listener');
    });
    tracker.onStatus((status) => states.push(status.state));
    const original = console.error;
    console.error = () => {};
    try {
      tracker.setFacts(facts(true, 1));
    } finally {
      console.error = original;
    }
    expect(states).toEqual(['connected']);
  });
});
