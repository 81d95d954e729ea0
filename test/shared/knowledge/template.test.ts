import { describe, expect, it } from 'vitest';
import type { SlaTerms } from '../../../shared/contract/sla-terms';
import { templateFromCase } from '../../../shared/knowledge/template';
import type { TemplateSource } from '../../../shared/knowledge/template';

const office = [{ start: 540, end: 1020 }];
const sla: SlaTerms = {
  targets: [{ id: 'res', kind: 'resolution', priority: 'normal', minutes: 960, committedBy: 'provider' }],
  calendar: {
    timeZone: 'Europe/Berlin',
    week: [[], office, office, office, office, office, []],
    holidays: [],
  },
  pausedStatuses: ['waiting'],
  atRiskThreshold: 0.8,
  escalations: [],
};
const opened = Date.parse('2024-06-03T09:00:00+02:00'); // Monday

const source: TemplateSource = {
  caseId: 'case-volleyball',
  status: 'resolved',
  category: 'hardware fault',
  openedAt: opened,
  topics: ['replace the boot chip', 'warranty repair', 'replace the boot chip'],
  actions: [
    {
      id: 'x-ship',
      title: 'Ship replacement board',
      description: 'Chip maker ships a board',
      ownerRole: 'partner',
      status: 'done',
      dependsOn: ['x-quote'],
      dueAt: Date.parse('2024-06-05T13:00:00+02:00'),
      topic: 'replace the boot chip',
    },
    {
      id: 'x-quote',
      title: 'Quote for a courier',
      description: 'Cancelled: the chip maker ships directly',
      ownerRole: 'provider',
      status: 'cancelled',
      dependsOn: ['x-diag'],
      dueAt: null,
      topic: null,
    },
    {
      id: 'x-diag',
      title: 'Run hardware diagnostics',
      description: 'Collect the BIOS event log',
      ownerRole: 'provider',
      status: 'done',
      dependsOn: [],
      dueAt: Date.parse('2024-06-03T13:00:00+02:00'),
      topic: null,
    },
    {
      id: 'x-bad',
      title: 'Refund',
      description: '',
      ownerRole: 'provider',
      status: 'rejected',
      dependsOn: [],
      dueAt: null,
      topic: null,
    },
  ],
  dataItems: [
    { label: 'Serial number', kind: 'text', choices: null, ownerRole: 'customer' },
    { label: 'Warranty', kind: 'choice', choices: ['standard', 'extended'], ownerRole: 'provider' },
  ],
  sla,
};

describe('save as template', () => {
  it('keeps the agreed steps in dependency order with relative business-time deadlines', () => {
    const result = templateFromCase(source, { id: 'tpl-boot', name: '  PC will not boot (second vendor)  ' });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const { template } = result;
    expect(template).toMatchObject({
      format: 'casepact-template',
      version: 1,
      name: 'PC will not boot (second vendor)',
    });
    expect(template.actions).toEqual([
      {
        key: 'a1',
        title: 'Run hardware diagnostics',
        description: 'Collect the BIOS event log',
        ownerRole: 'provider',
        dependsOn: [],
        due: { unit: 'business-minutes', value: 240 },
        topic: null,
      },
      {
        key: 'a2',
        title: 'Ship replacement board',
        description: 'Chip maker ships a board',
        ownerRole: 'partner',
        // The cancelled courier quote is dropped; the order it imposed is kept.
        dependsOn: ['a1'],
        due: { unit: 'business-minutes', value: 8 * 60 * 2 + 4 * 60 },
        topic: 'replace the boot chip',
      },
    ]);
    expect(template.topics).toEqual(['replace the boot chip', 'warranty repair']);
  });

  it("never carries the old case's data values, and copies the SLA terms", () => {
    const result = templateFromCase(source, { id: 'tpl', name: 'T' });
    if (!result.ok) throw new Error('refused');
    expect(result.template.dataItems).toEqual([
      { key: 'd1', label: 'Serial number', kind: 'text', choices: null, ownerRole: 'customer' },
      {
        key: 'd2',
        label: 'Warranty',
        kind: 'choice',
        choices: ['standard', 'extended'],
        ownerRole: 'provider',
      },
    ]);
    expect(JSON.stringify(result.template)).not.toContain('AX14');
    expect(result.template.sla).toEqual(sla);
    expect(result.template.sla).not.toBe(sla);
  });

  it('uses wall-clock minutes when the case had no SLA terms', () => {
    const result = templateFromCase({ ...source, sla: null }, { id: 'tpl', name: 'T' });
    expect(result.ok && result.template.actions[0]?.due).toEqual({ unit: 'minutes', value: 240 });
  });

  it('refuses unresolved cases, empty names and dependency cycles', () => {
    expect(templateFromCase({ ...source, status: 'in-progress' }, { id: 't', name: 'T' })).toEqual({
      ok: false,
      error: { code: 'not-resolved', status: 'in-progress' },
    });
    expect(templateFromCase(source, { id: 't', name: '   ' })).toEqual({
      ok: false,
      error: { code: 'invalid-name' },
    });
    const cyclic = source.actions.map((a) => (a.id === 'x-diag' ? { ...a, dependsOn: ['x-ship'] } : a));
    expect(templateFromCase({ ...source, actions: cyclic }, { id: 't', name: 'T' })).toEqual({
      ok: false,
      error: { code: 'dependency-cycle', actionIds: ['x-ship', 'x-diag'] },
    });
  });
});
