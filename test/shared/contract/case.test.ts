import { beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
  createCase,
  editSummary,
  isCommandOrigin,
  selectCase,
  selectMessages,
  selectParties,
  setCategory,
  setPriority,
  setStatus,
} from '../../../shared/contract';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { ALICE, makeCtx, must, refusedWith, scenario } from './helpers';

beforeAll(async () => {
  await sodiumReady();
});

const base = {
  title: 'Broadband contract renegotiation',
  party: { name: 'Keith H.', kind: 'person' as const, role: 'customer' as const },
  member: { displayName: 'Keith H.', organisation: 'Self' },
};

describe('createCase', () => {
  test('creates header, party, first member and a system event in one transaction', () => {
    const doc = new Y.Doc();
    const ctx = makeCtx(doc, ALICE);
    const origins: unknown[] = [];
    doc.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin));
    const { caseId, partyId } = must(
      createCase(ctx, { ...base, summary: 'Price halved for new customers', category: 'contract' }),
    );
    expect(origins).toHaveLength(1);
    expect(isCommandOrigin(origins[0])).toBe(true);
    expect(origins[0]).toMatchObject({ command: 'createCase', actor: ALICE });
    const header = selectCase(doc);
    expect(header).toMatchObject({
      id: caseId,
      title: base.title,
      summary: 'Price halved for new customers',
      status: 'open',
      priority: 'normal',
      category: 'contract',
      createdBy: ALICE,
    });
    const [party] = selectParties(doc);
    expect(party).toMatchObject({ id: partyId, role: 'customer', kind: 'person' });
    expect(party?.members.map((m) => [m.id, m.status, m.role])).toEqual([[ALICE, 'active', 'customer']]);
    expect(selectMessages(doc).map((m) => m.kind === 'system' && m.event)).toEqual(['case-created']);
  });

  test('refuses a second case, bad titles, observer creators, malformed SLA terms', () => {
    const doc = new Y.Doc();
    const ctx = makeCtx(doc, ALICE);
    refusedWith(doc, () => createCase(ctx, { ...base, title: '   ' }), 'invalid-input');
    refusedWith(doc, () => createCase(ctx, { ...base, title: 'x'.repeat(201) }), 'invalid-input');
    refusedWith(
      doc,
      () => createCase(ctx, { ...base, party: { name: 'Watch', role: 'observer' } }),
      'invalid-input',
    );
    refusedWith(doc, () => createCase(ctx, { ...base, priority: 'critical' as never }), 'invalid-input');
    refusedWith(doc, () => createCase(ctx, { ...base, sla: { targets: 'none' } as never }), 'invalid-input');
    refusedWith(doc, () => createCase(makeCtx(doc, 'bad id with spaces'), base), 'invalid-input');
    must(createCase(ctx, base));
    refusedWith(doc, () => createCase(ctx, base), 'case-exists');
  });

  test('commands on an empty document refuse with no-case', () => {
    const doc = new Y.Doc();
    refusedWith(doc, () => setPriority(makeCtx(doc, ALICE), { priority: 'high' }), 'no-case');
  });
});

