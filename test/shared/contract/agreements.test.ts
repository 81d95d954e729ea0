import { beforeAll, describe, expect, test } from 'vitest';
import {
  accept,
  addParty,
  proposeChange,
  recordSignature,
  selectAgreements,
  selectMessages,
  setActionStatus,
  setStatus,
  termsHashOf,
} from '../../../shared/contract';
import type { CommandContext } from '../../../shared/contract';
import { type Sodium, sodiumReady } from '../../../shared/crypto/sodium';
import { must, refusedWith, scenario } from './helpers';

let na: Sodium;
const keys = new Map<string, { publicKey: Uint8Array; privateKey: Uint8Array }>();

beforeAll(async () => {
  na = await sodiumReady();
});

/** Signs the current terms hash as shared/signed would (here: plainly over the hash bytes). */
function sign(ctx: CommandContext, hash = termsHashOf(ctx.doc)) {
  let kp = keys.get(ctx.actor);
  if (!kp) {
    kp = na.crypto_sign_keypair();
    keys.set(ctx.actor, kp);
  }
  const signature = na.to_base64(
    na.crypto_sign_detached(na.from_hex(hash), kp.privateKey),
    na.base64_variants.ORIGINAL,
  );
  return recordSignature(ctx, { termsHash: hash, signature });
}

