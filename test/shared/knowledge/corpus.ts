/**
 * Synthetic but realistic support cases for knowledge tests and the search benchmark: the
 * domain's own stories (a PC that will not boot bounced between PC maker, OS vendor and chip
 * maker; a business broadband line; lost baggage and pets; software licences; printers…),
 * with varied products, symptoms, causes and fixes, serial numbers and free-text summaries.
 */
import type { KnowledgeCase } from '../../../shared/knowledge/types';

interface Family {
  category: string;
  titles: string[];
  products: string[];
  symptoms: string[];
  causes: string[];
  fixes: string[];
  topics: string[];
  actions: string[];
  data: string[];
}

const FAMILIES: Family[] = [
  {
    category: 'hardware fault',
    titles: [
      '{product} does not boot after {symptom}',
      '{product}: {symptom} on first start',
      'New {product} stuck at logo, {symptom}',
    ],
    products: [
      'Aurora X14 laptop',
      'Nimbus desktop tower',
      'Vertex 15 notebook',
      'Orion mini PC',
      'Helix workstation',
    ],
    symptoms: [
      'black screen with three beeps',
      'boot loop at the vendor logo',
      'firmware update',
      'no POST',
      'fans at full speed and no display',
      'BIOS checksum error',
    ],
    causes: [
      'corrupted boot ROM on the board',
      'faulty boot chip from the chip supplier batch',
      'OS bootloader overwritten by the recovery tool',
      'loose memory module after shipping',
      'secure boot keys revoked by the OS update',
    ],
    fixes: [
      'replaced the boot chip under warranty',
      'reflashed the firmware with the vendor tool',
      'reseated the memory and ran diagnostics',
      'restored the bootloader from recovery media',
      'reset secure boot keys to factory defaults',
    ],
    topics: [
      'replace the boot chip',
      'warranty repair',
      'OS reinstall',
      'firmware version',
      'courier pickup',
    ],
    actions: [
      'Run hardware diagnostics',
      'Collect BIOS event log',
      'Ship replacement board',
      'Confirm OS image version',
      'Schedule courier pickup',
      'Escalate to chip maker',
    ],
    data: ['Serial number', 'BIOS version', 'Purchase date', 'OS build'],
  },
  {
    category: 'broadband',
    titles: [
      'Business broadband {symptom}',
      '{product} line {symptom} since upgrade',
      'Slow {product} connection: {symptom}',
    ],
    products: ['FTTC 80', 'fibre 500', 'ADSL2+', 'leased line 100', 'SOGEA 40'],
    symptoms: [
      'drops every evening',
      'below the guaranteed speed',
      'down since Monday',
      'high packet loss on VoIP',
      'no sync light on the router',
    ],
    causes: [
      'faulty line card at the exchange',
      'crosstalk on the copper pair',
      'router firmware bug',
      'wrong speed profile after the contract change',
      'water in the street cabinet',
    ],
    fixes: [
      'engineer replaced the line card',
      'moved the line to a clean pair',
      'upgraded router firmware',
      'corrected the speed profile and credited two months',
      'cabinet repaired by the network operator',
    ],
    topics: [
      'contract price',
      'minimum guaranteed speed',
      'engineer visit',
      'service credit',
      'early termination',
    ],
    actions: [
      'Run line test',
      'Book engineer visit',
      'Send replacement router',
      'Apply service credit',
      'Renegotiate contract terms',
    ],
    data: ['Account number', 'Line ID', 'Router model', 'Measured speed'],
  },
  {
    category: 'lost baggage',
    titles: [
      'Bag missing on {product}',
      'Suitcase not delivered after {product}',
      'Delayed baggage {symptom}',
    ],
    products: [
      'flight LH 402',
      'connection via Frankfurt',
      'flight BA 117',
      'short transfer in Amsterdam',
      'codeshare to Lisbon',
    ],
    symptoms: [
      'tag scanned at transfer only',
      'no trace in the tracing system',
      'arrived damaged',
      'delivered to the wrong address',
      'still missing after five days',
    ],
    causes: [
      'missed the short connection',
      'tag torn off at the sorting belt',
      'loaded on the wrong aircraft',
      'held by customs for inspection',
      'misrouted to a similar airport code',
    ],
    fixes: [
      'bag forwarded on the next flight and couriered home',
      'located by the tracing team and delivered',
      'compensation paid for essentials',
      'damage repaired at a partner shop',
      'customs released it after inspection',
    ],
    topics: ['interim expenses', 'compensation claim', 'delivery address', 'damage assessment'],
    actions: [
      'Open tracing file',
      'Reimburse essentials',
      'Arrange courier delivery',
      'Assess damage',
      'Contact partner airline',
    ],
    data: ['File reference', 'Bag tag number', 'Flight date', 'Delivery address'],
  },
  {
    category: 'lost pet',
    titles: ['Pet not at arrival {product}', 'Dog crate {symptom}', 'Cat travelling in hold {symptom}'],
    products: [
      'on flight AF 1234',
      'after transfer in Paris',
      'on the overnight cargo flight',
      'at the animal reception centre',
    ],
    symptoms: [
      'not unloaded',
      'held at the transfer point',
      'missing health certificate',
      'crate delivered without the animal',
    ],
    causes: [
      'animal held for a veterinary check',
      'paperwork missing for the transfer country',
      'loaded onto the following flight',
      'temperature restriction on the ramp',
    ],
    fixes: [
      'animal found safe at the reception centre and handed over',
      'vet cleared the animal and it flew on the next service',
      'documents sent and animal released',
    ],
    topics: ['animal welfare', 'veterinary check', 'handover time'],
    actions: [
      'Call animal reception centre',
      'Send veterinary documents',
      'Arrange handover',
      'Update the owner every hour',
    ],
    data: ['Animal name', 'Crate ID', 'Microchip number'],
  },
  {
    category: 'software licence',
    titles: [
      '{product} licence {symptom}',
      'Cannot activate {product}: {symptom}',
      '{product} {symptom} after renewal',
    ],
    products: [
      'CAD Studio 2024',
      'Ledger Pro',
      'DataVault server',
      'OfficeSuite Business',
      'Render Farm Manager',
    ],
    symptoms: [
      'activation fails with error 0x80070005',
      'seat count wrong',
      'expired although renewed',
      'reports tampered licence file',
      'cannot move to a new machine',
    ],
    causes: [
      'licence server clock skew',
      'renewal order not synced to the licence portal',
      'old hardware fingerprint still bound',
      'proxy blocking the activation endpoint',
    ],
    fixes: [
      'reset the hardware binding',
      'pushed the renewal to the portal manually',
      'whitelisted the activation endpoint on the proxy',
      'issued an offline activation file',
    ],
    topics: ['seat count', 'renewal terms', 'offline activation'],
    actions: [
      'Check licence portal',
      'Reset machine binding',
      'Send offline activation file',
      'Confirm seat count with purchasing',
    ],
    data: ['Licence key', 'Order number', 'Seats', 'Machine fingerprint'],
  },
  {
    category: 'printer',
    titles: ['{product} {symptom}', 'Office printer {product}: {symptom}', '{symptom} on {product}'],
    products: ['LaserJet M507', 'ColorWave 3600', 'OfficeJet 9020', 'Workforce WF-C5790'],
    symptoms: [
      'paper jam in tray 2',
      'streaks on every page',
      'offline for all users',
      'scan to email fails',
      'prints blank pages',
    ],
    causes: [
      'worn pickup roller',
      'toner cartridge from a bad batch',
      'expired SMTP credentials',
      'driver update changed the port',
      'fuser unit failure',
    ],
    fixes: [
      'replaced the pickup roller',
      'swapped the toner cartridge',
      'updated SMTP settings',
      'rolled back the driver',
      'replaced the fuser under contract',
    ],
    topics: ['maintenance contract', 'consumables', 'on-site visit'],
    actions: ['Send technician', 'Ship toner', 'Update driver policy', 'Replace fuser unit'],
    data: ['Asset tag', 'Page count', 'Firmware'],
  },
];

