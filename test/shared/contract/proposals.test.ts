import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
  accept,
  applyAcceptedProposal,
  counter,
  proposeChange,
  reject,
  selectActions,
  selectProposals,
  selectSlaTerms,
  withdrawProposal,
} from '../../../shared/contract';
import { airlineSla } from './fixtures';
import { BOB, makeCtx, must, refusedWith, scenario } from './helpers';

const add = (id: string, party: string, extra: Record<string, unknown> = {}) =>
  ({ kind: 'add-action', action: { id, title: `Action ${id}`, party, ...extra } }) as const;

describe('proposeChange', () => {
  test('a change touching other parties waits for them; the proposer has accepted', () => {
    const s = scenario();
    const p = must(
      proposeChange(s.alice, {
        note: 'Plan for the boot failure',
        changes: [
          add('diag', s.provider, {
            dueAt: '2024-03-05T17:00:00+01:00',
            description: 'Run the vendor diagnostics',
          }),
          add('os-log', s.partner, { dependsOn: ['diag'] }),
        ],
      }),
    );
    expect(p.applied).toBe(false);
    expect(p.touched).toEqual([s.customer, s.provider, s.partner].sort());
    const [view] = selectProposals(s.doc);
    expect(view?.status).toBe('pending');
    expect(view?.responses.find((r) => r.party === s.customer)).toMatchObject({
      verdict: 'accepted',
      by: s.alice.actor,
    });
    expect(view?.responses.find((r) => r.party === s.provider)?.verdict).toBe('pending');
    // The board shows the drafts as proposed, with their dependency.
    const board = selectActions(s.doc);
    expect(board.map((a) => [a.id, a.status, a.source])).toEqual([
      ['diag', 'proposed', 'proposal'],
      ['os-log', 'proposed', 'proposal'],
    ]);
    expect(board[0]).toMatchObject({ dueAt: Date.UTC(2024, 2, 5, 16, 0), dependents: ['os-log'] });
    expect(board[1]?.blockedBy).toEqual(['diag']);
    must(accept(s.bob, { proposalId: p.proposalId }));
    expect(selectProposals(s.doc)[0]?.status).toBe('pending');
    expect(must(accept(s.carol, { proposalId: p.proposalId })).applied).toBe(true);
    expect(selectProposals(s.doc)[0]).toMatchObject({ status: 'applied', appliedBy: s.carol.actor });
    expect(selectActions(s.doc).map((a) => [a.id, a.status, a.source, a.proposedBy])).toEqual([
      ['diag', 'agreed', 'terms', s.customer],
      ['os-log', 'agreed', 'terms', s.customer],
    ]);
    expect(selectActions(s.doc)[0]?.ready).toBe(true);
    expect(selectActions(s.doc)[1]?.ready).toBe(false);
  });

  test('refusals: observer, unknown references, malformed dates, cycles, bad shapes', () => {
    const s = scenario();
    must(
      proposeChange(s.bob, {
        changes: [add('a1', s.provider), add('a2', s.provider, { dependsOn: ['a1'] })],
      }),
    );
    const propose = (ctx: typeof s.bob, changes: unknown[]) => () =>
      proposeChange(ctx, { changes: changes as never });
    refusedWith(s.doc, propose(s.dave, [add('x', s.customer)]), 'forbidden');
    refusedWith(s.doc, propose(makeCtx(s.doc, 'stranger'), [add('x', s.customer)]), 'not-a-member');
    refusedWith(s.doc, propose(s.bob, []), 'invalid-input');
    refusedWith(s.doc, propose(s.bob, [{ kind: 'teleport' }]), 'invalid-input');
    refusedWith(s.doc, propose(s.bob, [add('x', 'no-such-party')]), 'unknown-party');
    refusedWith(s.doc, propose(s.bob, [add('x', s.observer)]), 'invalid-input');
    refusedWith(s.doc, propose(s.bob, [add('x', s.provider, { member: s.alice.actor })]), 'unknown-member');
    refusedWith(s.doc, propose(s.bob, [add('x', s.provider, { topic: 'no-topic' })]), 'unknown-topic');
    refusedWith(s.doc, propose(s.bob, [add('x', s.provider, { dependsOn: ['ghost'] })]), 'unknown-action');
    refusedWith(s.doc, propose(s.bob, [add('a1', s.provider)]), 'duplicate-id');
    refusedWith(s.doc, propose(s.bob, [add('x', s.provider, { dependsOn: ['a1', 'a1'] })]), 'invalid-input');
    for (const bad of [
      '2024-03-05',
      '2024-13-01T10:00Z',
      '2024-02-30T10:00:00Z',
      '2024-03-05T24:00:00Z',
      '2024-03-05T10:00:00',
      'tomorrow',
      '2024-03-05T10:00:00+25:00',
      12345,
    ]) {
      refusedWith(s.doc, propose(s.bob, [add('x', s.provider, { dueAt: bad })]), 'malformed-date');
      refusedWith(
        s.doc,
        propose(s.bob, [{ kind: 'modify-action', actionId: 'a1', dueAt: bad }]),
        'malformed-date',
      );
    }
    refusedWith(
      s.doc,
      propose(s.bob, [{ kind: 'modify-action', actionId: 'ghost', title: 'x' }]),
      'unknown-action',
    );
    refusedWith(s.doc, propose(s.bob, [{ kind: 'modify-action', actionId: 'a1' }]), 'invalid-input');
    // Cycles: direct self-dependency, two-step, and one built inside a single proposal.
    refusedWith(
      s.doc,
      propose(s.bob, [{ kind: 'modify-action', actionId: 'a1', dependsOn: ['a1'] }]),
      'dependency-cycle',
    );
    refusedWith(
      s.doc,
      propose(s.bob, [{ kind: 'modify-action', actionId: 'a1', dependsOn: ['a2'] }]),
      'dependency-cycle',
    );
    refusedWith(
      s.doc,
      propose(s.bob, [
        add('a3', s.provider, { dependsOn: ['a2'] }),
        { kind: 'modify-action', actionId: 'a1', dependsOn: ['a3'] },
      ]),
      'dependency-cycle',
    );
    refusedWith(s.doc, propose(s.bob, [{ kind: 'cancel-action', actionId: 'a1' }]), 'invalid-state');
    refusedWith(
      s.doc,
      propose(s.bob, [{ kind: 'set-sla-terms', terms: { ...airlineSla, atRiskThreshold: 2 } }]),
      'invalid-input',
    );
    refusedWith(
      s.doc,
      propose(s.bob, [{ kind: 'set-topic-state', topicId: 'nope', state: 'agreed' }]),
      'unknown-topic',
    );
    refusedWith(
      s.doc,
      propose(s.bob, [{ kind: 'set-data-item-value', itemId: 'nope', value: 1 }]),
      'unknown-data-item',
    );
    refusedWith(
      s.doc,
      () => proposeChange(s.bob, { changes: Array.from({ length: 51 }, (_, i) => add(`n${i}`, s.provider)) }),
      'invalid-input',
    );
    // A sequence inside one proposal is fine.
    must(
      proposeChange(s.bob, {
        changes: [add('b1', s.provider), add('b2', s.provider, { dependsOn: ['b1', 'a2'] })],
      }),
    );
    expect(selectActions(s.doc).find((a) => a.id === 'b2')?.dependsOn).toEqual(['a2', 'b1']);
  });

  test('modify/cancel touch the owner and the original proposer; reassigning touches both owners', () => {
    const s = scenario();
    const plan = must(proposeChange(s.alice, { changes: [add('fix', s.provider, { member: BOB })] }));
    must(accept(s.bob, { proposalId: plan.proposalId }));
    // Bob cannot drop a commitment the customer asked for on his own.
    const cancel = must(
      proposeChange(s.bob, { changes: [{ kind: 'cancel-action', actionId: 'fix', reason: 'out of scope' }] }),
    );
    expect(cancel.applied).toBe(false);
    expect(cancel.touched).toEqual([s.customer, s.provider].sort());
    must(reject(s.alice, { proposalId: cancel.proposalId, reason: 'still broken' }));
    expect(selectProposals(s.doc).find((p) => p.id === cancel.proposalId)?.status).toBe('rejected');
    expect(selectActions(s.doc)[0]?.status).toBe('agreed');
    const reassign = must(
      proposeChange(s.bob, { changes: [{ kind: 'modify-action', actionId: 'fix', party: s.partner }] }),
    );
    expect(reassign.touched).toEqual([s.customer, s.provider, s.partner].sort());
    must(accept(s.alice, { proposalId: reassign.proposalId }));
    must(accept(s.carol, { proposalId: reassign.proposalId }));
    // The assignee belonged to the old owner, so reassigning cleared it.
    expect(selectActions(s.doc)[0]).toMatchObject({ party: s.partner, member: null });
    const sla = must(proposeChange(s.bob, { changes: [{ kind: 'set-sla-terms', terms: airlineSla }] }));
    expect(sla.touched).toEqual([s.customer, s.provider, s.partner].sort());
  });
});

