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
  priority: 'high',
  category: 'hardware fault',
  openedAt: opened,
  parties: [
    { id: 'party-alice', name: 'Alice Smith', kind: 'person', role: 'customer' },
    { id: 'party-northwind', name: 'Northwind PCs', kind: 'organisation', role: 'provider' },
    { id: 'party-fabrikam', name: 'Fabrikam Silicon', kind: 'organisation', role: 'partner' },
  ],
  topics: ['replace the boot chip', 'warranty repair', 'replace the boot chip'],
  actions: [
    {
      id: 'x-ship',
      title: 'Ship replacement board',
      description: 'Chip maker ships a board',
      party: 'party-fabrikam',
      status: 'done',
      dependsOn: ['x-quote'],
      dueAt: Date.parse('2024-06-05T13:00:00+02:00'),
      topic: 'replace the boot chip',
    },
    {
      id: 'x-quote',
      title: 'Quote for a courier',
      description: 'Cancelled: the chip maker ships directly',
      party: 'party-northwind',
      status: 'cancelled',
      dependsOn: ['x-diag'],
      dueAt: null,
      topic: null,
    },
    {
      id: 'x-diag',
      title: 'Run hardware diagnostics',
      description: 'Collect the BIOS event log',
      party: 'party-northwind',
      status: 'done',
      dependsOn: [],
      dueAt: Date.parse('2024-06-03T13:00:00+02:00'),
      topic: null,
    },
    {
      id: 'x-bad',
      title: 'Refund',
      description: '',
      party: 'party-northwind',
      status: 'rejected',
      dependsOn: [],
      dueAt: null,
      topic: null,
    },
  ],
  dataItems: [
    { label: 'Serial number', kind: 'text', choices: null, party: 'party-alice' },
    { label: 'Warranty', kind: 'choice', choices: ['standard', 'extended'], party: 'party-northwind' },
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
        party: 'p2',
        dependsOn: [],
        due: { unit: 'business-minutes', value: 240 },
        topic: null,
      },
      {
        key: 'a2',
        title: 'Ship replacement board',
        description: 'Chip maker ships a board',
        party: 'p3',
        // The cancelled courier quote is dropped; the order it imposed is kept.
        dependsOn: ['a1'],
        due: { unit: 'business-minutes', value: 8 * 60 * 2 + 4 * 60 },
        topic: 'replace the boot chip',
      },
    ]);
    expect(template.topics).toEqual(['replace the boot chip', 'warranty repair']);
    // Parties become roles; a person's name stays with the case, an organisation's is a default.
    expect(template.parties).toEqual([
      { key: 'p1', name: 'Customer', kind: 'person', role: 'customer' },
      { key: 'p2', name: 'Northwind PCs', kind: 'organisation', role: 'provider' },
      { key: 'p3', name: 'Fabrikam Silicon', kind: 'organisation', role: 'partner' },
    ]);
    expect(template.priority).toBe('high');
    expect(JSON.stringify(template)).not.toContain('Alice');
  });

  it("never carries the old case's data values, and copies the SLA terms", () => {
    const result = templateFromCase(source, { id: 'tpl', name: 'T' });
    if (!result.ok) throw new Error('refused');
    expect(result.template.dataItems).toEqual([
      { key: 'd1', label: 'Serial number', kind: 'text', choices: null, party: 'p1' },
      {
        key: 'd2',
        label: 'Warranty',
        kind: 'choice',
        choices: ['standard', 'extended'],
        party: 'p2',
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

  it('refuses unresolved cases, bad names and descriptions, unknown owners and dependency cycles', () => {
    expect(templateFromCase({ ...source, status: 'in-progress' }, { id: 't', name: 'T' })).toEqual({
      ok: false,
      error: { code: 'not-resolved', status: 'in-progress' },
    });
    expect(templateFromCase(source, { id: 't', name: '   ' })).toEqual({
      ok: false,
      error: { code: 'invalid-name' },
    });
    expect(templateFromCase(source, { id: 't', name: 'T', description: 'x'.repeat(5001) })).toEqual({
      ok: false,
      error: { code: 'invalid-description' },
    });
    const orphan = source.dataItems.map((d, i) => (i === 0 ? { ...d, party: 'party-gone' } : d));
    expect(templateFromCase({ ...source, dataItems: orphan }, { id: 't', name: 'T' })).toEqual({
      ok: false,
      error: { code: 'unknown-party', partyId: 'party-gone' },
    });
    const cyclic = source.actions.map((a) => (a.id === 'x-diag' ? { ...a, dependsOn: ['x-ship'] } : a));
    expect(templateFromCase({ ...source, actions: cyclic }, { id: 't', name: 'T' })).toEqual({
      ok: false,
      error: { code: 'dependency-cycle', actionIds: ['x-ship', 'x-diag'] },
    });
  });
});
