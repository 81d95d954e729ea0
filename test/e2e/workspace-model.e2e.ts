/**
 * The pure read models behind the screens, on the founding-story case built with real commands
 * (test/e2e/workbench/demo-case.ts): agreement sentences, what waits on whom, the terms diff,
 * the inbox's search and order, summary edits, data values, proposal drafts and event words.
 * No browser: these run in Node with the e2e suite, next to the screens they feed.
 */
import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { editSummary } from '../../shared/contract/commands/case';
import { selectContract } from '../../shared/contract/selectors';
import { sodiumReady } from '../../shared/crypto/sodium';
import type { CaseSession } from '../../renderer/src/core/case-session';
import { compareRows, inboxRow, matches, NO_FILTERS } from '../../renderer/src/screens/inbox/inbox-model';
import { agreementSentence, caseModel, waitingOnMe } from '../../renderer/src/workspace/case-model';
import { parseDataValue } from '../../renderer/src/workspace/DataValueInput';
import { eventWords } from '../../renderer/src/workspace/event-words';
import { summaryEdit } from '../../renderer/src/workspace/OverviewPanel';
import { changeFromDraft, emptyDraft } from '../../renderer/src/workspace/propose-draft';
import { diffTerms, termsFromSnapshot } from '../../renderer/src/workspace/terms-diff';
import { buildDemoCase, type DemoCase } from './workbench/demo-case';
import { LocalCaseSession } from './workbench/local-session';

let demo: DemoCase;

beforeAll(async () => {
  await sodiumReady();
  demo = buildDemoCase('full');
});

function sessionAs(who: keyof DemoCase['people']): CaseSession {
  const sync = {
    state: 'connected' as const,
    peers: 1,
    signaling: { connected: 1, total: 1 },
    lastSyncedAt: null,
  };
  return new LocalCaseSession(demo.doc, demo.people[who], demo.genesis, { sync, present: [], rejected: [] });
}

