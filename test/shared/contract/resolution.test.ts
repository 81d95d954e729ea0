/**
 * The resolution summary: resolveCase writes status and summary in one change, only the case's
 * running parties (customer, provider) may write one and only for their own party, entries are
 * immutable, and the signed pipeline enforces the same rights on received updates.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  currentResolution,
  mayWrite,
  resolveCase,
  selectCase,
  selectContract,
  selectMessages,
  selectResolutions,
  setStatus,
} from '../../../shared/contract';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { CaseReplica } from '../../../shared/signed/replica';
import { craft, forkDoc, inject, newClientBinding, updateOf, world } from '../signed/fixtures';
import { must, refusedWith, scenario } from './helpers';
import { watchRights } from './rights-watch';

beforeAll(async () => {
  await sodiumReady();
});

const summary = {
  problem: 'The PC shows a black screen and beeps three times after the BIOS update.',
  cause: 'The update reset the boot chip to a mode the OS loader does not support.',
  fix: 'Flashed BIOS 1.0.7 from USB and re-enabled UEFI boot.',
};

describe('resolveCase', () => {
  it('resolves and records the summary in one transaction, allowed by the rights table', () => {
    let watch: ReturnType<typeof watchRights> | undefined;
    const s = scenario((doc) => {
      watch = watchRights(doc);
    });
    must(setStatus(s.bob, { status: 'waiting', waitingOn: s.customer }));
    let transactions = 0;
    s.doc.on('afterTransaction', () => transactions++);
    const done = must(resolveCase(s.bob, summary));
    expect(transactions).toBe(1);
    expect(done.statusChanged).toBe(true);
    expect(selectCase(s.doc)).toMatchObject({ status: 'resolved', waitingOn: null });
    const [resolution] = selectResolutions(s.doc);
    expect(resolution).toMatchObject({
      id: done.resolutionId,
      ...summary,
      party: s.provider,
      createdBy: 'ed25519-bob',
    });
    expect(selectContract(s.doc).resolutions).toEqual(selectResolutions(s.doc));
    const events = selectMessages(s.doc).filter(
      (e) => e.kind === 'system' && (e.text === 'Status set to resolved' || e.event === 'notice'),
    );
    expect(events.map((e) => (e.kind === 'system' ? [e.event, e.ref] : []))).toEqual([
      ['status-changed', null],
      ['notice', done.resolutionId],
    ]);
    expect(watch?.violations).toEqual([]);
    expect(watch?.checked()).toBeGreaterThan(0);
  });

  it('adds a correcting summary to a resolved case without touching the status; the latest is current', () => {
    const s = scenario();
    must(resolveCase(s.bob, { problem: 'No boot', fix: 'Reflashed' }));
    const second = must(resolveCase(s.alice, { ...summary, cause: undefined }));
    expect(second.statusChanged).toBe(false);
    const all = selectResolutions(s.doc);
    expect(all).toHaveLength(2);
    expect(currentResolution(all)).toMatchObject({ id: second.resolutionId, cause: '', party: s.customer });
    expect(currentResolution([])).toBeNull();
  });

  it('refuses partners, observers, empty summaries and closed cases, writing nothing', () => {
    const s = scenario();
    refusedWith(s.doc, () => resolveCase(s.carol, summary), 'forbidden');
    refusedWith(s.doc, () => resolveCase(s.dave, summary), 'forbidden');
    refusedWith(s.doc, () => resolveCase(s.bob, { ...summary, problem: '  ' }), 'invalid-input');
    refusedWith(s.doc, () => resolveCase(s.bob, { ...summary, fix: 'x'.repeat(5001) }), 'invalid-input');
    must(setStatus(s.bob, { status: 'closed' }));
    refusedWith(s.doc, () => resolveCase(s.bob, summary), 'invalid-state');
  });

  it('rights: only for the own party, never rewritten', () => {
    const author = { memberId: 'm', partyId: 'p1', role: 'provider' as const };
    const create = { path: ['resolutions', 'r1'], op: 'create' as const, authorId: 'm', author };
    expect(mayWrite({ ...create, entityParty: 'p1' }).allowed).toBe(true);
    expect(mayWrite({ ...create, entityParty: 'p2' }).allowed).toBe(false);
    expect(mayWrite({ ...create, author: { ...author, role: 'partner' }, entityParty: 'p1' }).allowed).toBe(
      false,
    );
    expect(
      mayWrite({ path: ['resolutions', 'r1', 'fix'], op: 'set', authorId: 'm', author, entityParty: 'p1' })
        .allowed,
    ).toBe(false);
  });
});

describe('resolutions through the signed pipeline', () => {
  it('a peer applies an honest summary and refuses one written for another party or rewritten', () => {
    const w = world();
    const done = w.providerReplica.run((ctx) => resolveCase(ctx, summary));
    expect(done.ok).toBe(true);
    w.sync(w.providerReplica, w.customerReplica);
    expect(selectResolutions(w.customerReplica.contract).map((r) => r.fix)).toEqual([summary.fix]);
    const resolutionId = done.ok ? done.value.resolutionId : '';

    const attempts: [string, (doc: Y.Doc) => void][] = [
      // The customer writes a summary in the provider's name.
      [
        'write-not-allowed',
        (doc) => {
          const entry = new Y.Map<unknown>();
          doc.getMap('resolutions').set('forged', entry);
          for (const [k, v] of Object.entries({
            id: 'forged',
            ...summary,
            fix: 'Customer error',
            party: w.providerParty,
            createdBy: w.customer.id,
            createdAt: 1,
          }))
            entry.set(k, v);
        },
      ],
      // The customer rewrites the provider's fix.
      [
        'write-not-allowed',
        (doc) => (doc.getMap('resolutions').get(resolutionId) as Y.Map<unknown>).set('fix', 'None'),
      ],
    ];
    for (const [expected, change] of attempts) {
      const witness = new CaseReplica({
        genesis: w.providerReplica.genesis,
        keyring: w.keyring,
        log: copyLog(w.providerReplica.log),
        invitedSelf: w.invitedSelf,
      });
      const binding = newClientBinding(w.customer.publicKey);
      const doc = forkDoc(w.customerReplica, binding);
      const update = updateOf(doc, () => change(doc));
      const mine = w.customerReplica
        .appliedEnvelopes()
        .filter((e) => e.author === w.customer.id)
        .at(-1);
      const envelope = craft(
        w.customer,
        w.customerReplica.caseId,
        update,
        mine ? { seq: mine.seq, hash: mine.hash } : { seq: 0, hash: new Uint8Array(32) },
        [binding],
      );
      inject(witness, envelope.bytes, envelope.hashHex, w.keyring);
      expect(witness.quarantine().refused.map((q) => q.reason)).toEqual([expected]);
      expect(selectResolutions(witness.contract).map((r) => r.fix)).toEqual([summary.fix]);
      witness.destroy();
    }
  });
});

function copyLog(log: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(log));
  return copy;
}
