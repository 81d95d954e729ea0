import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addMember,
  createCase,
  postMessage,
  proposeChange,
  removeMember,
  selectContract,
} from '../../../shared/contract/index';
import { signEnvelope } from '../../../shared/signed/envelope';
import { foundCase } from '../../../shared/signed/found';
import { CaseReplica } from '../../../shared/signed/replica';
import type { World } from './fixtures';
import { clock, craft, forkDoc, inject, newClientBinding, person, ready, updateOf, world } from './fixtures';

beforeAll(ready);

/** What the customer's replica shows of the conversation. */
const texts = (replica: CaseReplica) => selectContract(replica.contract).messages.map((m) => m.text);
const reasons = (replica: CaseReplica) => replica.quarantine().refused.map((q) => q.reason);

/** A message update written by `member` (as `clientBinding`) against what `base` holds. */
function messageUpdate(
  _w: World,
  base: CaseReplica,
  binding: { clientId: number },
  author: string,
  party: string,
  text: string,
) {
  const doc = forkDoc(base, { clientId: binding.clientId, epoch: 0 });
  return updateOf(doc, () =>
    doc.getArray('messages').push([{ id: `m-${text.length}`, kind: 'message', author, party, at: 1, text }]),
  );
}

describe('attacks on the signed log (each fails if its protection is removed)', () => {
  it("forged signature: an envelope in the provider's name signed with another key is refused", () => {
    const w = world();
    const binding = newClientBinding(w.provider.publicKey);
    const update = messageUpdate(
      w,
      w.customerReplica,
      binding,
      w.provider.id,
      w.providerParty,
      'Refund approved',
    );
    const head = w.providerReplica.quarantine() && headOf(w.providerReplica, w.provider.id);
    const forged = signEnvelope(
      {
        caseId: w.providerReplica.caseId,
        authorKey: w.provider.publicKey,
        seq: head.seq + 1,
        prev: head.hash,
        timestamp: 1,
        clients: [binding],
        update,
      },
      w.outsider.secretKey,
    );
    inject(w.customerReplica, forged.bytes, forged.hashHex, w.keyring);
    expect(reasons(w.customerReplica)).toEqual(['bad-signature']);
    expect(texts(w.customerReplica)).not.toContain('Refund approved');
  });

  it('valid signature by a non-member: never applied, kept as not-a-member', () => {
    const w = world();
    const binding = newClientBinding(w.outsider.publicKey);
    const update = messageUpdate(
      w,
      w.customerReplica,
      binding,
      w.outsider.id,
      w.providerParty,
      'I am support, send your password',
    );
    const envelope = craft(
      w.outsider,
      w.customerReplica.caseId,
      update,
      { seq: 0, hash: new Uint8Array(32) },
      [binding],
    );
    inject(w.customerReplica, envelope.bytes, envelope.hashHex, w.keyring);
    expect(texts(w.customerReplica)).not.toContain('I am support, send your password');
    expect(w.customerReplica.quarantine().waiting.map((q) => q.reason)).toEqual(['not-a-member']);
  });

  it('replayed envelope: from another case it is refused; again in its own case it changes nothing', () => {
    const w = world();
    w.customerReplica.run((ctx) => postMessage(ctx, { text: 'Once' }));
    w.sync(w.customerReplica, w.providerReplica);
    const envelope = w.customerReplica.appliedEnvelopes().at(-1);
    if (!envelope) throw new Error('no envelope');
    inject(w.providerReplica, envelope.bytes, envelope.hashHex, w.keyring);
    expect(texts(w.providerReplica).filter((t) => t === 'Once')).toHaveLength(1);
    expect(reasons(w.providerReplica)).toEqual([]);

    const other = foundCase({
      identity: w.provider,
      keyring: w.keyring,
      ...clock(),
      invitedSelf: w.invitedSelf,
      create: (ctx) =>
        createCase(ctx, {
          title: 'Another case',
          party: { name: 'Acme', role: 'provider' },
          member: { displayName: 'P' },
        }),
    }).replica;
    const join = w.customerReplica.appliedEnvelopes().find((e) => e.author === w.customer.id && e.seq === 1);
    if (!join) throw new Error('no join envelope');
    inject(other, join.bytes, join.hashHex, w.keyring);
    expect(reasons(other)).toEqual(['wrong-case']);
    expect(selectContract(other.contract).parties).toHaveLength(1);
  });

  it('reordered sequence: later envelopes wait for the gap and apply in order', () => {
    const w = world();
    for (const text of ['first', 'second', 'third'])
      w.providerReplica.run((ctx) => postMessage(ctx, { text }));
    const [e1, e2, e3] = w.providerReplica.appliedEnvelopes().slice(-3);
    if (!e1 || !e2 || !e3) throw new Error('envelopes');
    inject(w.customerReplica, e3.bytes, e3.hashHex, w.keyring);
    inject(w.customerReplica, e2.bytes, e2.hashHex, w.keyring);
    expect(texts(w.customerReplica)).not.toContain('third');
    expect(w.customerReplica.quarantine().waiting.map((q) => q.reason)).toEqual([
      'sequence-gap',
      'sequence-gap',
    ]);
    inject(w.customerReplica, e1.bytes, e1.hashHex, w.keyring);
    const ours = texts(w.customerReplica).filter((t) => ['first', 'second', 'third'].includes(t));
    expect(ours).toEqual(['first', 'second', 'third']);
    expect(w.customerReplica.quarantine().waiting).toEqual([]);
  });

  it('fork: a second envelope for the same author and sequence is refused and kept as evidence', () => {
    const w = world();
    const head = headOf(w.providerReplica, w.provider.id);
    w.providerReplica.run((ctx) => postMessage(ctx, { text: 'Your warranty covers this' }));
    const honest = w.providerReplica.appliedEnvelopes().at(-1);
    const binding = newClientBinding(w.provider.publicKey);
    const update = messageUpdate(
      w,
      w.customerReplica,
      binding,
      w.provider.id,
      w.providerParty,
      'Warranty void',
    );
    const twin = craft(w.provider, w.providerReplica.caseId, update, head, [binding]);
    if (!honest) throw new Error('no envelope');
    inject(w.customerReplica, honest.bytes, honest.hashHex, w.keyring);
    inject(w.customerReplica, twin.bytes, twin.hashHex, w.keyring);
    expect(reasons(w.customerReplica)).toEqual(['fork']);
    expect(texts(w.customerReplica)).not.toContain('Warranty void');
    const [evidence] = w.customerReplica.quarantine().forks;
    expect(evidence?.seq).toBe(head.seq + 1);
    expect(evidence?.envelopes).toEqual([honest.bytes, twin.bytes]);
  });

  it("client-id impersonation: writing under the provider's client id, or claiming it, is refused", () => {
    const w = world();
    const providerClient = w.providerReplica.appliedEnvelopes().find((e) => e.author === w.provider.id)
      ?.clients[0];
    if (!providerClient) throw new Error('no client');
    const own = newClientBinding(w.customer.publicKey);
    const head = headOf(w.customerReplica, w.customer.id);
    const update = messageUpdate(
      w,
      w.customerReplica,
      providerClient,
      w.customer.id,
      w.customerParty,
      'spoofed',
    );
    const underTheirs = craft(w.customer, w.customerReplica.caseId, update, head, [own]);
    const witness = readOnlyCopy(w);
    inject(w.providerReplica, underTheirs.bytes, underTheirs.hashHex, w.keyring);
    const claimed = craft(w.customer, w.customerReplica.caseId, update, head, [providerClient]);
    inject(witness, claimed.bytes, claimed.hashHex, w.keyring);
    expect(reasons(w.providerReplica)).toEqual(['client-id-impersonation']);
    expect(reasons(witness)).toEqual(['client-id-not-derived']);
    expect(texts(w.providerReplica)).not.toContain('spoofed');
  });

  it("a customer cannot delete, overwrite or progress the provider's action", () => {
    const w = world();
    const proposed = w.providerReplica.run((ctx) =>
      proposeChange(ctx, {
        changes: [
          {
            kind: 'add-action',
            action: { id: 'ship-board', title: 'Ship a new board', party: w.providerParty },
          },
        ],
      }),
    );
    expect(proposed.ok && proposed.value.applied).toBe(true);
    w.sync(w.providerReplica, w.customerReplica);
    const attempts: [string, (doc: Y.Doc) => void][] = [
      ['delete-not-allowed', (doc) => doc.getMap('actions').delete('ship-board')],
      [
        'write-not-allowed',
        (doc) => (doc.getMap('actions').get('ship-board') as Y.Map<unknown>).set('status', 'done'),
      ],
      ['write-not-allowed', (doc) => doc.getMap('actions').set('ship-board', new Y.Map())],
    ];
    for (const [expected, change] of attempts) {
      const witness = readOnlyCopy(w);
      const binding = newClientBinding(w.customer.publicKey);
      const doc = forkDoc(w.customerReplica, binding);
      const update = updateOf(doc, () => change(doc));
      const envelope = craft(
        w.customer,
        w.customerReplica.caseId,
        update,
        headOf(w.customerReplica, w.customer.id),
        [binding],
      );
      inject(witness, envelope.bytes, envelope.hashHex, w.keyring);
      expect(reasons(witness)).toEqual([expected]);
      const action = selectContract(witness.contract).actions.find((a) => a.id === 'ship-board');
      expect(action?.status).toBe('agreed');
    }
  });

  it("a removed member's later write is refused everywhere", () => {
    const w = world();
    const colleague = person(4, 'Pat Provider', 'Acme Support');
    expect(
      w.providerReplica.run((ctx) => addMember(ctx, { memberId: colleague.id, displayName: 'Pat' })).ok,
    ).toBe(true);
    const patReplica = new CaseReplica({
      genesis: w.providerReplica.genesis,
      keyring: w.keyring,
      identity: colleague,
      invitedSelf: w.invitedSelf,
      ...clock(1_750_001_000_000),
    });
    w.sync(w.providerReplica, patReplica);
    expect(patReplica.run((ctx) => postMessage(ctx, { text: 'Pat here' })).ok).toBe(true);
    w.sync(patReplica, w.providerReplica);
    expect(w.providerReplica.run((ctx) => removeMember(ctx, { memberId: colleague.id })).ok).toBe(true);
    // Pat has not seen the removal yet and keeps writing.
    expect(patReplica.run((ctx) => postMessage(ctx, { text: 'Pat after removal' })).ok).toBe(true);
    w.sync(w.providerReplica, w.customerReplica);
    w.sync(patReplica, w.customerReplica);
    expect(texts(w.customerReplica)).toContain('Pat here');
    expect(texts(w.customerReplica)).not.toContain('Pat after removal');
    expect(reasons(w.customerReplica)).toEqual(['author-removed']);
  });

  it("a member cannot speak in another member's name", () => {
    const w = world();
    const binding = newClientBinding(w.customer.publicKey);
    const update = messageUpdate(
      w,
      w.customerReplica,
      binding,
      w.provider.id,
      w.providerParty,
      'We accept all liability',
    );
    const envelope = craft(
      w.customer,
      w.customerReplica.caseId,
      update,
      headOf(w.customerReplica, w.customer.id),
      [binding],
    );
    inject(w.providerReplica, envelope.bytes, envelope.hashHex, w.keyring);
    expect(reasons(w.providerReplica)).toEqual(['content-misattributed']);
  });

  it('an entry that does not open with the case key, or sits under a wrong key, is refused', () => {
    const w = world();
    w.customerReplica.run((ctx) => postMessage(ctx, { text: 'x' }));
    const envelope = w.customerReplica.appliedEnvelopes().at(-1);
    if (!envelope) throw new Error('no envelope');
    inject(w.providerReplica, envelope.bytes, 'f'.repeat(64), w.keyring);
    const doc = new Y.Doc();
    doc.getMap('envelopes').set('a'.repeat(64), new Uint8Array(80));
    Y.applyUpdate(w.providerReplica.log, Y.encodeStateAsUpdate(doc));
    expect(reasons(w.providerReplica)).toEqual(['entry-key-mismatch', 'entry-unreadable']);
  });
});

/** A read-only replica holding what the provider holds: a fresh witness for one attempt. */
function readOnlyCopy(w: World): CaseReplica {
  const log = new Y.Doc();
  Y.applyUpdate(log, Y.encodeStateAsUpdate(w.providerReplica.log));
  return new CaseReplica({
    genesis: w.providerReplica.genesis,
    keyring: w.keyring,
    log,
    invitedSelf: w.invitedSelf,
  });
}

function headOf(replica: CaseReplica, author: string): { seq: number; hash: Uint8Array } {
  const mine = replica.appliedEnvelopes().filter((e) => e.author === author);
  const last = mine.at(-1);
  return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: new Uint8Array(32) };
}
