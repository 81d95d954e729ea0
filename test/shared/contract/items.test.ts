import { describe, expect, test } from 'vitest';
import {
  accept,
  addDataItem,
  addTopic,
  proposeChange,
  selectActions,
  selectDataItems,
  selectTopics,
  setActionStatus,
  setDataItemValue,
  setTopicState,
} from '../../../shared/contract';
import { BOB, must, refusedWith, scenario } from './helpers';

describe('topics', () => {
  test('negotiators raise topics; raiser withdraws, anyone reopens, agreeing needs a proposal', () => {
    const s = scenario();
    const { topicId } = must(addTopic(s.bob, { title: 'Replace the boot chip' }));
    refusedWith(s.doc, () => addTopic(s.dave, { title: 'Observer topic' }), 'forbidden');
    refusedWith(s.doc, () => addTopic(s.alice, { title: '' }), 'invalid-input');
    expect(selectTopics(s.doc)).toMatchObject([
      { id: topicId, state: 'open', party: s.provider, createdBy: BOB },
    ]);
    refusedWith(s.doc, () => setTopicState(s.alice, { topicId, state: 'closed' }), 'forbidden');
    refusedWith(s.doc, () => setTopicState(s.bob, { topicId, state: 'agreed' }), 'forbidden');
    refusedWith(s.doc, () => setTopicState(s.bob, { topicId: 'nope', state: 'closed' }), 'unknown-topic');
    refusedWith(s.doc, () => setTopicState(s.bob, { topicId, state: 'done' as never }), 'invalid-input');
    must(setTopicState(s.bob, { topicId, state: 'closed' }));
    expect(selectTopics(s.doc)[0]).toMatchObject({ state: 'closed', updatedBy: BOB });
    must(setTopicState(s.carol, { topicId, state: 'open' }));
    expect(must(setTopicState(s.carol, { topicId, state: 'open' })).changed).toBe(false);
    // 'agreed' through a proposal touching every negotiating party.
    const p = must(
      proposeChange(s.alice, { changes: [{ kind: 'set-topic-state', topicId, state: 'agreed' }] }),
    );
    expect(p.touched).toEqual([s.customer, s.provider, s.partner].sort());
    must(accept(s.bob, { proposalId: p.proposalId }));
    expect(selectTopics(s.doc)[0]?.state).toBe('open');
    expect(must(accept(s.carol, { proposalId: p.proposalId })).applied).toBe(true);
    expect(selectTopics(s.doc)[0]?.state).toBe('agreed');
  });
});

