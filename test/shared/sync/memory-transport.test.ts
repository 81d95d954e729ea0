import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMemoryNetwork } from '../../../shared/sync/memory-transport';
import { PRESENCE_FIELD } from '../../../shared/sync/presence';

function peer(network: ReturnType<typeof createMemoryNetwork>) {
  const doc = new Y.Doc();
  const transport = network.join(doc, { now: () => 42 });
  return { doc, log: doc.getMap<string>('envelopes'), transport };
}

const keys = (log: Y.Map<string>) => [...log.keys()].sort();

describe('in-memory transport', () => {
  it('converges three peers after concurrent offline edits', () => {
    const network = createMemoryNetwork();
    const [a, b, c] = [peer(network), peer(network), peer(network)];
    a.log.set('a1', 'x');
    b.log.set('b1', 'y');
    c.log.set('c1', 'z');
    a.transport.connect();
    b.transport.connect();
    expect(keys(b.log)).toEqual(['a1', 'b1']);
    c.transport.connect();
    a.log.set('a2', 'x');
    expect(keys(a.log)).toEqual(['a1', 'a2', 'b1', 'c1']);
    expect(keys(b.log)).toEqual(keys(a.log));
    expect(keys(c.log)).toEqual(keys(a.log));
    expect(a.transport.status()).toMatchObject({ state: 'connected', peers: 2, lastSyncedAt: 42 });
  });

  it('partitions on disconnect and heals on connect without losing edits', () => {
    const network = createMemoryNetwork();
    const [a, b] = [peer(network), peer(network)];
    a.transport.connect();
    b.transport.connect();
    b.transport.disconnect();
    expect(b.transport.status().state).toBe('offline');
    expect(a.transport.status()).toMatchObject({ state: 'connecting', peers: 0 });
    a.log.set('during-a', '1');
    b.log.set('during-b', '2');
    expect(a.log.has('during-b')).toBe(false);
    b.transport.connect();
    expect(keys(a.log)).toEqual(['during-a', 'during-b']);
    expect(keys(b.log)).toEqual(keys(a.log));
  });

  it('shares presence while connected and withdraws it on disconnect', () => {
    const network = createMemoryNetwork();
    const [a, b] = [peer(network), peer(network)];
    a.transport.connect();
    b.transport.connect();
    a.transport.awareness.setLocalStateField(PRESENCE_FIELD, { hello: 1 });
    expect(b.transport.awareness.getStates().has(a.doc.clientID)).toBe(true);
    a.transport.disconnect();
    expect(b.transport.awareness.getStates().has(a.doc.clientID)).toBe(false);
    a.transport.destroy();
    b.transport.destroy();
    expect(network.connectedCount()).toBe(0);
  });

  it('notifies status listeners', () => {
    const network = createMemoryNetwork();
    const [a, b] = [peer(network), peer(network)];
    const states: string[] = [];
    a.transport.onStatus((status) => {
      // lastSyncedAt changes notify too; keep the state transitions only.
      const entry = `${status.state}:${status.peers}`;
      if (states.at(-1) !== entry) states.push(entry);
    });
    a.transport.connect();
    b.transport.connect();
    b.transport.destroy();
    a.transport.disconnect();
    expect(states).toEqual(['connecting:0', 'connected:1', 'connecting:0', 'offline:0']);
  });
});
