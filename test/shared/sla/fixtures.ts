/** Shared terms and log builders for the SLA unit tests (Berlin office hours, June 2024). */
import type { SlaTerms } from '../../../shared/contract/sla-terms';
import type { SlaEvent, SlaEventBody } from '../../../shared/sla/types';

const office = [{ start: 9 * 60, end: 17 * 60 }];

export const TERMS: SlaTerms = {
  targets: [
    { id: 'fr-normal', kind: 'first-response', priority: 'normal', minutes: 60, committedBy: 'provider' },
    { id: 'fr-urgent', kind: 'first-response', priority: 'urgent', minutes: 15, committedBy: 'provider' },
    { id: 'res-normal', kind: 'resolution', priority: 'normal', minutes: 16 * 60, committedBy: 'provider' },
    { id: 'res-urgent', kind: 'resolution', priority: 'urgent', minutes: 4 * 60, committedBy: 'provider' },
    {
      id: 'res-pet',
      kind: 'resolution',
      priority: 'normal',
      category: 'lost pet',
      minutes: 2 * 60,
      committedBy: 'provider',
    },
    {
      id: 'res-bag',
      kind: 'resolution',
      priority: 'normal',
      category: 'lost baggage',
      minutes: 8 * 60,
      committedBy: 'provider',
    },
  ],
  calendar: {
    timeZone: 'Europe/Berlin',
    week: [[], office, office, office, office, office, []],
    holidays: ['2024-06-06'],
  },
  pausedStatuses: ['waiting-on-customer'],
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
        { kind: 'system-event', text: 'Resolution target breached' },
      ],
    },
  ],
};

/** Berlin local time on a day of June 2024 (CEST, UTC+2): at(3, '09:00') is Monday 3 June, 09:00. */
export function at(day: number, time: string): number {
  return Date.parse(`2024-06-${String(day).padStart(2, '0')}T${time}:00+02:00`);
}

/** Builds a log: each entry gets its author's next sequence number. */
export function log(...entries: [author: string, time: number, body: SlaEventBody][]): SlaEvent[] {
  const seqs = new Map<string, number>();
  return entries.map(([author, time, body]) => {
    const seq = (seqs.get(author) ?? 0) + 1;
    seqs.set(author, seq);
    return { ...body, author, seq, at: time } as SlaEvent;
  });
}

export const opened = (
  extra: Partial<{ priority: 'normal' | 'urgent'; category: string }> = {},
): SlaEventBody => ({
  type: 'opened',
  status: 'open',
  priority: extra.priority ?? 'normal',
  ...(extra.category ? { category: extra.category } : {}),
});
export const status = (value: string): SlaEventBody => ({ type: 'status', status: value });
export const reply = (role: 'provider' | 'customer' = 'provider', isPublic = true): SlaEventBody => ({
  type: 'reply',
  role,
  public: isPublic,
});