describe('case model', () => {
  it('says where the agreement stands and who still has to sign', () => {
    const model = caseModel(selectContract(demo.doc), demo.people.agent.id);
    expect(agreementSentence(model).text).toBe('Terms changed since version 1 — version 2 not signed yet');
  });

  it('lists what waits on each party: the engineer must answer the counter-proposal', () => {
    const snapshot = selectContract(demo.doc);
    const engineer = waitingOnMe(caseModel(snapshot, demo.people.engineer.id)).map((w) => w.kind);
    const agent = waitingOnMe(caseModel(snapshot, demo.people.agent.id)).map((w) => w.kind);
    expect(engineer).toContain('answer');
    expect(agent).not.toContain('answer');
    expect(agent).toContain('sign');
  });

  it('words system events with names and statuses', () => {
    const snapshot = selectContract(demo.doc);
    const model = caseModel(snapshot, demo.people.agent.id);
    const words = snapshot.messages.flatMap((m) => (m.kind === 'system' ? [eventWords(m, model)] : []));
    expect(words).toContain('set the status to in progress');
    expect(words).toContain('marked “Collect the boot log with the recovery stick” as done');
    expect(words).toContain("countered Contoso OS' proposal");
    expect(words).toContain('brought Sam Carter into the case as customer');
    expect(words.some((w) => /in-progress|"/.test(w))).toBe(false);
  });
});

describe('terms diff', () => {
  it('reports exactly the data item value that changed since version 1', () => {
    const snapshot = selectContract(demo.doc);
    const session = sessionAs('agent') as LocalCaseSession;
    const v1 = session.versionTerms(1);
    const now = termsFromSnapshot(snapshot);
    if (!v1 || !now) throw new Error('version 1 and the current terms must both be known');
    const lines = diffTerms(v1, now);
    expect(lines).toEqual([
      {
        section: 'Data items',
        kind: 'changed',
        text: '“Boot chip firmware” (Contoso OS): not provided → 1.04 (recalled)',
      },
    ]);
    expect(diffTerms(now, now)).toEqual([]);
  });
});

describe('inbox rows', () => {
  it('searches title, parties and people, filters on waiting-on-me, and puts what waits on me first', () => {
    const engineer = inboxRow(sessionAs('engineer'), undefined);
    expect(engineer.waiting.length).toBeGreaterThan(0);
    expect(engineer.unread).toBeGreaterThan(0);
    expect(matches(engineer, { ...NO_FILTERS, query: 'contoso boot' })).toBe(true);
    expect(matches(engineer, { ...NO_FILTERS, query: 'baggage' })).toBe(false);
    expect(matches(engineer, { ...NO_FILTERS, status: 'resolved' })).toBe(false);
    expect(matches(engineer, { ...NO_FILTERS, role: 'partner' })).toBe(true);
    expect(matches(engineer, { ...NO_FILTERS, role: 'customer' })).toBe(false);
    const idle = { ...engineer, waiting: [], caseId: 'other' };
    expect([idle, engineer].sort(compareRows)[0]).toBe(engineer);
    expect(matches(idle, { ...NO_FILTERS, waitingOnMe: true })).toBe(false);
    const seenAll = inboxRow(sessionAs('engineer'), Number.MAX_SAFE_INTEGER);
    expect(seenAll.unread).toBe(0);
  });
});

describe('forms', () => {
  it('edits the summary with the smallest change, which merges with a concurrent edit', () => {
    expect(summaryEdit('The PC fails.', 'The new PC fails.')).toEqual({
      index: 4,
      deleteCount: 0,
      insert: 'new ',
    });
    expect(summaryEdit('abc', 'abc')).toEqual({ index: 3, deleteCount: 0, insert: '' });
    expect(summaryEdit('aXc', 'aYc')).toEqual({ index: 1, deleteCount: 1, insert: 'Y' });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(demo.doc));
    const before = selectContract(doc).case?.summary ?? '';
    const edit = summaryEdit(before, `${before} Update: loader error 0x1F.`);
    const r = editSummary(
      { doc, actor: demo.people.agent.id, now: () => Date.now(), newId: () => 'x1' },
      edit,
    );
    expect(r.ok).toBe(true);
    expect(selectContract(doc).case?.summary).toBe(`${before} Update: loader error 0x1F.`);
  });

  it('reads typed data values and says what is wrong in words', () => {
    expect(parseDataValue({ kind: 'number', choices: null, label: 'Weight' }, '3,5')).toEqual({ value: 3.5 });
    expect(parseDataValue({ kind: 'number', choices: null, label: 'Weight' }, 'heavy')).toEqual({
      problem: '“Weight” takes a number, for example 42 or 3.5.',
    });
    expect(parseDataValue({ kind: 'boolean', choices: null, label: 'Warranty' }, 'no')).toEqual({
      value: false,
    });
    expect(parseDataValue({ kind: 'text', choices: null, label: 'Serial' }, '  ')).toEqual({ value: null });
  });

  it('turns a proposal draft into a change, or names what is missing', () => {
    const model = caseModel(selectContract(demo.doc), demo.people.engineer.id);
    const draft = emptyDraft(model, 'add-action');
    expect(changeFromDraft(draft)).toEqual({
      problem: 'Give the action a title, for example “Run the boot diagnostics”.',
    });
    const built = changeFromDraft({ ...draft, title: 'Run the vendor diagnostic', due: '2030-01-02T09:30' });
    expect('change' in built && built.change.kind).toBe('add-action');
    if ('change' in built && built.change.kind === 'add-action') {
      expect(built.change.action.dueAt).toBe(new Date('2030-01-02T09:30').toISOString());
      expect(built.change.action.party).not.toBe(model.myParty);
    }
    expect(
      changeFromDraft({
        ...draft,
        kind: 'add-data-item',
        label: 'Colour',
        dataKind: 'choice',
        choices: 'red',
      }),
    ).toEqual({
      problem: 'List at least two choices, one per line.',
    });
  });
});