const PEOPLE = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Eva', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas'];
const DETAILS = [
  'The customer has already repeated the story to three support lines.',
  'The partner vendor was pulled in by invite after the first diagnosis.',
  'Customer asked for a written record of what was agreed.',
  'Second occurrence this quarter for the same site.',
  'Customer is travelling and reachable by phone only in the evening.',
  'The previous ticket at the other vendor was closed without a fix.',
];

type Rng = () => number;
function seeded(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const some = <T>(rng: Rng, items: readonly T[], max: number): T[] =>
  [...items].sort(() => rng() - 0.5).slice(0, 1 + Math.floor(rng() * max));

/** `count` cases; about `resolvedShare` of them resolved with a summary. Deterministic per seed. */
export function makeCorpus(count: number, seed = 1, resolvedShare = 0.6): KnowledgeCase[] {
  const rng = seeded(seed);
  const cases: KnowledgeCase[] = [];
  for (let i = 0; i < count; i++) {
    const family = pick(rng, FAMILIES);
    const product = pick(rng, family.products);
    const symptom = pick(rng, family.symptoms);
    const title = pick(rng, family.titles).replace('{product}', product).replace('{symptom}', symptom);
    const resolved = rng() < resolvedShare;
    const person = pick(rng, PEOPLE);
    cases.push({
      id: `case-${String(i).padStart(5, '0')}`,
      title,
      summary: `${person} reports: ${symptom} on the ${product}. ${pick(rng, DETAILS)} ${pick(rng, DETAILS)}`,
      status: resolved ? 'resolved' : pick(rng, ['open', 'negotiating', 'in-progress', 'waiting']),
      category: family.category,
      topics: some(rng, family.topics, 3),
      dataItems: some(rng, family.data, 3).map((label) => ({
        label,
        value: `${label.slice(0, 2).toUpperCase()}-${Math.floor(rng() * 1e6)}`,
      })),
      actions: some(rng, family.actions, 4).map((title) => ({
        title,
        description: `${title} for the ${product}`,
      })),
      resolution: resolved
        ? {
            problem: `${symptom} on the ${product}`,
            cause: pick(rng, family.causes),
            fix: pick(rng, family.fixes),
            resolvedAt: Date.UTC(2025, 0, 1) + Math.floor(rng() * 400) * 86_400_000,
          }
        : null,
      updatedAt: Date.UTC(2025, 0, 1) + Math.floor(rng() * 400) * 86_400_000,
    });
  }
  return cases;
}