describe('answers', () => {
  test('accept/reject/counter/withdraw guard rails', () => {
    const s = scenario();
    const p = must(proposeChange(s.alice, { changes: [add('diag', s.provider)] }));
    refusedWith(s.doc, () => accept(s.alice, { proposalId: p.proposalId }), 'already-responded');
    refusedWith(s.doc, () => accept(s.carol, { proposalId: p.proposalId }), 'not-touched');
    refusedWith(s.doc, () => accept(s.dave, { proposalId: p.proposalId }), 'forbidden');
    refusedWith(s.doc, () => accept(s.bob, { proposalId: 'nope' }), 'unknown-proposal');
    refusedWith(s.doc, () => withdrawProposal(s.bob, { proposalId: p.proposalId }), 'forbidden');
    refusedWith(
      s.doc,
      () => counter(s.alice, { proposalId: p.proposalId, changes: [add('x', s.customer)] }),
      'already-responded',
    );
    refusedWith(s.doc, () => counter(s.bob, { proposalId: p.proposalId, changes: [] }), 'invalid-input');
    // Counter: the original closes as 'countered'; the counter needs the original proposer.
    const c = must(
      counter(s.bob, {
        proposalId: p.proposalId,
        note: 'Diagnostics need the serial first',
        changes: [add('serial', s.customer), add('diag2', s.provider, { dependsOn: ['serial'] })],
      }),
    );
    const views = new Map(selectProposals(s.doc).map((x) => [x.id, x]));
    expect(views.get(p.proposalId)?.status).toBe('countered');
    expect(views.get(p.proposalId)?.responses.find((r) => r.party === s.provider)).toMatchObject({
      verdict: 'countered',
      counterProposalId: c.proposalId,
    });
    expect(views.get(c.proposalId)).toMatchObject({
      counterOf: p.proposalId,
      status: 'pending',
      touched: [s.customer, s.provider].sort(),
    });
    expect(selectActions(s.doc).map((a) => a.id)).toEqual(['diag2', 'serial']);
    refusedWith(s.doc, () => accept(s.bob, { proposalId: p.proposalId }), 'proposal-closed');
    refusedWith(s.doc, () => reject(s.bob, { proposalId: p.proposalId }), 'proposal-closed');
    // Withdraw by the proposer; answers after that are refused.
    must(withdrawProposal(s.bob, { proposalId: c.proposalId }));
    refusedWith(s.doc, () => accept(s.alice, { proposalId: c.proposalId }), 'proposal-closed');
    refusedWith(s.doc, () => withdrawProposal(s.bob, { proposalId: c.proposalId }), 'proposal-closed');
    expect(selectActions(s.doc)).toEqual([]);
    // Rejected drafts stay visible as rejected history.
    const q = must(proposeChange(s.alice, { changes: [add('refund', s.provider)] }));
    must(reject(s.bob, { proposalId: q.proposalId }));
    expect(selectActions(s.doc).map((a) => [a.id, a.status])).toEqual([['refund', 'rejected']]);
  });

  test('an acceptance that would complete a stale proposal is refused', () => {
    const s = scenario();
    must(proposeChange(s.bob, { changes: [add('ship', s.provider)] }));
    const move = must(
      proposeChange(s.alice, {
        changes: [{ kind: 'modify-action', actionId: 'ship', dueAt: '2024-03-08T12:00:00Z' }],
      }),
    );
    must(
      proposeChange(s.bob, {
        changes: [{ kind: 'cancel-action', actionId: 'ship', reason: 'replaced by a refund' }],
      }),
    );
    refusedWith(s.doc, () => accept(s.bob, { proposalId: move.proposalId }), 'invalid-state');
    must(reject(s.bob, { proposalId: move.proposalId }));
  });

  test('concurrent acceptances on two peers: proposal shows accepted, then anyone applies it', () => {
    const s = scenario();
    const p = must(
      proposeChange(s.alice, {
        changes: [add('diag', s.provider), add('log', s.partner, { dependsOn: ['diag'] })],
      }),
    );
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(s.doc));
    must(accept(s.bob, { proposalId: p.proposalId }));
    expect(
      must(accept(makeCtx(peer, s.carol.actor, { idPrefix: 'cp' }), { proposalId: p.proposalId })).applied,
    ).toBe(false);
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(s.doc));
    Y.applyUpdate(s.doc, Y.encodeStateAsUpdate(peer));
    expect(selectProposals(s.doc)[0]?.status).toBe('accepted');
    expect(selectActions(s.doc).map((a) => a.status)).toEqual(['proposed', 'proposed']);
    refusedWith(s.doc, () => applyAcceptedProposal(s.dave, { proposalId: p.proposalId }), 'forbidden');
    must(applyAcceptedProposal(s.carol, { proposalId: p.proposalId }));
    expect(selectActions(s.doc).map((a) => a.status)).toEqual(['agreed', 'agreed']);
    refusedWith(s.doc, () => applyAcceptedProposal(s.carol, { proposalId: p.proposalId }), 'proposal-closed');
    const q = must(proposeChange(s.alice, { changes: [add('x', s.provider)] }));
    refusedWith(s.doc, () => applyAcceptedProposal(s.alice, { proposalId: q.proposalId }), 'not-accepted');
  });

  test('SLA terms change by accepted proposal', () => {
    const s = scenario();
    const p = must(proposeChange(s.bob, { changes: [{ kind: 'set-sla-terms', terms: airlineSla }] }));
    must(accept(s.alice, { proposalId: p.proposalId }));
    expect(selectSlaTerms(s.doc)).toBeNull();
    must(accept(s.carol, { proposalId: p.proposalId }));
    expect(
      selectSlaTerms(s.doc)?.targets.find((t) => t.category === 'lost-pet' && t.priority === 'normal')
        ?.minutes,
    ).toBe(120);
  });
});
