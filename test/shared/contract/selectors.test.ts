import { beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
  accept,
  isCommandOrigin,
  postMessage,
  postSystemEvent,
  proposeChange,
  selectActions,
  selectContract,
  selectMessages,
  setActionStatus,
  setPriority,
} from '../../../shared/contract';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { makeCtx, must, refusedWith, scenario } from './helpers';

beforeAll(async () => {
  await sodiumReady();
});

describe('transactions and origins', () => {
  test('each command is one transaction with its own origin; an outer transaction batches', () => {
    const s = scenario();
    const seen: unknown[] = [];
    s.doc.on('update', (_u: Uint8Array, origin: unknown) => seen.push(origin));
    must(postMessage(s.alice, { text: 'Hello' }));
    must(setPriority(s.bob, { priority: 'high' }));
    expect(seen).toHaveLength(2);
    expect(seen.map((o) => isCommandOrigin(o) && [o.command, o.actor])).toEqual([
      ['postMessage', s.alice.actor],
      ['setPriority', s.bob.actor],
    ]);
    const batch = { batch: 'mine' };
    s.doc.transact(() => {
      must(postMessage(s.bob, { text: 'one' }));
      must(postMessage(s.bob, { text: 'two' }));
    }, batch);
    expect(seen).toHaveLength(3);
    expect(seen[2]).toBe(batch);
  });
});

describe('conversation', () => {
  test('messages and external system events, sorted by time', () => {
    const s = scenario();
    must(postMessage(s.dave, { text: 'Observer here, following along.' }));
    must(
      postSystemEvent(s.bob, {
        event: 'sla-at-risk',
        text: 'First response target at 75 %',
        ref: 'target-1',
      }),
    );
    refusedWith(
      s.doc,
      () => postSystemEvent(s.bob, { event: 'agreed', text: 'fake agreement' }),
      'invalid-input',
    );
    refusedWith(s.doc, () => postMessage(s.alice, { text: '   ' }), 'invalid-input');
    refusedWith(s.doc, () => postMessage(s.alice, { text: 'x'.repeat(10_001) }), 'invalid-input');
    refusedWith(s.doc, () => postMessage(makeCtx(s.doc, 'eve'), { text: 'hi' }), 'not-a-member');
    const msgs = selectMessages(s.doc);
    for (let i = 1; i < msgs.length; i++) {
      const a = msgs[i - 1];
      const b = msgs[i];
      expect(a && b && a.at <= b.at).toBe(true);
    }
    expect(msgs.find((m) => m.kind === 'message')).toMatchObject({
      author: s.dave.actor,
      party: s.observer,
      text: 'Observer here, following along.',
    });
    expect(msgs.find((m) => m.kind === 'system' && m.event === 'sla-at-risk')).toMatchObject({
      ref: 'target-1',
    });
  });
});

describe('actions board', () => {
  test('dependency info: dependents, blockedBy, ready', () => {
    const s = scenario();
    must(
      proposeChange(s.bob, {
        changes: [
          { kind: 'add-action', action: { id: 'a', title: 'Diagnose', party: s.provider } },
          {
            kind: 'add-action',
            action: { id: 'b', title: 'Order part', party: s.provider, dependsOn: ['a'] },
          },
          {
            kind: 'add-action',
            action: { id: 'c', title: 'Install part', party: s.provider, dependsOn: ['a', 'b'] },
          },
        ],
      }),
    );
    let board = new Map(selectActions(s.doc).map((a) => [a.id, a]));
    expect(board.get('a')).toMatchObject({ dependents: ['b', 'c'], blockedBy: [], ready: true });
    expect(board.get('c')).toMatchObject({ blockedBy: ['a', 'b'], ready: false });
    must(setActionStatus(s.bob, { actionId: 'a', status: 'done' }));
    board = new Map(selectActions(s.doc).map((a) => [a.id, a]));
    expect(board.get('a')?.ready).toBe(false);
    expect(board.get('b')?.ready).toBe(true);
    expect(board.get('c')?.blockedBy).toEqual(['b']);
  });

  test('a cycle closed by two concurrent accepted proposals is shown, not hidden', () => {
    const s = scenario();
    must(
      proposeChange(s.bob, {
        changes: [
          { kind: 'add-action', action: { id: 'x', title: 'X', party: s.provider } },
          { kind: 'add-action', action: { id: 'y', title: 'Y', party: s.provider } },
        ],
      }),
    );
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(s.doc));
    const bobThere = makeCtx(peer, s.bob.actor, { idPrefix: 'bp' });
    must(proposeChange(s.bob, { changes: [{ kind: 'modify-action', actionId: 'x', dependsOn: ['y'] }] }));
    must(proposeChange(bobThere, { changes: [{ kind: 'modify-action', actionId: 'y', dependsOn: ['x'] }] }));
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(s.doc));
    Y.applyUpdate(s.doc, Y.encodeStateAsUpdate(peer));
    expect(selectActions(s.doc).map((a) => [a.id, a.inCycle, a.ready])).toEqual([
      ['x', true, false],
      ['y', true, false],
    ]);
    // Further edits that keep the cycle are refused; breaking it is allowed.
    refusedWith(
      s.doc,
      () =>
        proposeChange(s.bob, {
          changes: [{ kind: 'modify-action', actionId: 'x', title: 'X again', dependsOn: ['y'] }],
        }),
      'dependency-cycle',
    );
    must(proposeChange(s.bob, { changes: [{ kind: 'modify-action', actionId: 'x', dependsOn: [] }] }));
    expect(selectActions(s.doc).some((a) => a.inCycle)).toBe(false);
  });
});

describe('snapshot', () => {
  test('selectContract returns plain data that survives JSON round trip unchanged', () => {
    const s = scenario();
    const p = must(
      proposeChange(s.alice, {
        changes: [
          {
            kind: 'add-action',
            action: { title: 'Diagnose', party: s.provider, dueAt: '2024-03-06T09:00:00Z' },
          },
        ],
      }),
    );
    must(accept(s.bob, { proposalId: p.proposalId }));
    const snap = selectContract(s.doc);
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    expect(snap.case?.title).toBe('Laptop does not boot after BIOS update');
    expect(snap.parties).toHaveLength(4);
    expect(snap.actions[0]?.dueAt).toBe(Date.UTC(2024, 2, 6, 9));
  });
});
