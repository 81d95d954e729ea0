import type { SlaTerms } from '../../../shared/contract';

const allDay = [{ start: 0, end: 1440 }];

/** Airline contact-centre SLA: lost pet answered within 2 h, lost baggage within 8 h, around the clock. */
export const airlineSla: SlaTerms = {
  targets: (['low', 'normal', 'high', 'urgent'] as const).flatMap((priority) => [
    {
      id: `pet-${priority}`,
      kind: 'first-response' as const,
      priority,
      category: 'lost-pet',
      minutes: 120,
      committedBy: 'provider' as const,
    },
    {
      id: `bag-${priority}`,
      kind: 'first-response' as const,
      priority,
      category: 'lost-baggage',
      minutes: 480,
      committedBy: 'provider' as const,
    },
  ]),
  calendar: {
    timeZone: 'Europe/London',
    week: [allDay, allDay, allDay, allDay, allDay, allDay, allDay],
    holidays: [],
  },
  pausedStatuses: ['waiting'],
  atRiskThreshold: 0.75,
  escalations: [
    {
      id: 'pet-risk',
      targetKind: 'first-response',
      on: 'at-risk',
      steps: [{ kind: 'notify', roles: ['provider'] }],
    },
  ],
};