describe('data items', () => {
  test('owned by the adding party, typed values checked, only the owner fills them', () => {
    const s = scenario();
    const serial = must(addDataItem(s.alice, { label: 'Serial number', kind: 'text' })).itemId;
    const flight = must(
      addDataItem(s.alice, { id: 'flight-date', label: 'Date of flight', kind: 'date', value: '2024-03-01' }),
    ).itemId;
    const os = must(
      addDataItem(s.carol, { label: 'OS build', kind: 'choice', choices: ['22H2', '23H2'] }),
    ).itemId;
    const price = must(
      addDataItem(s.bob, { label: 'Monthly price (GBP)', kind: 'number', value: 29.99 }),
    ).itemId;
    const photo = must(addDataItem(s.alice, { label: 'Photo of the screen', kind: 'attachment' })).itemId;
    const warranty = must(
      addDataItem(s.bob, { label: 'Under warranty', kind: 'boolean', value: true }),
    ).itemId;
    expect(flight).toBe('flight-date');
    refusedWith(
      s.doc,
      () => addDataItem(s.alice, { id: 'flight-date', label: 'Again', kind: 'text' }),
      'duplicate-id',
    );
    refusedWith(s.doc, () => addDataItem(s.dave, { label: 'Observer item', kind: 'text' }), 'forbidden');
    refusedWith(s.doc, () => addDataItem(s.alice, { label: 'X', kind: 'colour' as never }), 'invalid-input');
    refusedWith(s.doc, () => addDataItem(s.alice, { label: 'X', kind: 'choice' }), 'invalid-input');
    refusedWith(
      s.doc,
      () => addDataItem(s.alice, { label: 'X', kind: 'choice', choices: ['a', 'a'] }),
      'invalid-input',
    );
    refusedWith(
      s.doc,
      () => addDataItem(s.alice, { label: 'X', kind: 'text', choices: ['a'] }),
      'invalid-input',
    );
    refusedWith(
      s.doc,
      () => addDataItem(s.alice, { label: 'X', kind: 'date', value: '2024-02-30' }),
      'malformed-date',
    );

    must(setDataItemValue(s.alice, { itemId: serial, value: 'NW15-88231' }));
    must(setDataItemValue(s.carol, { itemId: os, value: '23H2' }));
    must(setDataItemValue(s.alice, { itemId: photo, value: 'ab'.repeat(32) }));
    refusedWith(s.doc, () => setDataItemValue(s.bob, { itemId: serial, value: 'tampered' }), 'forbidden');
    refusedWith(s.doc, () => setDataItemValue(s.carol, { itemId: os, value: '24H2' }), 'invalid-input');
    refusedWith(s.doc, () => setDataItemValue(s.bob, { itemId: price, value: Number.NaN }), 'invalid-input');
    refusedWith(s.doc, () => setDataItemValue(s.bob, { itemId: price, value: '30' }), 'invalid-input');
    refusedWith(s.doc, () => setDataItemValue(s.bob, { itemId: warranty, value: 'yes' }), 'invalid-input');
    refusedWith(
      s.doc,
      () => setDataItemValue(s.alice, { itemId: flight, value: '01/03/2024' }),
      'malformed-date',
    );
    refusedWith(
      s.doc,
      () => setDataItemValue(s.alice, { itemId: photo, value: 'AB'.repeat(32) }),
      'invalid-input',
    );
    refusedWith(s.doc, () => setDataItemValue(s.alice, { itemId: 'nope', value: 'x' }), 'unknown-data-item');
    expect(must(setDataItemValue(s.alice, { itemId: serial, value: 'NW15-88231' })).changed).toBe(false);
    const items = new Map(selectDataItems(s.doc).map((d) => [d.id, d]));
    expect(items.get(serial)).toMatchObject({ value: 'NW15-88231', party: s.customer, kind: 'text' });
    expect(items.get(os)).toMatchObject({ value: '23H2', choices: ['22H2', '23H2'], party: s.partner });
    expect(items.get(price)?.value).toBe(29.99);
    expect(items.get(warranty)?.value).toBe(true);
    // Asking another party for an item takes a proposal that party accepts.
    const ask = must(
      proposeChange(s.bob, {
        changes: [
          {
            kind: 'add-data-item',
            item: { id: 'bios', label: 'BIOS version', kind: 'text', party: s.customer },
          },
        ],
      }),
    );
    expect(ask.touched).toEqual([s.customer, s.provider].sort());
    must(accept(s.alice, { proposalId: ask.proposalId }));
    must(setDataItemValue(s.alice, { itemId: 'bios', value: '1.0.7' }));
    expect(selectDataItems(s.doc).find((d) => d.id === 'bios')).toMatchObject({
      party: s.customer,
      value: '1.0.7',
      createdBy: BOB,
    });
  });
});

describe('action progress', () => {
  test('only the owner party reports progress; cancelled actions stay cancelled', () => {
    const s = scenario();
    must(
      proposeChange(s.bob, {
        changes: [
          { kind: 'add-action', action: { id: 'diag', title: 'Run diagnostics', party: s.provider } },
        ],
      }),
    );
    expect(selectActions(s.doc)[0]).toMatchObject({ id: 'diag', status: 'agreed', source: 'terms' });
    refusedWith(s.doc, () => setActionStatus(s.alice, { actionId: 'diag', status: 'done' }), 'forbidden');
    refusedWith(s.doc, () => setActionStatus(s.bob, { actionId: 'nope', status: 'done' }), 'unknown-action');
    refusedWith(
      s.doc,
      () => setActionStatus(s.bob, { actionId: 'diag', status: 'cancelled' as never }),
      'invalid-input',
    );
    must(setActionStatus(s.bob, { actionId: 'diag', status: 'in-progress' }));
    must(setActionStatus(s.bob, { actionId: 'diag', status: 'done' }));
    expect(selectActions(s.doc)[0]).toMatchObject({ status: 'done', updatedBy: BOB });
    must(
      proposeChange(s.bob, {
        changes: [{ kind: 'add-action', action: { id: 'ship', title: 'Ship board', party: s.provider } }],
      }),
    );
    const cancel = must(
      proposeChange(s.bob, { changes: [{ kind: 'cancel-action', actionId: 'ship', reason: 'not needed' }] }),
    );
    expect(cancel.applied).toBe(true);
    refusedWith(
      s.doc,
      () => setActionStatus(s.bob, { actionId: 'ship', status: 'in-progress' }),
      'invalid-state',
    );
  });
});