describe('agreement versions', () => {
  test('a version is agreed when every negotiating party signed its hash; changes open N+1', () => {
    const s = scenario();
    must(
      proposeChange(s.bob, {
        changes: [
          { kind: 'add-action', action: { id: 'diag', title: 'Run diagnostics', party: s.provider } },
        ],
      }),
    );
    const h1 = termsHashOf(s.doc);
    let view = selectAgreements(s.doc);
    expect(view.versions).toMatchObject([{ version: 1, termsHash: h1, recorded: false, agreedByAll: false }]);

    expect(must(sign(s.alice))).toEqual({ version: 1, agreed: false });
    refusedWith(s.doc, () => sign(s.dave), 'forbidden');
    expect(must(sign(s.bob)).agreed).toBe(false);
    refusedWith(s.doc, () => setStatus(s.alice, { status: 'agreed' }), 'not-agreed');
    expect(must(sign(s.carol))).toEqual({ version: 1, agreed: true });
    view = selectAgreements(s.doc);
    expect(view).toMatchObject({ currentTermsHash: h1, latestAgreedVersion: 1, currentTermsAgreed: true });
    expect(view.versions).toHaveLength(1);
    expect(view.versions[0]).toMatchObject({
      recorded: true,
      agreedByAll: true,
      missingParties: [],
      openedBy: s.alice.actor,
    });
    expect(view.versions[0]?.signedParties).toEqual([s.customer, s.provider, s.partner].sort());
    // Stored signatures verify against the signer's key over the version hash.
    for (const sig of view.versions[0]?.signatures ?? []) {
      const kp = keys.get(sig.member);
      expect(
        kp &&
          na.crypto_sign_verify_detached(
            na.from_base64(sig.signature, na.base64_variants.ORIGINAL),
            na.from_hex(sig.termsHash),
            kp.publicKey,
          ),
      ).toBe(true);
    }
    must(setStatus(s.alice, { status: 'agreed' }));
    const events = selectMessages(s.doc).flatMap((m) => (m.kind === 'system' ? [m.event] : []));
    expect(events.filter((e) => e === 'signed')).toHaveLength(3);
    expect(events.filter((e) => e === 'agreed')).toHaveLength(1);

    // Progress is not terms: the hash holds.
    must(setActionStatus(s.bob, { actionId: 'diag', status: 'done' }));
    expect(termsHashOf(s.doc)).toBe(h1);

    // A change to the terms opens version 2; version 1 stays agreed history.
    must(
      proposeChange(s.bob, {
        changes: [
          { kind: 'add-action', action: { id: 'ship', title: 'Ship a new board', party: s.provider } },
        ],
      }),
    );
    const h2 = termsHashOf(s.doc);
    expect(h2).not.toBe(h1);
    view = selectAgreements(s.doc);
    expect(view.currentTermsAgreed).toBe(false);
    expect(view.versions.map((v) => [v.version, v.recorded, v.agreedByAll, v.termsHash])).toEqual([
      [1, true, true, h1],
      [2, false, false, h2],
    ]);
    refusedWith(s.doc, () => sign(s.alice, h1), 'hash-mismatch');
    expect(must(sign(s.alice)).version).toBe(2);

    // Terms move again before version 2 is agreed: the next signature re-points version 2.
    must(
      proposeChange(s.alice, {
        changes: [
          {
            kind: 'add-data-item',
            item: { id: 'serial', label: 'Serial number', kind: 'text', party: s.customer },
          },
        ],
      }),
    );
    const h3 = termsHashOf(s.doc);
    expect(must(sign(s.bob)).version).toBe(2);
    view = selectAgreements(s.doc);
    const v2 = view.versions[1];
    expect(v2).toMatchObject({ version: 2, termsHash: h3, agreedByAll: false });
    expect(v2?.signatures.map((x) => [x.member, x.current])).toEqual([
      [s.alice.actor, false],
      [s.bob.actor, true],
    ]);
    expect(v2?.missingParties).toEqual([s.customer, s.partner].sort());
    must(sign(s.alice));
    expect(must(sign(s.carol))).toEqual({ version: 2, agreed: true });
    // Signing the same hash again changes nothing.
    const before = selectAgreements(s.doc);
    expect(must(sign(s.carol))).toEqual({ version: 2, agreed: true });
    expect(selectAgreements(s.doc)).toEqual(before);

    // A party added after agreement changes the terms (version 3 opens) but not version 2's history.
    must(addParty(s.bob, { name: 'BootChip Ltd', role: 'partner' }));
    view = selectAgreements(s.doc);
    expect(view.versions.map((v) => [v.version, v.agreedByAll])).toEqual([
      [1, true],
      [2, true],
      [3, false],
    ]);
    // Nobody has joined BootChip yet: it cannot sign, so version 3 waits only for the staffed parties.
    expect(view.versions[2]?.missingParties).toEqual([s.customer, s.provider, s.partner].sort());
  });

  test('malformed hashes and signatures are refused', () => {
    const s = scenario();
    const hash = termsHashOf(s.doc);
    const sig = na.to_base64(new Uint8Array(64), na.base64_variants.ORIGINAL);
    refusedWith(
      s.doc,
      () => recordSignature(s.alice, { termsHash: hash.toUpperCase(), signature: sig }),
      'invalid-input',
    );
    refusedWith(
      s.doc,
      () => recordSignature(s.alice, { termsHash: hash.slice(2), signature: sig }),
      'invalid-input',
    );
    refusedWith(
      s.doc,
      () => recordSignature(s.alice, { termsHash: hash, signature: sig.slice(4) }),
      'invalid-input',
    );
    refusedWith(
      s.doc,
      () => recordSignature(s.alice, { termsHash: hash, signature: na.to_base64(new Uint8Array(64)) }),
      'invalid-input',
    );
    refusedWith(
      s.doc,
      () => recordSignature(s.alice, { termsHash: 'f'.repeat(64), signature: sig }),
      'hash-mismatch',
    );
  });

  test('a proposal accepted by all changes the hash the same way on every path', () => {
    const s = scenario();
    const p = must(
      proposeChange(s.alice, {
        changes: [{ kind: 'add-action', action: { id: 'diag', title: 'Diagnose', party: s.provider } }],
      }),
    );
    const before = termsHashOf(s.doc);
    must(accept(s.bob, { proposalId: p.proposalId }));
    expect(termsHashOf(s.doc)).not.toBe(before);
  });
});
