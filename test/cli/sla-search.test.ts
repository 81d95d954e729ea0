/**
 * `casepact sla` and `casepact search` in separate processes over a temp CASEPACT_HOME. The cases
 * are written in-process through the same store the CLI uses (with clocks fixed in the past), so
 * the clocks and the search results are known exactly.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type CommandContext, postMessage, resolveCase } from '../../shared/contract/index';
import type { SlaTerms } from '../../shared/contract/sla-terms';
import { sodiumReady } from '../../shared/crypto/sodium';
import { casepact, expectOneLineError, tempHome } from './cli-helpers';
import { storeProviderCase } from './store-case';

const T0 = Date.UTC(2024, 5, 3, 8, 0, 0);
const MINUTE = 60_000;
const isoAt = (minutes: number) => new Date(T0 + minutes * MINUTE).toISOString();

const TERMS: SlaTerms = {
  targets: [
    { id: 'fr', kind: 'first-response', priority: 'normal', minutes: 60, committedBy: 'provider' },
    { id: 'res', kind: 'resolution', priority: 'normal', minutes: 240, committedBy: 'provider' },
    { id: 'res-urgent', kind: 'resolution', priority: 'urgent', minutes: 120, committedBy: 'provider' },
  ],
  calendar: {
    timeZone: 'UTC',
    week: Array.from({ length: 7 }, () => [{ start: 0, end: 1440 }]),
    holidays: [],
  },
  pausedStatuses: ['waiting'],
  atRiskThreshold: 0.75,
  escalations: [
    {
      id: 'warn',
      targetKind: 'first-response',
      on: 'at-risk',
      steps: [{ kind: 'notify', roles: ['provider'] }],
    },
    {
      id: 'bump',
      targetKind: 'resolution',
      on: 'breached',
      steps: [
        { kind: 'raise-priority', to: 'urgent' },
        { kind: 'propose-partner', partnerName: 'Contoso OS', reason: 'resolution target breached' },
      ],
    },
  ],
};

let home: string;
const ids: Record<string, string> = {};

async function storeCase(
  key: string,
  title: string,
  options: { sla?: SlaTerms; write?: (ctx: CommandContext) => void },
): Promise<void> {
  ids[key] = await storeProviderCase(home, { title, at: T0, ...options });
}

beforeAll(async () => {
  await sodiumReady();
  home = tempHome();
  const created = casepact(home, ['id', 'new', '--name', 'Priya Provider', '--org', 'Northwind PCs']);
  expect(created.status, created.stderr).toBe(0);
  await storeCase('sla', 'New desktop PC does not boot', { sla: TERMS });
  await storeCase('plain', 'Printer jams on every second page', {});
  await storeCase('bios', 'Laptop black screen after BIOS update', {
    write: (ctx) => {
      postMessage(ctx, { text: 'Three beeps at power on.' });
      resolveCase(ctx, {
        problem: 'Black screen and three beeps after the vendor BIOS update',
        cause: 'The update switched the boot chip to legacy mode',
        fix: 'Flashed BIOS 1.0.7 from USB and re-enabled UEFI boot',
      });
    },
  });
  await storeCase('pet', 'Cat missing after flight LH 402', {
    write: (ctx) => {
      resolveCase(ctx, {
        problem: 'A pet cat did not arrive at the destination',
        fix: 'Found in the cargo hold at the transfer airport and delivered the same evening',
      });
    },
  });
}, 60_000);

describe('casepact sla', () => {
  it('shows each clock with due time, remaining business time and state', () => {
    const early = casepact(home, ['sla', ids.sla as string, '--at', isoAt(30), '--json']);
    expect(early.status, early.stderr).toBe(0);
    const view = JSON.parse(early.stdout);
    expect(view.clocks.map((c: { id: string; state: string }) => [c.id, c.state])).toEqual([
      ['first-response', 'on-track'],
      ['resolution', 'on-track'],
    ]);
    expect(view.clocks[0]).toMatchObject({ dueAt: T0 + 60 * MINUTE, committedBy: 'provider' });
    expect(view.minutesToBreach).toBe(30);
    expect(view.escalations.pending).toEqual([]);

    const atRisk = casepact(home, ['sla', ids.sla as string, '--at', isoAt(50)]);
    expect(atRisk.stdout).toMatch(
      /First response: AT-RISK \(running\) — provider, due 2024-06-03T09:00:00.000Z, left 10 min/,
    );
    expect(atRisk.stdout).toContain('warn/first-response/at-risk/1: crossed at 2024-06-03T08:45:00.000Z');
  });

  it('signs due escalations once with --escalate, with the key as the event ref', () => {
    const late = casepact(home, ['sla', ids.sla as string, '--at', isoAt(300)]);
    expect(late.stdout).toContain('Resolution: BREACHED');
    expect(late.stdout).toContain(
      'bump/resolution/breached/1: crossed at 2024-06-03T12:00:00.000Z, due: run with --escalate',
    );

    const escalated = casepact(home, ['sla', ids.sla as string, '--at', isoAt(300), '--escalate']);
    expect(escalated.status, escalated.stderr).toBe(0);
    expect(escalated.stdout).toContain(
      'Escalated bump/resolution/breached/1: system-event, raise-priority:urgent, propose-partner:Contoso OS (signed)',
    );
    expect(escalated.stdout).toContain('Escalated warn/first-response/at-risk/1: system-event (signed)');

    const shown = JSON.parse(casepact(home, ['show', ids.sla as string, '--json']).stdout);
    expect(shown.case.priority).toBe('urgent');
    expect(shown.topics.map((t: { title: string }) => t.title)).toContain(
      'Bring in Contoso OS: resolution target breached',
    );
    const events = shown.messages.filter((m: { event?: string }) => m.event === 'sla-breached');
    expect(events.map((m: { ref: string }) => m.ref)).toEqual(['bump/resolution/breached/1']);
    expect(shown.verification.refused).toEqual([]);

    const again = casepact(home, ['sla', ids.sla as string, '--at', isoAt(300), '--escalate', '--json']);
    const view = JSON.parse(again.stdout);
    expect(view.escalations.escalated.map((e: { key: string }) => e.key)).not.toContain(
      'bump/resolution/breached/1',
    );
    expect(view.escalations.recorded.map((r: { ref: string }) => r.ref)).toContain(
      'bump/resolution/breached/1',
    );
  });

  it('says so for a case without terms, and refuses a bad --at in one line', () => {
    const none = casepact(home, ['sla', ids.plain as string]);
    expect(none.status).toBe(0);
    expect(none.stdout.trim()).toBe('No SLA clocks: the case has no SLA terms');
    const bad = casepact(home, ['sla', ids.sla as string, '--at', 'tomorrow']);
    expect(bad.status).toBe(2);
    expect(expectOneLineError(bad)).toContain('--at must be an ISO 8601 instant');
  });
});

describe('casepact search', () => {
  it('finds cases by their resolution, fuzzily, with the matching snippet and the fix', () => {
    const found = casepact(home, ['search', 'bios', 'beeps']);
    expect(found.status, found.stderr).toBe(0);
    const lines = found.stdout.trim().split('\n');
    expect(lines[0]).toContain(`Laptop black screen after BIOS update  [resolved]  ${ids.bios}`);
    expect(found.stdout).toMatch(/\[beeps\]/i);
    expect(found.stdout).toContain('fix: Flashed BIOS 1.0.7 from USB and re-enabled UEFI boot');

    const typo = JSON.parse(casepact(home, ['search', 'cargo', 'hlod', '--json']).stdout);
    expect(typo.searched).toBe(4);
    expect(typo.hits[0]).toMatchObject({
      caseId: ids.pet,
      resolution: { problem: 'A pet cat did not arrive at the destination' },
    });

    const resolvedOnly = JSON.parse(casepact(home, ['search', 'printer', '--resolved', '--json']).stdout);
    expect(resolvedOnly.hits).toEqual([]);
    const any = JSON.parse(casepact(home, ['search', 'printer', '--json']).stdout);
    expect(any.hits.map((h: { caseId: string }) => h.caseId)).toEqual([ids.plain]);

    expect(casepact(home, ['search', 'zzqqxx']).stdout.trim()).toBe('No case matches "zzqqxx" (4 searched)');
    expect(casepact(home, ['search']).status).toBe(2);
  });
});
