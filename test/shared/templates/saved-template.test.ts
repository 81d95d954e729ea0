/**
 * "Save as template" end to end in the domain: a case started from the shipped hardware-fault
 * template is negotiated, worked and resolved; saved as a template (through the file format);
 * and a new case started from the saved template has the same process — parties as roles,
 * actions in dependency order with their dependencies and relative deadlines, empty data items,
 * the same SLA terms — as a case started from the shipped template.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
  accept,
  type ContractSnapshot,
  joinViaInvite,
  resolveCase,
  selectContract,
  setActionStatus,
  setDataItemValue,
} from '../../../shared/contract';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { templateSourceFromSnapshot } from '../../../shared/knowledge/from-contract';
import {
  type ProcessTemplate,
  templateErrorSentence,
  templateFromCase,
} from '../../../shared/knowledge/template';
import {
  parseProcessTemplate,
  readProcessTemplate,
  templateIdFor,
  writeProcessTemplate,
} from '../../../shared/knowledge/template-file';
import { compileCalendar } from '../../../shared/sla/calendar';
import { createCaseFromTemplate, findTemplate, TEMPLATES } from '../../../shared/templates';
import { caseTemplateFromSaved } from '../../../shared/templates/saved-template';
import { makeCtx, must, refusedWith } from '../contract/helpers';
import { watchRights } from '../contract/rights-watch';

beforeAll(async () => {
  await sodiumReady();
});

const SHIPPED = 'hardware-fault-second-vendor';
const MONDAY = Date.parse('2024-06-03T15:00:00Z'); // 10:00 in Chicago
const THURSDAY = Date.parse('2024-06-13T22:30:00Z'); // 17:30 in Chicago, late in the working day

/** A hardware-fault case: everyone joins and accepts the plan, work is done, the agent resolves it. */
function resolvedHardwareCase(): ContractSnapshot {
  const doc = new Y.Doc();
  const agent = makeCtx(doc, 'ed25519-agent', { idPrefix: 'ag', start: MONDAY });
  const made = must(
    createCaseFromTemplate(agent, {
      templateId: SHIPPED,
      as: 'pc-maker',
      title: 'Desktop stops at a black screen',
      partyNames: {
        'pc-maker': 'Northwind PCs',
        'os-vendor': 'Contoso OS',
        'chip-maker': 'Fabrikam Silicon',
        customer: 'Jane Doe',
      },
      member: { displayName: 'Sam' },
    }),
  );
  const others = (['customer', 'os-vendor', 'chip-maker'] as const).map((key) => {
    const ctx = makeCtx(doc, `ed25519-${key}`, { idPrefix: key, start: MONDAY + 60_000 });
    must(
      joinViaInvite(ctx, { party: made.partyIds[key] as string, invitedBy: agent.actor, displayName: key }),
    );
    must(accept(ctx, { proposalId: made.planProposalId as string }));
    return ctx;
  });
  const customer = others[0];
  if (!customer) throw new Error('no customer');
  must(setDataItemValue(customer, { itemId: made.dataItemIds.serial as string, value: 'AX14-99812' }));
  must(setActionStatus(customer, { actionId: made.actionIds.report as string, status: 'done' }));
  must(setActionStatus(agent, { actionId: made.actionIds.diagnose as string, status: 'done' }));
  must(resolveCase(agent, { problem: 'Black screen', fix: 'Replaced the boot chip' }));
  return selectContract(doc);
}

function saveAsTemplate(snapshot: ContractSnapshot, name: string): ProcessTemplate {
  const source = templateSourceFromSnapshot(snapshot);
  if (!source) throw new Error('no case');
  const id = templateIdFor(
    name,
    TEMPLATES.map((t) => t.id),
  );
  const saved = templateFromCase(source, { id, name, description: 'Saved after the Northwind case' });
  if (!saved.ok) throw new Error(templateErrorSentence(saved.error));
  // Through the file format, as the app and the CLI store it.
  const read = readProcessTemplate(writeProcessTemplate(saved.template));
  if (!read.ok) throw new Error(JSON.stringify(read.error));
  expect(read.template).toEqual(saved.template);
  return read.template;
}

/** Each action's deadline as working minutes of the case's SLA calendar after the case's creation. */
function workingDeadlines(s: ContractSnapshot): Record<string, number | null> {
  const calendar = s.sla ? compileCalendar(s.sla.calendar) : undefined;
  if (!calendar?.ok || !s.case) throw new Error('no calendar');
  const created = s.case.createdAt;
  return Object.fromEntries(
    s.actions.map((a) => [
      a.title,
      a.dueAt === null ? null : Math.round(calendar.calendar.minutesBetween(created, a.dueAt)),
    ]),
  );
}

