/**
 * Renegotiating a broadband contract when the fixed term ends (Harrison-Broninski, "Rethinking
 * Customer Service", 2006): a customer whose 12-month term is over sees new customers pay half the
 * price, and instead of six hand-offs and callbacks that never come, customer and ISP share one
 * "process context" with a named case owner, the data both need and the agreed next actions.
 */
import type { CaseTemplate } from './types';
import { weekdays } from './types';

const H = 60;
const BUSINESS_DAY = 10 * H;

export const ispRenegotiationTemplate: CaseTemplate = {
  id: 'isp-contract-renegotiation',
  name: 'Broadband contract renegotiation',
  description:
    'The fixed term is over and the customer asks for the current price. One named case owner at the ISP, identity confirmed once, a callback at an agreed time, and the new price recorded in the contract both sides keep.',
  priority: 'normal',
  categories: ['contract-renegotiation'],
  creators: ['customer', 'isp'],
  parties: [
    {
      key: 'customer',
      name: 'Customer',
      kind: 'person',
      role: 'customer',
      description: 'Holds the broadband contract',
    },
    {
      key: 'isp',
      name: 'Internet service provider',
      kind: 'organisation',
      role: 'provider',
      description: 'Supplies the connection',
    },
  ],
  topics: [
    { key: 'price', title: 'Monthly price after the fixed term' },
    { key: 'service', title: 'Connection speed and service level' },
    { key: 'contact', title: 'One named contact instead of hand-offs' },
  ],
  dataItems: [
    { key: 'account', label: 'Account number', kind: 'text', party: 'customer' },
    { key: 'callback', label: 'Callback number and preferred time', kind: 'text', party: 'customer' },
    {
      key: 'new-customer-price',
      label: 'Price advertised to new customers (GBP/month)',
      kind: 'number',
      party: 'customer',
    },
    { key: 'term-start', label: 'Contract start date', kind: 'date', party: 'isp' },
    { key: 'current-price', label: 'Current price (GBP/month)', kind: 'number', party: 'isp' },
    { key: 'case-owner', label: 'Named case owner at the ISP', kind: 'text', party: 'isp' },
    { key: 'offered-price', label: 'Offered price (GBP/month)', kind: 'number', party: 'isp' },
    {
      key: 'new-term',
      label: 'New term',
      kind: 'choice',
      choices: ['Rolling monthly', '12 months', '18 months'],
      party: 'isp',
    },
  ],
  actions: [
    {
      key: 'identify',
      title: 'Confirm the account holder once',
      description: 'Security questions answered once for this case; nobody asks again at a hand-off.',
      party: 'customer',
      dueInMinutes: 4 * H,
      topic: 'contact',
    },
    {
      key: 'owner',
      title: 'Name one case owner for this negotiation',
      description: 'The owner stays on the case until it is closed and writes the name into the case.',
      party: 'isp',
      dueInMinutes: 8 * H,
      topic: 'contact',
    },
    {
      key: 'offer',
      title: 'Call back at the agreed time with a price offer',
      description: 'Record the offered price and term in the case; the call itself is only a courtesy.',
      party: 'isp',
      dueInMinutes: 2 * 24 * H,
      dependsOn: ['identify', 'owner'],
      topic: 'price',
    },
    {
      key: 'answer',
      title: 'Accept the offer or counter it',
      description: 'Accept the proposal in the case, or counter with the price and term you want.',
      party: 'customer',
      dueInMinutes: 7 * 24 * H,
      dependsOn: ['offer'],
      topic: 'price',
    },
    {
      key: 'apply',
      title: 'Apply the new price from the next bill',
      description: 'Confirm the first bill at the new price in the case.',
      party: 'isp',
      dependsOn: ['answer'],
      topic: 'price',
    },
  ],
  sla: {
    targets: [
      { id: 'fr-urgent', kind: 'first-response', priority: 'urgent', minutes: H, committedBy: 'provider' },
      { id: 'fr-high', kind: 'first-response', priority: 'high', minutes: 2 * H, committedBy: 'provider' },
      {
        id: 'fr-normal',
        kind: 'first-response',
        priority: 'normal',
        minutes: 4 * H,
        committedBy: 'provider',
      },
      {
        id: 'fr-low',
        kind: 'first-response',
        priority: 'low',
        minutes: BUSINESS_DAY,
        committedBy: 'provider',
      },
      {
        id: 'res-normal',
        kind: 'resolution',
        priority: 'normal',
        minutes: 5 * BUSINESS_DAY,
        committedBy: 'provider',
      },
      {
        id: 'res-low',
        kind: 'resolution',
        priority: 'low',
        minutes: 10 * BUSINESS_DAY,
        committedBy: 'provider',
      },
    ],
    calendar: {
      timeZone: 'Europe/London',
      week: weekdays(8, 18, [9, 13]),
      holidays: ['2025-12-25', '2025-12-26', '2026-01-01', '2026-04-03', '2026-04-06'],
    },
    pausedStatuses: ['waiting'],
    atRiskThreshold: 0.8,
    escalations: [
      {
        id: 'callback-breach',
        targetKind: 'first-response',
        on: 'breached',
        steps: [
          { kind: 'system-event', text: 'The promised callback did not happen in time' },
          { kind: 'notify', roles: ['provider', 'customer'] },
        ],
      },
      {
        id: 'res-risk',
        targetKind: 'resolution',
        on: 'at-risk',
        steps: [{ kind: 'raise-priority', to: 'high' }],
      },
    ],
  },
  source: 'Keith Harrison-Broninski, "Rethinking Customer Service", ebizQ, 2006',
};
