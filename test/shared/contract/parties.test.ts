import { describe, expect, test } from 'vitest';
import {
  addMember,
  addParty,
  joinViaInvite,
  postMessage,
  removeMember,
  rotateCaseKey,
  selectCase,
  selectMessages,
  selectParties,
} from '../../../shared/contract';
import { ALICE, BOB, CAROL, DAVE, ERIN, makeCtx, must, refusedWith, scenario } from './helpers';

describe('addParty', () => {
  test('customer and provider bring parties in; partner and observer may not', () => {
    const s = scenario();
    const { partyId } = must(addParty(s.bob, { name: 'BootChip Ltd', role: 'partner' }));
    expect(selectParties(s.doc).find((p) => p.id === partyId)).toMatchObject({
      name: 'BootChip Ltd',
      role: 'partner',
      kind: 'organisation',
      members: [],
    });
    refusedWith(s.doc, () => addParty(s.carol, { name: 'Another vendor', role: 'partner' }), 'forbidden');
    refusedWith(s.doc, () => addParty(s.dave, { name: 'Press', role: 'observer' }), 'forbidden');
    refusedWith(s.doc, () => addParty(s.alice, { name: '', role: 'partner' }), 'invalid-input');
    refusedWith(s.doc, () => addParty(s.alice, { name: 'X', role: 'admin' as never }), 'invalid-input');
    refusedWith(
      s.doc,
      () => addParty(s.alice, { name: 'X', role: 'partner', kind: 'robot' as never }),
      'invalid-input',
    );
  });
});

describe('members', () => {
  test('a member adds a colleague to its own party only', () => {
    const s = scenario();
    must(addMember(s.bob, { memberId: ERIN, displayName: 'Erin (tier 2)', organisation: 'Northwind PCs' }));
    const provider = selectParties(s.doc).find((p) => p.id === s.provider);
    expect(provider?.members.map((m) => m.id)).toEqual([BOB, ERIN]);
    expect(provider?.members.find((m) => m.id === ERIN)).toMatchObject({
      role: 'provider',
      addedBy: BOB,
      status: 'active',
    });
    refusedWith(s.doc, () => addMember(s.bob, { memberId: ERIN, displayName: 'Erin' }), 'already-member');
    refusedWith(s.doc, () => addMember(s.alice, { memberId: CAROL, displayName: 'Carol' }), 'already-member');
    refusedWith(
      s.doc,
      () => addMember(s.alice, { memberId: 'has space', displayName: 'X' }),
      'invalid-input',
    );
    refusedWith(
      s.doc,
      () => addMember(makeCtx(s.doc, 'stranger'), { memberId: 'friend', displayName: 'F' }),
      'not-a-member',
    );
  });

  test('joinViaInvite checks the inviter and its right to invite into that party', () => {
    const s = scenario();
    const erin = makeCtx(s.doc, ERIN);
    refusedWith(
      s.doc,
      () => joinViaInvite(erin, { party: 'nope', invitedBy: ALICE, displayName: 'Erin' }),
      'unknown-party',
    );
    refusedWith(
      s.doc,
      () => joinViaInvite(erin, { party: s.partner, invitedBy: 'ghost', displayName: 'Erin' }),
      'unknown-member',
    );
    // Partners and observers invite only into their own party (rights.ts INVITE_RULES).
    refusedWith(
      s.doc,
      () => joinViaInvite(erin, { party: s.provider, invitedBy: CAROL, displayName: 'Erin' }),
      'forbidden',
    );
    refusedWith(
      s.doc,
      () => joinViaInvite(erin, { party: s.customer, invitedBy: DAVE, displayName: 'Erin' }),
      'forbidden',
    );
    refusedWith(
      s.doc,
      () => joinViaInvite(s.bob, { party: s.provider, invitedBy: ALICE, displayName: 'Bob' }),
      'already-member',
    );
    must(joinViaInvite(erin, { party: s.partner, invitedBy: CAROL, displayName: 'Erin' }));
    expect(
      selectParties(s.doc)
        .find((p) => p.id === s.partner)
        ?.members.map((m) => m.id),
    ).toEqual([CAROL, ERIN]);
  });

  test('removeMember: own party or self; the record stays, marked removed; rejoin by invite', () => {
    const s = scenario();
    must(addMember(s.bob, { memberId: ERIN, displayName: 'Erin' }));
    refusedWith(s.doc, () => removeMember(s.alice, { memberId: ERIN }), 'forbidden');
    refusedWith(s.doc, () => removeMember(s.bob, { memberId: 'ghost' }), 'unknown-member');
    must(removeMember(s.bob, { memberId: ERIN }));
    refusedWith(s.doc, () => removeMember(s.bob, { memberId: ERIN }), 'unknown-member');
    const erin = makeCtx(s.doc, ERIN);
    refusedWith(s.doc, () => postMessage(erin, { text: 'still here?' }), 'not-a-member');
    const record = selectParties(s.doc)
      .find((p) => p.id === s.provider)
      ?.members.find((m) => m.id === ERIN);
    expect(record).toMatchObject({ status: 'removed', removedBy: BOB });
    // A removed member can rejoin its own party only.
    refusedWith(
      s.doc,
      () => joinViaInvite(erin, { party: s.customer, invitedBy: ALICE, displayName: 'Erin' }),
      'forbidden',
    );
    must(joinViaInvite(erin, { party: s.provider, invitedBy: ALICE, displayName: 'Erin again' }));
    expect(
      selectParties(s.doc)
        .find((p) => p.id === s.provider)
        ?.members.find((m) => m.id === ERIN),
    ).toMatchObject({
      status: 'active',
      displayName: 'Erin again',
    });
    // Leaving is removing oneself.
    must(removeMember(s.carol, { memberId: CAROL }));
    const events = selectMessages(s.doc).flatMap((m) => (m.kind === 'system' ? [m.event] : []));
    expect(events.filter((e) => e === 'member-removed')).toHaveLength(2);
  });

  test('the last active member cannot be removed', () => {
    const s = scenario();
    must(removeMember(s.bob, { memberId: BOB }));
    must(removeMember(s.carol, { memberId: CAROL }));
    must(removeMember(s.dave, { memberId: DAVE }));
    refusedWith(s.doc, () => removeMember(s.alice, { memberId: ALICE }), 'invalid-state');
  });
});

