/**
 * Builds, with ordinary commands and a deterministic context, the case whose terms are pinned in
 * test/vectors/terms-hash.json. Strings include non-ASCII, quotes, a newline and an emoji so the
 * vector pins RFC 8785 string escaping; numbers include a decimal and large millisecond times.
 */
import * as Y from 'yjs';
import {
  accept,
  addDataItem,
  addParty,
  addTopic,
  createCase,
  joinViaInvite,
  proposeChange,
  setActionStatus,
  setDataItemValue,
} from '../../../shared/contract';
import { airlineSla } from './fixtures';
import { makeCtx, must } from './helpers';

/** The document and the update each command produced, in order. */
export function buildVectorDoc(): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const zoe = makeCtx(doc, 'ed25519-zoe', { idPrefix: 'z', start: Date.UTC(2024, 2, 4, 9) });
  const bob = makeCtx(doc, 'ed25519-bob', { idPrefix: 'b', start: Date.UTC(2024, 2, 4, 10) });
  const { partyId: customer } = must(
    createCase(zoe, {
      title: 'Lost cat on flight CP 118',
      party: { name: 'Zoë Ångström', kind: 'person', role: 'customer' },
      member: { displayName: 'Zoë Ångström' },
      category: 'lost-pet',
    }),
  );
  const { partyId: airline } = must(addParty(zoe, { name: 'Casepact Air "Care" desk', role: 'provider' }));
  must(addParty(zoe, { name: 'Pet travel ombudsman', role: 'observer' }));
  must(joinViaInvite(bob, { party: airline, invitedBy: 'ed25519-zoe', displayName: 'Bob' }));
  const { topicId } = must(addTopic(zoe, { title: 'Find Minou 🐈' }));
  must(addDataItem(zoe, { id: 'tag', label: 'Crate tag', kind: 'text', value: 'CP118\nAMS→LHR' }));
  must(addDataItem(zoe, { id: 'flown', label: 'Date of flight', kind: 'date', value: '2024-03-03' }));
  must(addDataItem(bob, { id: 'fee', label: 'Pet fee refund (EUR)', kind: 'number', value: 29.99 }));
  must(addDataItem(bob, { id: 'found', label: 'Pet located', kind: 'boolean', value: false }));
  must(addDataItem(bob, { id: 'hold', label: 'Where', kind: 'choice', choices: ['AMS', 'LHR'] }));
  must(setDataItemValue(bob, { itemId: 'hold', value: 'LHR' }));
  const plan = must(
    proposeChange(zoe, {
      changes: [
        {
          kind: 'add-action',
          action: {
            id: 'search',
            title: 'Search the LHR animal reception centre',
            party: airline,
            dueAt: '2024-03-04T12:00:00+01:00',
            topic: topicId,
          },
        },
        {
          kind: 'add-action',
          action: {
            id: 'call',
            title: 'Call the owner back',
            party: airline,
            member: 'ed25519-bob',
            dependsOn: ['search'],
          },
        },
        { kind: 'add-action', action: { id: 'photo', title: 'Send a photo of the crate', party: customer } },
        { kind: 'add-action', action: { id: 'fax', title: 'Fax the claim form', party: customer } },
        { kind: 'set-sla-terms', terms: airlineSla },
      ],
    }),
  );
  must(accept(bob, { proposalId: plan.proposalId }));
  must(setActionStatus(bob, { actionId: 'search', status: 'in-progress' }));
  must(
    proposeChange(zoe, { changes: [{ kind: 'cancel-action', actionId: 'fax', reason: 'photo is enough' }] }),
  );
  return { doc, updates };
}
