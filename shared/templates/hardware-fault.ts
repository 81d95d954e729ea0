/**
 * A new PC that does not boot, with the OS vendor and the boot chip maker brought in: the
 * "customer volleyball" case (Ragsdale, "Intercompany Case Exchange Puts an End to 'Customer
 * Volleyball'", 2002). Instead of sending the customer from the PC maker to the OS vendor and back,
 * the PC maker's agent owns the case and the partners work in the same contract.
 */
import type { CaseTemplate } from './types';
import { weekdays } from './types';

const H = 60;

export const hardwareFaultTemplate: CaseTemplate = {
  id: 'hardware-fault-second-vendor',
  name: 'Hardware fault involving other vendors',
  description:
    'A new computer fails at first boot. The PC maker owns the case and brings in the operating system vendor and the boot chip maker, so the customer tells the story once and nobody is sent back and forth.',
  priority: 'high',
  categories: ['hardware-fault'],
  creators: ['customer', 'pc-maker'],
  parties: [
    {
      key: 'customer',
      name: 'Customer',
      kind: 'person',
      role: 'customer',
      description: 'Bought the computer and reports the fault',
    },
    {
      key: 'pc-maker',
      name: 'PC maker support',
      kind: 'organisation',
      role: 'provider',
      description: 'Sold the computer; owns the case end to end',
    },
    {
      key: 'os-vendor',
      name: 'Operating system vendor',
      kind: 'organisation',
      role: 'partner',
      description: 'Reviews OS-level boot errors',
    },
    {
      key: 'chip-maker',
      name: 'Boot chip maker',
      kind: 'organisation',
      role: 'partner',
      description: 'Checks the boot firmware chip',
    },
  ],
  topics: [
    { key: 'cause', title: 'Why the new computer does not boot' },
    { key: 'owner', title: 'Who fixes it: hardware, operating system or boot chip' },
    { key: 'remedy', title: 'Repair, replacement or refund' },
  ],
  dataItems: [
    { key: 'serial', label: 'Serial number', kind: 'text', party: 'customer' },
    { key: 'purchased', label: 'Date of purchase', kind: 'date', party: 'customer' },
    { key: 'symptom', label: 'What the screen shows at boot', kind: 'text', party: 'customer' },
    { key: 'photo', label: 'Photo of the boot error', kind: 'attachment', party: 'customer' },
    { key: 'warranty', label: 'Covered by warranty', kind: 'boolean', party: 'pc-maker' },
    {
      key: 'diagnosis',
      label: 'Diagnostics result',
      kind: 'choice',
      choices: ['Hardware fault', 'Operating system error', 'Boot chip firmware', 'Inconclusive'],
      party: 'pc-maker',
    },
    { key: 'os-build', label: 'Operating system build', kind: 'text', party: 'os-vendor' },
    { key: 'firmware', label: 'Boot chip firmware revision', kind: 'text', party: 'chip-maker' },
  ],
  actions: [
    {
      key: 'report',
      title: 'Send the serial number and a photo of the boot error',
      description: 'Once, to everyone: the partners read the same case, so nobody asks again.',
      party: 'customer',
      dueInMinutes: 4 * H,
      topic: 'cause',
    },
    {
      key: 'diagnose',
      title: 'Run remote hardware diagnostics',
      description: 'Record the result in "Diagnostics result" and attach the log.',
      party: 'pc-maker',
      dueInMinutes: 8 * H,
      dependsOn: ['report'],
      topic: 'cause',
    },
    {
      key: 'os-review',
      title: 'Review the boot log for operating system errors',
      description: 'Say whether the OS is at fault, with the build number.',
      party: 'os-vendor',
      dueInMinutes: 24 * H,
      dependsOn: ['diagnose'],
      topic: 'cause',
    },
    {
      key: 'chip-check',
      title: 'Check the boot chip firmware against known faults',
      description: 'Compare the firmware revision with the errata list.',
      party: 'chip-maker',
      dueInMinutes: 24 * H,
      dependsOn: ['diagnose'],
      topic: 'cause',
    },
    {
      key: 'root-cause',
      title: 'Agree the root cause with the OS vendor and the chip maker',
      description: 'One joint call; the PC maker writes the outcome into the case.',
      party: 'pc-maker',
      dueInMinutes: 48 * H,
      dependsOn: ['os-review', 'chip-check'],
      topic: 'owner',
    },
    {
      key: 'fix',
      title: 'Repair or replace the computer',
      description: 'Ship a replacement part or unit, or collect the computer for repair.',
      party: 'pc-maker',
      dueInMinutes: 5 * 24 * H,
      dependsOn: ['root-cause'],
      topic: 'remedy',
    },
    {
      key: 'confirm',
      title: 'Confirm the computer boots',
      description: 'Close the case, or reopen the remedy topic.',
      party: 'customer',
      dependsOn: ['fix'],
      topic: 'remedy',
    },
  ],
  sla: {
    targets: [
      { id: 'fr-urgent', kind: 'first-response', priority: 'urgent', minutes: 60, committedBy: 'provider' },
      { id: 'fr-high', kind: 'first-response', priority: 'high', minutes: 2 * H, committedBy: 'provider' },
      {
        id: 'fr-normal',
        kind: 'first-response',
        priority: 'normal',
        minutes: 4 * H,
        committedBy: 'provider',
      },
      { id: 'fr-low', kind: 'first-response', priority: 'low', minutes: 8 * H, committedBy: 'provider' },
      { id: 'res-urgent', kind: 'resolution', priority: 'urgent', minutes: 12 * H, committedBy: 'provider' },
      { id: 'res-high', kind: 'resolution', priority: 'high', minutes: 24 * H, committedBy: 'provider' },
      { id: 'res-normal', kind: 'resolution', priority: 'normal', minutes: 40 * H, committedBy: 'provider' },
      { id: 'res-low', kind: 'resolution', priority: 'low', minutes: 60 * H, committedBy: 'provider' },
    ],
    calendar: {
      timeZone: 'America/Chicago',
      week: weekdays(8, 20, [9, 13]),
      holidays: ['2025-12-25', '2026-01-01'],
    },
    pausedStatuses: ['waiting'],
    atRiskThreshold: 0.75,
    escalations: [
      {
        id: 'fr-risk',
        targetKind: 'first-response',
        on: 'at-risk',
        steps: [{ kind: 'notify', roles: ['provider'] }],
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
          { kind: 'notify', roles: ['partner', 'provider'] },
          {
            kind: 'propose-partner',
            partnerName: 'Boot chip maker field engineering',
            reason: 'Resolution at risk and the root cause is still open',
          },
        ],
      },
    ],
  },
  source: 'John Ragsdale, "Intercompany Case Exchange Puts an End to \'Customer Volleyball\'", 2002',
};