/** A rotation record of the right shape (the contract checks form only; keys are checked by shared/signed). */
function storedRotation(caseId: string, reason: string, removed: number, keyCheckByte = 'Q') {
  const b64 = (bytes: number, c = 'A') =>
    c.repeat(Math.ceil((bytes * 4) / 3) - 1) + (bytes % 3 === 0 ? c : 'A');
  return {
    v: 1,
    caseId,
    epoch: 1,
    rotatedBy: b64(32),
    rotatedAt: 5,
    reason,
    removed: Array.from({ length: removed }, () => b64(32, 'B')),
    lastSeqs: Array.from({ length: removed }, () => 3),
    keyCheck: b64(16, keyCheckByte),
    sealed: [{ recipient: b64(32, 'C'), box: b64(104, 'D') }],
  };
}

describe('removal with a key rotation', () => {
  test('customer and provider remove guests; partners and observers only their own party; one transaction with the rotation', () => {
    const s = scenario();
    const caseId = selectCase(s.doc)?.id as string;
    refusedWith(s.doc, () => removeMember(s.carol, { memberId: BOB }), 'forbidden');
    refusedWith(s.doc, () => removeMember(s.dave, { memberId: CAROL }), 'forbidden');
    refusedWith(s.doc, () => removeMember(s.bob, { memberId: ALICE }), 'forbidden');
    const rotation = storedRotation(caseId, 'member-removed', 1);
    let updates = 0;
    s.doc.on('update', () => {
      updates++;
    });
    expect(must(removeMember(s.bob, { memberId: CAROL, rotation }))).toEqual({
      memberId: CAROL,
      rotationKey: `1.${rotation.keyCheck}`,
    });
    expect(updates).toBe(1);
    expect(s.doc.getMap('keyRotations').get(`1.${rotation.keyCheck}`)).toEqual(rotation);
    must(removeMember(s.alice, { memberId: DAVE }));
  });

  test('the rotation must fit the removal; records are never rewritten', () => {
    const s = scenario();
    const caseId = selectCase(s.doc)?.id as string;
    const bad = [
      { v: 2 },
      storedRotation('another-case', 'member-removed', 1),
      storedRotation(caseId, 'member-left', 1),
      storedRotation(caseId, 'member-removed', 2),
      { ...storedRotation(caseId, 'member-removed', 1), lastSeqs: [] },
    ];
    for (const rotation of bad)
      refusedWith(s.doc, () => removeMember(s.bob, { memberId: CAROL, rotation }), 'invalid-input');
    must(removeMember(s.carol, { memberId: CAROL, rotation: storedRotation(caseId, 'member-left', 1) }));
    const scheduled = storedRotation(caseId, 'scheduled', 0, 'R');
    must(rotateCaseKey(s.alice, { rotation: scheduled }));
    refusedWith(s.doc, () => rotateCaseKey(s.bob, { rotation: scheduled }), 'duplicate-id');
    refusedWith(s.doc, () => rotateCaseKey(makeCtx(s.doc, ERIN), { rotation: scheduled }), 'not-a-member');
  });
});
