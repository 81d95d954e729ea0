/**
 * `casepact template save | list | delete` and `case new --template` with a saved template, in
 * separate processes over a temp CASEPACT_HOME. The resolved case is written in-process through
 * the CLI's own store (as in sla-search.test.ts), then everything else goes through the command.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addDataItem,
  addParty,
  type CommandContext,
  proposeChange,
  resolveCase,
  selectParties,
  setActionStatus,
} from '../../shared/contract/index';
import type { SlaTerms } from '../../shared/contract/sla-terms';
import { sodiumReady } from '../../shared/crypto/sodium';
import { casepact, expectOneLineError, tempHome } from './cli-helpers';
import { storeProviderCase } from './store-case';

const T0 = Date.UTC(2024, 5, 3, 8, 0, 0);
const TERMS: SlaTerms = {
  targets: [{ id: 'res', kind: 'resolution', priority: 'normal', minutes: 480, committedBy: 'provider' }],
  calendar: {
    timeZone: 'UTC',
    week: [[], ...Array.from({ length: 5 }, () => [{ start: 480, end: 1080 }]), []],
    holidays: [],
  },
  pausedStatuses: ['waiting'],
  atRiskThreshold: 0.75,
  escalations: [],
};

let home: string;
const ids: Record<string, string> = {};

async function storeCase(key: string, title: string, write: (ctx: CommandContext) => void): Promise<void> {
  ids[key] = await storeProviderCase(home, { title, at: T0, sla: TERMS, category: 'hardware fault', write });
}

/** Fails the test with the refusal instead of writing half a case. */
function ok<T>(r: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

/** The process a case was worked with: a customer party, two data items, two dependent actions. */
function workAndResolve(ctx: CommandContext): void {
  ok(addParty(ctx, { name: 'Jane Doe', kind: 'person', role: 'customer' }));
  ok(addDataItem(ctx, { label: 'Serial number', kind: 'text', value: 'AX14-99812' }));
  ok(
    addDataItem(ctx, {
      label: 'Warranty',
      kind: 'choice',
      choices: ['standard', 'extended'],
      value: 'extended',
    }),
  );
  const me = ok(
    proposeChange(ctx, {
      changes: [
        {
          kind: 'add-action',
          action: {
            id: 'diag',
            title: 'Run diagnostics',
            party: partyOf(ctx),
            dueAt: '2024-06-03T12:00:00Z',
          },
        },
        {
          kind: 'add-action',
          action: { id: 'ship', title: 'Ship a new board', party: partyOf(ctx), dependsOn: ['diag'] },
        },
      ],
    }),
  );
  if (!me.applied) throw new Error('own actions should apply at once');
  ok(setActionStatus(ctx, { actionId: 'diag', status: 'done' }));
  ok(resolveCase(ctx, { problem: 'Black screen at boot', fix: 'Replaced the boot chip' }));
}

function partyOf(ctx: CommandContext): string {
  const mine = selectParties(ctx.doc).find((p) => p.members.some((m) => m.id === ctx.actor));
  if (!mine) throw new Error('the actor has no party');
  return mine.id;
}

beforeAll(async () => {
  await sodiumReady();
  home = tempHome();
  const created = casepact(home, ['id', 'new', '--name', 'Priya Provider', '--org', 'Northwind PCs']);
  expect(created.status, created.stderr).toBe(0);
  await storeCase('resolved', 'Laptop black screen after BIOS update', workAndResolve);
  await storeCase('open', 'Printer jams', () => {});
}, 60_000);

describe('casepact template', () => {
  it('refuses to save a case that is not resolved, in one line', () => {
    const run = casepact(home, ['template', 'save', ids.open as string]);
    expect(run.status).toBe(1);
    expect(expectOneLineError(run)).toBe(
      'casepact: Only a resolved or closed case can be saved as a template; this one is open.',
    );
    expect(existsSync(join(home, 'templates'))).toBe(false);
  });

  it('saves a resolved case, lists it next to the shipped ones, starts a case from it, deletes it', () => {
    const saved = casepact(home, [
      'template',
      'save',
      ids.resolved as string,
      '--name',
      'Boot chip replacement',
      '--description',
      'Diagnose, then ship a board',
    ]);
    expect(saved.status, saved.stderr).toBe(0);
    expect(saved.stdout).toContain(
      'Saved template "Boot chip replacement": 2 actions, 2 data items, 1 SLA targets',
    );
    const id = saved.stdout.trim().split('\n').at(-1);
    expect(id).toBe('boot-chip-replacement');
    const file = readFileSync(join(home, 'templates', 'boot-chip-replacement.json'), 'utf8');
    expect(JSON.parse(file)).toMatchObject({
      format: 'casepact-template',
      version: 1,
      createdFrom: ids.resolved,
    });
    expect(file).not.toMatch(/AX14|Jane Doe/);
    // Fields to fill in, owned by the provider (p2: keys go by role, customer first); no values.
    expect(
      JSON.parse(file)
        .dataItems.map(({ key: _key, ...item }: { key: string }) => item)
        .sort((a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label)),
    ).toEqual([
      { label: 'Serial number', kind: 'text', choices: null, party: 'p2' },
      { label: 'Warranty', kind: 'choice', choices: ['standard', 'extended'], party: 'p2' },
    ]);

    const listed = casepact(home, ['template', 'list', '--json']);
    expect(listed.status, listed.stderr).toBe(0);
    const rows = JSON.parse(listed.stdout) as { id: string; saved: boolean; actions: number }[];
    expect(rows.map((r) => [r.id, r.saved])).toEqual([
      ['hardware-fault-second-vendor', false],
      ['isp-contract-renegotiation', false],
      ['airline-lost-item', false],
      ['boot-chip-replacement', true],
    ]);
    expect(rows.at(-1)).toMatchObject({ actions: 2, dataItems: 2, slaTargets: 1, creators: ['p1', 'p2'] });
    expect(casepact(home, ['template', 'list']).stdout).toMatch(
      /boot-chip-replacement +saved +Boot chip replacement \(2 actions, 2 data items, 1 SLA targets\)/,
    );

    const started = casepact(home, [
      'case',
      'new',
      '--title',
      'Desktop beeps three times',
      '--template',
      'boot-chip',
    ]);
    expect(started.status, started.stderr).toBe(0);
    expect(started.stdout).toContain('from template "Boot chip replacement" as p2');
    const caseId = started.stdout.trim().split('\n').at(-1) as string;
    const shown = casepact(home, ['show', caseId, '--json']);
    expect(shown.status, shown.stderr).toBe(0);
    const view = JSON.parse(shown.stdout);
    expect(view.case).toMatchObject({ templateId: 'boot-chip-replacement', category: 'hardware fault' });
    expect(view.parties.map((p: { name: string; role: string }) => [p.name, p.role])).toEqual(
      expect.arrayContaining([
        ['Northwind PCs', 'provider'],
        ['Customer', 'customer'],
      ]),
    );
    const titleOf = new Map(view.actions.map((a: { id: string; title: string }) => [a.id, a.title]));
    expect(
      view.actions.map((a: { title: string; status: string; dependsOn: string[] }) => [
        a.title,
        a.status,
        a.dependsOn.map((d) => titleOf.get(d)),
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['Run diagnostics', 'agreed', []],
        ['Ship a new board', 'agreed', ['Run diagnostics']],
      ]),
    );
    expect(view.actions).toHaveLength(2);
    expect(view.dataItems.map((d: { label: string; value: unknown }) => [d.label, d.value])).toEqual(
      expect.arrayContaining([
        ['Serial number', null],
        ['Warranty', null],
      ]),
    );
    expect(view.sla).toEqual(TERMS);

    // Saving again under the same name makes a second template; the first is not replaced.
    const again = casepact(home, [
      'template',
      'save',
      ids.resolved as string,
      '--name',
      'Boot chip replacement',
    ]);
    expect(again.stdout.trim().split('\n').at(-1)).toBe('boot-chip-replacement-2');

    const deleted = casepact(home, ['template', 'delete', 'boot-chip-replacement']);
    expect(deleted.status, deleted.stderr).toBe(0);
    expect(casepact(home, ['template', 'list']).stdout).not.toMatch(/^boot-chip-replacement /m);
    expect(expectOneLineError(casepact(home, ['template', 'delete', 'boot-chip-replacement']))).toBe(
      'casepact: no saved template "boot-chip-replacement" (see "casepact template list")',
    );
    const shipped = casepact(home, ['template', 'delete', 'airline-lost-item']);
    expect(shipped.status).toBe(2);
    expect(expectOneLineError(shipped)).toContain('shipped with Casepact');
    // The case started from the deleted template is unaffected.
    expect(casepact(home, ['show', caseId]).status).toBe(0);
  });

  it('names the case when saving without --name, and skips a damaged template file with a note', () => {
    const saved = casepact(home, ['template', 'save', ids.resolved as string]);
    expect(saved.status, saved.stderr).toBe(0);
    expect(saved.stdout.trim().split('\n').at(-1)).toBe('laptop-black-screen-after-bios-update');
    writeFileSync(join(home, 'templates', 'broken.json'), '{"format":"casepact-template","version":1}');
    const listed = casepact(home, ['template', 'list']);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain('laptop-black-screen-after-bios-update');
    expect(listed.stderr).toMatch(
      /^casepact: note: skipped template broken\.json: the template is damaged: /,
    );
    const unknown = casepact(home, ['case', 'new', '--title', 'X', '--template', 'broken']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown template "broken"');
  });
});
