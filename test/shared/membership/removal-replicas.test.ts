/**
 * Removal with key rotation on real replicas: one signed change carries removal and rotation,
 * remaining members adopt the new key, the removed member opens nothing written after, and its
 * later changes are refused by every remaining member whatever order the entries arrive in.
 */
import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { postMessage, removeMember, selectParties } from '../../../shared/contract/index';
import type { Sodium } from '../../../shared/crypto/sodium';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { adoptCaseKeys, readRotations } from '../../../shared/membership/case-keys';
import { adoptHistoriesFromLog } from '../../../shared/membership/history-from-log';
import { removeMemberWithRotation } from '../../../shared/membership/remove-member';
import { createKeyRotation, rotationRecordKey } from '../../../shared/membership/rotation';
import { CaseKeyring, caseKeyFromBytes } from '../../../shared/signed/case-key';
import { CaseReplica } from '../../../shared/signed/replica';
import {
  adopt,
  K0,
  person,
  refusedOf,
  removalWorld,
  sealedKeyId,
  sync,
  syncAll,
  texts,
} from './removal-fixtures';

let na: Sodium;
beforeAll(async () => {
  na = await sodiumReady();
});

function statusOf(replica: CaseReplica, id: string): string | undefined {
  return selectParties(replica.contract)
    .flatMap((p) => p.members)
    .find((m) => m.id === id)?.status;
}