/** The process of a case, independent of ids and of when it was created. */
function processOf(s: ContractSnapshot) {
  if (!s.case) throw new Error('no case');
  const roleOf = new Map(s.parties.map((p) => [p.id, p.role]));
  const titleOf = new Map(s.actions.map((a) => [a.id, a.title]));
  const topicOf = new Map(s.topics.map((t) => [t.id, t.title]));
  return {
    priority: s.case.priority,
    category: s.case.category,
    parties: s.parties.map((p) => `${p.role}/${p.kind}`).sort(),
    topics: s.topics.map((t) => t.title).sort(),
    dataItems: s.dataItems
      .map((d) => ({
        label: d.label,
        kind: d.kind,
        choices: d.choices,
        owner: roleOf.get(d.party),
        value: d.value,
      }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    actions: s.actions
      .map((a) => ({
        title: a.title,
        description: a.description,
        owner: roleOf.get(a.party),
        after: a.dependsOn.map((d) => titleOf.get(d)).sort(),
        topic: a.topic === null ? null : topicOf.get(a.topic),
        hasDeadline: a.dueAt !== null,
      }))
      .sort((a, b) => a.title.localeCompare(b.title)),
    sla: s.sla,
  };
}

describe('a resolved case saved as a template starts a new case like a shipped template', () => {
  let resolved: ContractSnapshot;
  let saved: ProcessTemplate;
  beforeAll(() => {
    resolved = resolvedHardwareCase();
    saved = saveAsTemplate(resolved, 'PC will not boot (second vendor)');
  });

  test('the template holds the agreed plan in dependency order, roles for parties, no values', () => {
    expect(saved.id).toBe('pc-will-not-boot-second-vendor');
    const shipped = findTemplate(SHIPPED);
    expect(saved.actions.map((a) => a.title).sort()).toEqual(shipped?.actions.map((a) => a.title).sort());
    // Every dependency points at an action listed before it.
    const seen = new Set<string>();
    for (const action of saved.actions) {
      for (const dep of action.dependsOn) expect(seen.has(dep)).toBe(true);
      seen.add(action.key);
    }
    // The person's name (Jane Doe) is replaced by the role; organisations keep theirs as defaults.
    expect(saved.parties.map((p) => `${p.name} (${p.role})`).sort()).toEqual([
      'Contoso OS (partner)',
      'Customer (customer)',
      'Fabrikam Silicon (partner)',
      'Northwind PCs (provider)',
    ]);
    expect(JSON.stringify(saved)).not.toMatch(/AX14|Jane Doe|Black screen/);
    expect(saved.sla).toEqual(resolved.sla);
  });

  test('a case from the saved template equals one from the shipped template, in one rights-checked transaction', () => {
    const fromShipped = new Y.Doc();
    must(
      createCaseFromTemplate(makeCtx(fromShipped, 'ed25519-next', { start: THURSDAY }), {
        templateId: SHIPPED,
        as: 'pc-maker',
        title: 'Another PC will not boot',
        member: { displayName: 'Sam' },
      }),
    );
    const doc = new Y.Doc();
    const watch = watchRights(doc);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const template = caseTemplateFromSaved(saved);
    const provider = saved.parties.find((p) => p.role === 'provider')?.key as string;
    const made = must(
      createCaseFromTemplate(makeCtx(doc, 'ed25519-next', { start: THURSDAY }), {
        template,
        as: provider,
        title: 'Another PC will not boot',
        member: { displayName: 'Sam' },
      }),
    );
    expect(updates).toHaveLength(1);
    expect(watch.violations).toEqual([]);
    const next = selectContract(doc);
    expect(next.case?.templateId).toBe(saved.id);
    expect(processOf(next)).toEqual(processOf(selectContract(fromShipped)));
    // Deadlines keep the working time the resolved case gave each action, counted from the new
    // case's creation in the same calendar (the saved case's own clock, not the wall clock).
    expect(workingDeadlines(next)).toEqual(workingDeadlines(resolved));
    // Data items are empty again; the old case's serial number is not there.
    expect(next.dataItems.every((d) => d.value === null)).toBe(true);
    // The plan is the creator's opening proposal, in the template's (dependency) order.
    const plan = next.proposals.find((p) => p.id === made.planProposalId);
    expect(plan?.changes.map((c) => (c.kind === 'add-action' ? c.action.title : c.kind))).toEqual(
      saved.actions.map((a) => a.title),
    );
    // 4 working hours (08:00–20:00 in Chicago) from Thursday 17:30: 2.5 h on Thursday, 1.5 h on
    // Friday, so Friday 09:30 (one second later: the test clock ticks once).
    const report = next.actions.find((a) => a.title.startsWith('Send the serial number'));
    expect(report?.dueAt).toBe(Date.parse('2024-06-14T14:30:01Z'));
    expect(made.planApplied).toBe(false);
  });

  test('an unresolved case is refused with a sentence', () => {
    const open = {
      ...resolved,
      case: resolved.case ? { ...resolved.case, status: 'in-progress' as const } : null,
    };
    const source = templateSourceFromSnapshot(open);
    if (!source) throw new Error('no case');
    const result = templateFromCase(source, { id: 'x', name: 'X' });
    expect(result).toEqual({ ok: false, error: { code: 'not-resolved', status: 'in-progress' } });
    if (!result.ok)
      expect(templateErrorSentence(result.error)).toBe(
        'Only a resolved or closed case can be saved as a template; this one is in-progress.',
      );
  });

  test('a working-time deadline without a calendar is refused and writes nothing', () => {
    const doc = new Y.Doc();
    refusedWith(
      doc,
      () =>
        createCaseFromTemplate(makeCtx(doc, 'ed25519-next'), {
          template: caseTemplateFromSaved({ ...saved, sla: null }),
          as: 'p2',
          title: 'No calendar',
          member: { displayName: 'Sam' },
        }),
      'invalid-input',
    );
  });
});

describe('template file format v1 (docs/process-template.md)', () => {
  const vector = readFileSync('test/vectors/process-template-v1.json', 'utf8');

  test('the test vector parses and starts a case with its actions, data items and SLA terms', () => {
    const read = readProcessTemplate(vector);
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    expect(writeProcessTemplate(read.template)).toBe(vector);
    const doc = new Y.Doc();
    must(
      createCaseFromTemplate(makeCtx(doc, 'ed25519-v', { start: Date.parse('2024-06-03T06:00:00Z') }), {
        template: caseTemplateFromSaved(read.template),
        as: 'p2',
        title: 'From the vector',
        member: { displayName: 'V' },
      }),
    );
    const s = selectContract(doc);
    expect(
      s.actions.map((a) => [a.title, a.dueAt === null ? null : new Date(a.dueAt).toISOString()]),
    ).toEqual(
      expect.arrayContaining([
        ['Run hardware diagnostics', '2024-06-03T11:00:00.000Z'],
        ['Ship replacement board', '2024-06-05T11:00:00.000Z'],
      ]),
    );
    expect(s.dataItems.map((d) => [d.label, d.value])).toEqual(
      expect.arrayContaining([
        ['Serial number', null],
        ['Warranty', null],
      ]),
    );
    expect(s.sla?.calendar.timeZone).toBe('Europe/Berlin');
  });

  test('damaged files are refused with typed errors', () => {
    const good = JSON.parse(vector) as Record<string, unknown>;
    const actions = good.actions as Record<string, unknown>[];
    const bad = (patch: Record<string, unknown>) => parseProcessTemplate({ ...good, ...patch });
    expect(readProcessTemplate('{')).toEqual({ ok: false, error: { code: 'not-json' } });
    expect(bad({ format: 'casepact-case' })).toEqual({ ok: false, error: { code: 'not-a-template' } });
    expect(bad({ version: 2 })).toEqual({ ok: false, error: { code: 'unsupported-version', version: 2 } });
    const invalid = (patch: Record<string, unknown>) => {
      const r = bad(patch);
      return r.ok ? 'accepted' : r.error.code === 'invalid' ? r.error.message : r.error.code;
    };
    expect(invalid({ id: 'Has Spaces' })).toMatch(/^id must be/);
    expect(invalid({ actions: [...actions].reverse() })).toMatch(/dependsOn\[0\] names no earlier action/);
    expect(invalid({ actions: actions.map((a) => ({ ...a, party: 'p9' })) })).toMatch(/names no party/);
    expect(invalid({ parties: [{ key: 'p1', name: 'X', kind: 'person', role: 'partner' }] })).toMatch(
      /customer or a provider/,
    );
    expect(
      invalid({ dataItems: [{ key: 'd1', label: 'W', kind: 'choice', choices: [], party: 'p1' }] }),
    ).toMatch(/choices must be a non-empty array/);
    expect(invalid({ sla: { targets: 'soon' } })).toMatch(/must be/);
  });

  test('new ids come from the name and never collide with shipped or saved ones', () => {
    expect(templateIdFor('  Lost pet — cargo hold!  ', [])).toBe('lost-pet-cargo-hold');
    expect(templateIdFor('Airline lost item', ['airline-lost-item'])).toBe('airline-lost-item-2');
    expect(templateIdFor('Airline lost item', ['airline-lost-item', 'airline-lost-item-2'])).toBe(
      'airline-lost-item-3',
    );
    expect(templateIdFor('!!!', [])).toBe('template');
    expect(templateIdFor('x'.repeat(300), []).length).toBeLessThanOrEqual(56);
  });
});
