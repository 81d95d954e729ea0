/**
 * An airline lost-item claim with per-category SLA: "a call about lost baggage may require an
 * eight-hour response, while a call about a lost pet may require a two-hour response, with
 * appropriate escalations for each" (Dan Derin, quoted in "Tracking customer support requests").
 * The ground handling agent at the arrival airport searches; the airline owns the claim.
 */
import type { SlaTarget } from '../contract';
import type { CaseTemplate } from './types';
import { ALWAYS } from './types';

const H = 60;
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

/** The same target for every priority: for these claims the category sets the clock. */
function perCategory(kind: SlaTarget['kind'], category: string, minutes: number): SlaTarget[] {
  return PRIORITIES.map((priority) => ({
    id: `${kind === 'first-response' ? 'fr' : 'res'}-${category}-${priority}`,
    kind,
    priority,
    category,
    minutes,
    committedBy: 'provider' as const,
  }));
}

export const airlineLostItemTemplate: CaseTemplate = {
  id: 'airline-lost-item',
  name: 'Airline lost-item claim',
  description:
    'A passenger reports a lost pet or lost baggage. The airline answers within 2 hours for a pet and 8 hours for baggage, the ground handler searches at the arrival airport, and the passenger follows every step in the same case.',
  priority: 'high',
  categories: ['lost-baggage', 'lost-pet'],
  creators: ['passenger', 'airline'],
  parties: [
    {
      key: 'passenger',
      name: 'Passenger',
      kind: 'person',
      role: 'customer',
      description: 'Travelled and lost the item',
    },
    {
      key: 'airline',
      name: 'Airline customer care',
      kind: 'organisation',
      role: 'provider',
      description: 'Owns the claim',
    },
    {
      key: 'handler',
      name: 'Ground handling agent',
      kind: 'organisation',
      role: 'partner',
      description: 'Handles baggage and animals at the arrival airport',
    },
  ],
  topics: [
    { key: 'locate', title: 'Find the item' },
    { key: 'return', title: 'Return and delivery' },
    { key: 'compensation', title: 'Compensation and expenses' },
  ],
  dataItems: [
    { key: 'booking', label: 'Booking reference', kind: 'text', party: 'passenger' },
    { key: 'flight', label: 'Flight number', kind: 'text', party: 'passenger' },
    { key: 'flown', label: 'Date of flight', kind: 'date', party: 'passenger' },
    { key: 'tag', label: 'Bag tag or crate tag number', kind: 'text', party: 'passenger' },
    {
      key: 'description',
      label: 'Description (colour, brand, breed, name)',
      kind: 'text',
      party: 'passenger',
    },
    { key: 'photo', label: 'Photo of the item', kind: 'attachment', party: 'passenger' },
    { key: 'address', label: 'Delivery address', kind: 'text', party: 'passenger' },
    { key: 'report', label: 'Property irregularity report number', kind: 'text', party: 'airline' },
    { key: 'located', label: 'Item located', kind: 'boolean', party: 'handler' },
    { key: 'location', label: 'Where the item is', kind: 'text', party: 'handler' },
    { key: 'expenses', label: 'Interim expenses refunded (EUR)', kind: 'number', party: 'airline' },
  ],
  actions: [
    {
      key: 'report',
      title: 'Report the item: tag number, description and a photo',
      description: 'For a pet: breed, name, crate colour and any medical needs.',
      party: 'passenger',
      dueInMinutes: H,
      topic: 'locate',
    },
    {
      key: 'trace',
      title: 'Open a property irregularity report and start tracing',
      description: 'Record the report number; alert the handler at the arrival airport.',
      party: 'airline',
      dueInMinutes: 2 * H,
      dependsOn: ['report'],
      topic: 'locate',
    },
    {
      key: 'search',
      title: 'Search the baggage hall, the hold and animal reception',
      description: 'Set "Item located" and "Where the item is" as soon as it is found.',
      party: 'handler',
      dueInMinutes: 4 * H,
      dependsOn: ['trace'],
      topic: 'locate',
    },
    {
      key: 'inform',
      title: 'Tell the passenger where the item is and when it comes',
      description: 'Propose the delivery time in the case.',
      party: 'airline',
      dueInMinutes: 8 * H,
      dependsOn: ['search'],
      topic: 'return',
    },
    {
      key: 'deliver',
      title: 'Deliver the item to the passenger',
      description: 'A pet is handed over in person, never left at the door.',
      party: 'airline',
      dueInMinutes: 24 * H,
      dependsOn: ['inform'],
      topic: 'return',
    },
    {
      key: 'receipt',
      title: 'Confirm receipt and condition',
      description: 'Report any damage here to open the compensation topic.',
      party: 'passenger',
      dependsOn: ['deliver'],
      topic: 'compensation',
    },
  ],
  sla: {
    targets: [
      ...perCategory('first-response', 'lost-pet', 2 * H),
      ...perCategory('first-response', 'lost-baggage', 8 * H),
      ...perCategory('resolution', 'lost-pet', 12 * H),
      ...perCategory('resolution', 'lost-baggage', 72 * H),
    ],
    calendar: { timeZone: 'Europe/London', week: ALWAYS, holidays: [] },
    pausedStatuses: ['waiting'],
    atRiskThreshold: 0.5,
    escalations: [
      {
        id: 'fr-risk',
        targetKind: 'first-response',
        on: 'at-risk',
        steps: [{ kind: 'notify', roles: ['provider', 'partner'] }],
      },
      {
        id: 'fr-breach',
        targetKind: 'first-response',
        on: 'breached',
        steps: [
          { kind: 'raise-priority', to: 'urgent' },
          { kind: 'notify', roles: ['customer', 'provider'] },
        ],
      },
      {
        id: 'res-risk',
        targetKind: 'resolution',
        on: 'at-risk',
        steps: [
          {
            kind: 'propose-partner',
            partnerName: 'Baggage tracing centre',
            reason: 'The item is not found at the arrival airport yet',
          },
        ],
      },
    ],
  },
  source:
    'Dan Derin (Genticity) on airline contact-centre SLAs, in an article on tracking customer support requests',
};