describe('removal rotates the case key', () => {
  it('removal and rotation are one signed change sealed with the old key; the history follows under the new key', () => {
    const w = removalWorld();
    const p = w.provider.replica;
    const oldKeyId = p.keyring.current.keyId;
    const before = p.appliedEnvelopes().length;
    const removed = removeMemberWithRotation(na, p, w.partner.identity.id, Date.now());
    expect(removed).toMatchObject({ ok: true, leaving: false, historyWritten: true });
    const written = p.appliedEnvelopes().slice(before);
    expect(written).toHaveLength(2);
    const [change, history] = written as [(typeof written)[0], (typeof written)[0]];
    // Replaying the log without the history entry: the removal and the rotation are both there.
    const upToChange = new Y.Doc();
    const entries = upToChange.getMap<Uint8Array>('envelopes');
    for (const [key, sealed] of p.log.getMap<Uint8Array>('envelopes').entries())
      if (key !== history.hashHex) entries.set(key, sealed);
    const replay = w.replicaOf(w.customer.identity, [K0], upToChange);
    expect(statusOf(replay, w.partner.identity.id)).toBe('removed');
    expect(readRotations(replay.contract)).toHaveLength(1);
    expect(replay.applied().at(-1)?.key).toBe(change.hashHex);
    expect(sealedKeyId(p, change.hashHex)).toBe(oldKeyId);
    expect(sealedKeyId(p, history.hashHex)).toBe(p.keyring.current.keyId);
    expect(p.keyring.current.keyId).not.toBe(oldKeyId);
    const [rotation] = readRotations(p.contract);
    expect(rotation).toMatchObject({ epoch: 1, reason: 'member-removed', lastSeqs: [1] });
  });

  it('remaining members adopt the new key; the removed member, still running, gets nothing new', () => {
    const w = removalWorld();
    const { provider, customer, partner } = w;
    const removed = removeMemberWithRotation(na, provider.replica, partner.identity.id, Date.now());
    expect(removed.ok).toBe(true);
    sync(provider.replica, customer.replica);
    sync(provider.replica, partner.replica);
    expect(adopt(na, customer, w.invitedSelf)).toMatchObject({
      epoch: 1,
      currentChanged: true,
      excluded: false,
    });
    expect(customer.replica.keyring.current.keyId).toBe(provider.replica.keyring.current.keyId);
    expect(customer.replica.quarantine().refused).toEqual([]);
    const partnerView = adopt(na, partner, w.invitedSelf);
    expect(partnerView).toMatchObject({ excluded: true, currentChanged: false, added: [] });
    expect(statusOf(partner.replica, partner.identity.id)).toBe('removed');
    const partnerState = Y.encodeStateVector(partner.replica.contract);

    expect(customer.replica.run((ctx) => postMessage(ctx, { text: 'New BIOS image attached' })).ok).toBe(
      true,
    );
    syncAll(provider, customer, partner);
    expect(texts(provider.replica)).toContain('New BIOS image attached');
    // The partner holds the entries, but they are sealed with a key it never received.
    expect(Y.encodeStateVector(partner.replica.contract)).toEqual(partnerState);
    expect(texts(partner.replica)).not.toContain('New BIOS image attached');
    const unreadable = partner.replica.quarantine().refused;
    expect(unreadable.length).toBeGreaterThan(0);
    for (const q of unreadable) expect(q.detail).toMatch(/^sealed with a case key this replica lacks/);
  });

  it("the removed member's changes after the removal are refused by every member, whatever the order", () => {
    const w = removalWorld();
    const { provider, customer, partner } = w;
    const r = partner.replica;
    expect(r.run((ctx) => postMessage(ctx, { text: 'before removal' })).ok).toBe(true);
    sync(r, provider.replica); // the provider sees it; the customer does not yet
    const removed = removeMemberWithRotation(na, provider.replica, partner.identity.id, Date.now());
    expect(removed.ok && removed.rotation.lastSeqs).toEqual([2]);
    // Concurrent: the partner writes before the removal reaches it.
    expect(r.run((ctx) => postMessage(ctx, { text: 'concurrent with removal' })).ok).toBe(true);
    sync(provider.replica, r);
    expect(statusOf(r, partner.identity.id)).toBe('removed');
    // After: its own client refuses, a modified client writes anyway.
    expect(r.run((ctx) => postMessage(ctx, { text: 'x' }))).toMatchObject({
      ok: false,
      error: 'not-a-member',
    });
    r.contract.getArray('messages').push([
      {
        id: 'forged',
        kind: 'message',
        author: partner.identity.id,
        party: w.parties.partner,
        at: 1,
        text: 'after removal',
      },
    ]);
    const keys = [K0, provider.replica.keyring.current.key];
    const views = {
      'everything in one batch': () => {
        const log = new Y.Doc();
        Y.applyUpdate(log, Y.encodeStateAsUpdate(provider.replica.log));
        Y.applyUpdate(log, Y.encodeStateAsUpdate(r.log));
        return w.replicaOf(customer.identity, keys, log);
      },
      'removal first': () => {
        const view = w.replicaOf(customer.identity, keys, provider.replica.log);
        sync(r, view);
        return view;
      },
      "the removed member's log first": () => {
        const view = w.replicaOf(customer.identity, keys, r.log);
        sync(provider.replica, view);
        return view;
      },
      'live, at the remover': () => {
        sync(r, provider.replica);
        return provider.replica;
      },
      'live, at the customer': () => {
        sync(provider.replica, customer.replica);
        adopt(na, customer, w.invitedSelf);
        sync(r, customer.replica);
        return customer.replica;
      },
    };
    for (const [name, build] of Object.entries(views)) {
      const view = build();
      const said = texts(view);
      expect(said, name).toContain('before removal');
      expect(said, name).not.toContain('concurrent with removal');
      expect(said, name).not.toContain('after removal');
      expect(refusedOf(view, partner.identity.id), name).toEqual(['author-removed', 'author-removed']);
    }
  });

  it('a member invited after the rotation reads the whole log; a link made before it sees it is stale', () => {
    const joiner = person(14, 'Jo Later', 'Boot Chip Co');
    const w = removalWorld([joiner]);
    expect(removeMemberWithRotation(na, w.provider.replica, w.partner.identity.id, Date.now()).ok).toBe(true);
    const current = w.provider.replica.keyring.current;
    // The link carries the key in force only: the log before the rotation does not open.
    const withNewLink = w.replicaOf(joiner, [current.key], w.provider.replica.log);
    expect(selectParties(withNewLink.contract)).toEqual([]);
    const log = withNewLink.log;
    withNewLink.destroy();
    const ring = new CaseKeyring(current);
    expect(adoptHistoriesFromLog(na, log, w.genesis.caseId, ring).map((k) => k.keyId)).toEqual([
      caseKeyFromBytes(K0).keyId,
    ]);
    expect(ring.current.keyId).toBe(current.keyId);
    const full = new CaseReplica({
      genesis: w.genesis,
      keyring: ring,
      identity: joiner,
      log,
      invitedSelf: w.invitedSelf,
    });
    expect(full.quarantine().refused).toEqual([]);
    expect(statusOf(full, w.partner.identity.id)).toBe('removed');
    expect(adoptCaseKeys(na, full.contract, full.caseId, joiner, ring)).toMatchObject({
      excluded: false,
      epoch: 1,
    });
    // A link made before the rotation: the history does not open, the key in force is not held.
    const stale = w.replicaOf(joiner, [K0], w.provider.replica.log);
    expect(adoptHistoriesFromLog(na, stale.log, w.genesis.caseId, stale.keyring)).toEqual([]);
    expect(adoptCaseKeys(na, stale.contract, stale.caseId, joiner, stale.keyring)).toMatchObject({
      excluded: true,
    });
  });

  it('leaving rotates too, and the leaver keeps no new key', () => {
    const w = removalWorld();
    const before = w.partner.replica.keyring.all().length;
    const left = removeMemberWithRotation(na, w.partner.replica, w.partner.identity.id, Date.now());
    expect(left).toMatchObject({
      ok: true,
      leaving: true,
      caseKey: undefined,
      rotation: { reason: 'member-left' },
    });
    expect(w.partner.replica.keyring.all()).toHaveLength(before);
    sync(w.partner.replica, w.provider.replica);
    expect(adopt(na, w.provider, w.invitedSelf)).toMatchObject({ epoch: 1, currentChanged: true });
    expect(statusOf(w.provider.replica, w.partner.identity.id)).toBe('removed');
    expect(w.provider.replica.quarantine().refused).toEqual([]);
  });

  it('two removals at once keep both rotations; every member ends on the same key', () => {
    const w = removalWorld();
    const { provider, customer, partner } = w;
    // Both the provider and the customer remove the partner, each unaware of the other.
    expect(removeMemberWithRotation(na, provider.replica, partner.identity.id, 1).ok).toBe(true);
    expect(removeMemberWithRotation(na, customer.replica, partner.identity.id, 2).ok).toBe(true);
    expect(provider.replica.run((ctx) => postMessage(ctx, { text: 'from provider' })).ok).toBe(true);
    expect(customer.replica.run((ctx) => postMessage(ctx, { text: 'from customer' })).ok).toBe(true);
    syncAll(provider, customer, partner);
    adopt(na, provider, w.invitedSelf);
    adopt(na, customer, w.invitedSelf);
    expect(readRotations(provider.replica.contract)).toHaveLength(2);
    expect(provider.replica.keyring.current.keyId).toBe(customer.replica.keyring.current.keyId);
    for (const member of [provider, customer]) {
      expect(texts(member.replica)).toEqual(expect.arrayContaining(['from provider', 'from customer']));
      expect(member.replica.quarantine().refused).toEqual([]);
    }
    expect(texts(partner.replica)).not.toContain('from customer');
  });
});