describe('status, priority, category', () => {
  test('customer and provider set them; partner, observer and strangers may not', () => {
    const s = scenario();
    expect(must(setPriority(s.bob, { priority: 'urgent' })).changed).toBe(true);
    expect(must(setPriority(s.bob, { priority: 'urgent' })).changed).toBe(false);
    refusedWith(s.doc, () => setPriority(s.carol, { priority: 'low' }), 'forbidden');
    refusedWith(s.doc, () => setPriority(s.dave, { priority: 'low' }), 'forbidden');
    refusedWith(s.doc, () => setPriority(makeCtx(s.doc, 'mallory'), { priority: 'low' }), 'not-a-member');
    refusedWith(s.doc, () => setPriority(s.alice, { priority: 'p1' as never }), 'invalid-input');
    must(setCategory(s.alice, { category: 'hardware' }));
    expect(selectCase(s.doc)).toMatchObject({ priority: 'urgent', category: 'hardware' });
    must(setCategory(s.alice, { category: null }));
    expect(selectCase(s.doc)?.category).toBeNull();
    refusedWith(s.doc, () => setCategory(s.dave, { category: 'x' }), 'forbidden');
  });

  test("'waiting' names an existing party; 'agreed' needs agreed terms; closed only reopens", () => {
    const s = scenario();
    refusedWith(s.doc, () => setStatus(s.alice, { status: 'waiting' } as never), 'invalid-input');
    refusedWith(s.doc, () => setStatus(s.alice, { status: 'waiting', waitingOn: 'nobody' }), 'unknown-party');
    refusedWith(s.doc, () => setStatus(s.alice, { status: 'open', waitingOn: s.partner }), 'invalid-input');
    must(setStatus(s.bob, { status: 'waiting', waitingOn: s.partner }));
    expect(selectCase(s.doc)).toMatchObject({ status: 'waiting', waitingOn: s.partner });
    must(setStatus(s.bob, { status: 'in-progress' }));
    expect(selectCase(s.doc)?.waitingOn).toBeNull();
    refusedWith(s.doc, () => setStatus(s.alice, { status: 'agreed' }), 'not-agreed');
    refusedWith(s.doc, () => setStatus(s.carol, { status: 'resolved' }), 'forbidden');
    refusedWith(s.doc, () => setStatus(s.alice, { status: 'finished' as never }), 'invalid-input');
    must(setStatus(s.alice, { status: 'closed' }));
    refusedWith(s.doc, () => setStatus(s.alice, { status: 'resolved' }), 'invalid-state');
    must(setStatus(s.alice, { status: 'open' }));
    expect(
      selectMessages(s.doc).filter((m) => m.kind === 'system' && m.event === 'status-changed'),
    ).toHaveLength(4);
  });
});

describe('editSummary', () => {
  test('edits merge across peers; observers may not edit; out-of-range edits refused', () => {
    const s = scenario();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(s.doc));
    const bobThere = makeCtx(other, s.bob.actor, { idPrefix: 'b2' });
    const len = selectCase(s.doc)?.summary.length ?? 0;
    must(editSummary(s.alice, { index: len, deleteCount: 0, insert: ' Fan spins.' }));
    must(editSummary(bobThere, { index: 0, deleteCount: 0, insert: 'Model NW-15. ' }));
    Y.applyUpdate(other, Y.encodeStateAsUpdate(s.doc));
    Y.applyUpdate(s.doc, Y.encodeStateAsUpdate(other));
    expect(selectCase(s.doc)?.summary).toBe(
      'Model NW-15. Black screen after the vendor BIOS update. Fan spins.',
    );
    expect(selectCase(other)?.summary).toBe(selectCase(s.doc)?.summary);
    refusedWith(s.doc, () => editSummary(s.dave, { index: 0, deleteCount: 0, insert: 'x' }), 'forbidden');
    refusedWith(
      s.doc,
      () => editSummary(s.alice, { index: 999, deleteCount: 0, insert: 'x' }),
      'invalid-input',
    );
    refusedWith(
      s.doc,
      () => editSummary(s.alice, { index: 0, deleteCount: 999, insert: '' }),
      'invalid-input',
    );
    refusedWith(
      s.doc,
      () => editSummary(s.alice, { index: 1.5, deleteCount: 0, insert: '' }),
      'invalid-input',
    );
    refusedWith(
      s.doc,
      () => editSummary(s.alice, { index: 0, deleteCount: 0, insert: 'x'.repeat(20_001) }),
      'invalid-input',
    );
    must(editSummary(s.carol, { index: 0, deleteCount: 6, insert: '' }));
    expect(selectCase(s.doc)?.summary.startsWith('NW-15.')).toBe(true);
  });
});
