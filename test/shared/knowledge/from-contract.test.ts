/**
 * The adapters fed from a real contract document (Yjs + the contract's commands and
 * selectors): a resolved "customer volleyball" case becomes a knowledge-index entry and a
 * template.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  accept,
  addDataItem,
  addParty,
  addTopic,
  createCase,
  joinViaInvite,
  proposeChange,
  selectContract,
  setActionStatus,
  setStatus,
} from '../../../shared/contract';
import type { CommandContext, Result, SlaTerms } from '../../../shared/contract';
import { sodiumReady } from '../../../shared/crypto/sodium';
import {
  knowledgeCaseFromSnapshot,
  templateSourceFromSnapshot,
} from '../../../shared/knowledge/from-contract';
import { KnowledgeIndex } from '../../../shared/knowledge/knowledge-index';
import { templateFromCase } from '../../../shared/knowledge/template';

function ctx(doc: Y.Doc, actor: string, prefix: string): CommandContext {
  let t = Date.parse('2024-06-03T07:00:00Z'); // Monday 09:00 in Berlin
  let n = 0;
  return { doc, actor, now: () => (t += 60_000), newId: () => `${prefix}-${++n}` };
}
function must<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error}: ${result.message}`);
  return result.value;
}

const office = [{ start: 540, end: 1020 }];
const sla: SlaTerms = {
  targets: [{ id: 'res', kind: 'resolution', priority: 'normal', minutes: 960, committedBy: 'provider' }],
  calendar: {
    timeZone: 'Europe/Berlin',
    week: [[], office, office, office, office, office, []],
    holidays: [],
  },
  pausedStatuses: ['waiting'],
  atRiskThreshold: 0.75,
  escalations: [],
};

function resolvedCase() {
  const doc = new Y.Doc();
  const alice = ctx(doc, 'ed25519-alice', 'a');
  const bob = ctx(doc, 'ed25519-bob', 'b');
  const { partyId: customer } = must(
    createCase(alice, {
      title: 'Laptop does not boot after BIOS update',
      summary: 'Black screen and three beeps after the vendor BIOS update.',
      category: 'hardware fault',
      party: { name: 'Alice Smith', kind: 'person', role: 'customer' },
      member: { displayName: 'Alice Smith' },
      sla,
    }),
  );
  const { partyId: provider } = must(addParty(alice, { name: 'Northwind PCs', role: 'provider' }));
  must(
    joinViaInvite(bob, {
      party: provider,
      invitedBy: 'ed25519-alice',
      displayName: 'Bob',
      organisation: 'Northwind',
    }),
  );
  const { topicId } = must(addTopic(bob, { title: 'replace the boot chip' }));
  must(addDataItem(alice, { label: 'Serial number', kind: 'text', value: 'AX14-99812' }));
  const proposed = must(
    proposeChange(bob, {
      changes: [
        {
          kind: 'add-action',
          action: {
            id: 'diag',
            title: 'Run diagnostics',
            party: provider,
            dueAt: '2024-06-03T13:00:00+02:00',
          },
        },
        {
          kind: 'add-action',
          action: {
            id: 'ship',
            title: 'Ship new board',
            party: provider,
            dependsOn: ['diag'],
            topic: topicId,
          },
        },
        { kind: 'add-action', action: { id: 'photo', title: 'Send a photo of the screen', party: customer } },
      ],
    }),
  );
  if (!proposed.applied) must(accept(alice, { proposalId: proposed.proposalId }));
  must(setActionStatus(bob, { actionId: 'diag', status: 'done' }));
  must(setActionStatus(bob, { actionId: 'ship', status: 'done' }));
  must(setStatus(bob, { status: 'resolved' }));
  return selectContract(doc);
}

let snapshot: ReturnType<typeof selectContract>;
beforeAll(async () => {
  await sodiumReady(); // the selectors hash the terms
  snapshot = resolvedCase();
});

describe('knowledge from a contract snapshot', () => {
  it('indexes the case with its topics, data items and agreed actions', () => {
    const entry = knowledgeCaseFromSnapshot(snapshot, {
      problem: 'Three beeps at boot after BIOS update',
      cause: 'Faulty boot chip',
      fix: 'Replaced the boot chip',
      resolvedAt: Date.parse('2024-06-04T10:00:00Z'),
    });
    expect(entry).toMatchObject({
      title: 'Laptop does not boot after BIOS update',
      status: 'resolved',
      category: 'hardware fault',
      topics: ['replace the boot chip'],
      dataItems: [{ label: 'Serial number', value: 'AX14-99812' }],
    });
    expect(entry?.actions.map((a) => a.title).sort()).toEqual([
      'Run diagnostics',
      'Send a photo of the screen',
      'Ship new board',
    ]);
    const index = KnowledgeIndex.create();
    expect(entry && index.upsert(entry).ok).toBe(true);
    expect(
      index.similarResolved({ title: 'PC beeps three times and will not start' })[0]?.snippet?.field,
    ).toBe('problem');
  });

  it('saves the process as a template with roles for parties and no data values', () => {
    const source = templateSourceFromSnapshot(snapshot);
    if (!source) throw new Error('no case');
    const result = templateFromCase(source, { id: 'tpl-boot', name: 'PC will not boot' });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const { template } = result;
    const byTitle = new Map(template.actions.map((a) => [a.title, a]));
    const roleOf = new Map(template.parties.map((p) => [p.key, p.role]));
    expect(template.parties.map((p) => [p.name, p.role])).toEqual([
      ['Customer', 'customer'],
      ['Northwind PCs', 'provider'],
    ]);
    expect(roleOf.get(byTitle.get('Run diagnostics')?.party ?? '')).toBe('provider');
    expect(byTitle.get('Run diagnostics')).toMatchObject({
      due: { unit: 'business-minutes' },
    });
    expect(byTitle.get('Ship new board')).toMatchObject({
      dependsOn: [byTitle.get('Run diagnostics')?.key],
      topic: 'replace the boot chip',
    });
    expect(roleOf.get(byTitle.get('Send a photo of the screen')?.party ?? '')).toBe('customer');
    expect(template.dataItems).toEqual([
      { key: 'd1', label: 'Serial number', kind: 'text', choices: null, party: template.parties[0]?.key },
    ]);
    expect(JSON.stringify(template)).not.toContain('AX14-99812');
    expect(template.sla?.calendar.timeZone).toBe('Europe/Berlin');
  });

  it('gives nothing for a document without a case', () => {
    const empty = selectContract(new Y.Doc());
    expect(knowledgeCaseFromSnapshot(empty, null)).toBeNull();
    expect(templateSourceFromSnapshot(empty)).toBeNull();
  });
});