describe('removal rights and rotation records on the pipeline', () => {
  it('who may remove whom: provider and customer remove guests, nobody but the customer removes a customer', () => {
    const w = removalWorld();
    const p = w.provider.replica;
    expect(removeMemberWithRotation(na, p, w.customer.identity.id, 1)).toMatchObject({
      ok: false,
      error: 'forbidden',
    });
    expect(removeMemberWithRotation(na, w.partner.replica, p.identity?.id as string, 1)).toMatchObject({
      ok: false,
      error: 'forbidden',
    });
    expect(removeMemberWithRotation(na, w.customer.replica, w.partner.identity.id, 1).ok).toBe(true);
    // A modified partner client writing a removal of the customer anyway is refused everywhere.
    const r = w.partner.replica;
    const forged = r.contract.getMap('members').get(w.customer.identity.id) as Y.Map<unknown>;
    forged.set('status', 'removed');
    sync(r, p);
    expect(refusedOf(p, w.partner.identity.id)).toEqual(['write-not-allowed']);
    expect(statusOf(p, w.customer.identity.id)).toBe('active');
  });

  it('rotation records that do not fit their change are refused as bad-key-rotation', () => {
    const w = removalWorld();
    const p = w.provider.replica;
    const { provider, customer, partner } = w;
    const keys = [provider, customer, partner].map((m) => m.identity.publicKey);
    const rotation = (remover: Uint8Array, reason: 'member-removed' | 'scheduled' = 'member-removed') => {
      const made = createKeyRotation(na, {
        caseId: w.genesis.caseId,
        epoch: 1,
        rotatedBy: remover,
        rotatedAt: 5,
        reason,
        removed: [partner.identity.publicKey],
        lastSeqs: [1],
        recipients: keys.slice(0, 2),
      });
      if (!made.ok) throw new Error(made.message);
      return made.stored;
    };
    let log = customer.replica.log;
    // Each forgery comes from a modified customer client continuing its own chain.
    const forged = (label: string, write: (doc: Y.Doc) => void) => {
      const forger = w.replicaOf(customer.identity, [K0], log);
      const before = refusedOf(p, customer.identity.id).length;
      write(forger.contract);
      sync(forger, p);
      expect(refusedOf(p, customer.identity.id).slice(before), label).toEqual(['bad-key-rotation']);
      log = forger.log;
    };
    const removePartner = (doc: Y.Doc) =>
      (doc.getMap('members').get(partner.identity.id) as Y.Map<unknown>).set('status', 'removed');
    const byProvider = rotation(provider.identity.publicKey);
    forged('signed by someone else than its rotator', (doc) =>
      doc.transact(() => {
        removePartner(doc);
        doc.getMap('keyRotations').set(rotationRecordKey(byProvider), byProvider);
      }),
    );
    const own = rotation(customer.identity.publicKey);
    forged('names a removal the change does not make', (doc) =>
      doc.getMap('keyRotations').set(rotationRecordKey(own), own),
    );
    forged('stored under another key', (doc) =>
      doc.transact(() => {
        removePartner(doc);
        doc.getMap('keyRotations').set('9.x', own);
      }),
    );
    const scheduled = rotation(customer.identity.publicKey, 'scheduled');
    forged('gives the wrong reason', (doc) =>
      doc.transact(() => {
        removePartner(doc);
        doc.getMap('keyRotations').set(rotationRecordKey(scheduled), scheduled);
      }),
    );
    const leaky = {
      ...own,
      sealed: [...own.sealed, { ...(own.sealed[0] as object), recipient: own.removed[0] }],
    };
    forged('seals the new key to the removed member', (doc) =>
      doc.transact(() => {
        removePartner(doc);
        doc.getMap('keyRotations').set(rotationRecordKey(own), leaky);
      }),
    );
    // A well-formed record may not be rewritten once recorded.
    expect(removeMemberWithRotation(na, p, partner.identity.id, 9).ok).toBe(true);
    const recorded = [...p.contract.getMap('keyRotations').entries()][0] as [string, unknown];
    sync(p, customer.replica);
    log = customer.replica.log;
    forged('rewrites a recorded rotation', (doc) => doc.getMap('keyRotations').set(recorded[0], { ...own }));
    // The contract refuses malformed records before signing anything.
    expect(
      removeMember(w.replicaOf(customer.identity, [K0], log).context(), {
        memberId: customer.identity.id,
        rotation: { v: 2 },
      }),
    ).toMatchObject({ ok: false, error: 'invalid-input' });
  });
});
