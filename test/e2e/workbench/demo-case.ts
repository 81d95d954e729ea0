/**
 * The founding story as a real contract document: a PC maker's agent, a customer whose new PC
 * will not boot, and the OS vendor's engineer, each a real identity running shared/contract
 * commands on one Y.Doc (with a clock that walks forward), including real agreement signatures.
 */
import * as Y from 'yjs';
import { recordSignature } from '../../../shared/contract/agreements';
import { createCase, editSummary, setStatus } from '../../../shared/contract/commands/case';
import {
  addDataItem,
  addTopic,
  setActionStatus,
  setDataItemValue,
} from '../../../shared/contract/commands/items';
import { postMessage } from '../../../shared/contract/commands/messages';
import { addParty, joinViaInvite } from '../../../shared/contract/commands/parties';
import { accept, counter, proposeChange } from '../../../shared/contract/commands/proposals';
import type { CommandContext } from '../../../shared/contract/context';
import type { Result } from '../../../shared/contract/result';
import { termsHashOf } from '../../../shared/contract/terms';
import { sodium } from '../../../shared/crypto/sodium';
import { createIdentity, type Identity } from '../../../shared/identity/identity';
import { signTermsHash } from '../../../shared/signed/agreement';
import { type CaseGenesis, newGenesis } from '../../../shared/signed/genesis';

export interface DemoCase {
  readonly doc: Y.Doc;
  readonly caseId: string;
  readonly genesis: CaseGenesis;
  readonly people: { readonly agent: Identity; readonly customer: Identity; readonly engineer: Identity };
  readonly parties: { readonly maker: string; readonly customer: string; readonly os: string };
}

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error}: ${r.message}`);
  return r.value;
}

function identity(name: string, org: string): Identity {
  const r = createIdentity(name, org);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const HOUR = 3_600_000;

/**
 * Builds the case; `stage` stops the story early ('fresh' = just opened, 'full' = everything).
 * The story is told once to measure how long it takes, then again so that it ends just now.
 */
export function buildDemoCase(stage: 'fresh' | 'full' = 'full'): DemoCase {
  const probe = story(stage, 0);
  return story(stage, Date.now() - probe.elapsed - 15 * 60_000);
}

function story(stage: 'fresh' | 'full', start: number): DemoCase & { readonly elapsed: number } {
  const s = sodium();
  const doc = new Y.Doc();
  const agent = identity('Dana Whitfield', 'Northwind PCs');
  const customer = identity('Sam Carter', 'Private customer');
  const engineer = identity('Priya Raman', 'Contoso OS');
  let t = start;
  // The case id derives from the founder's key, as the app's case library makes it.
  const genesis = newGenesis(agent.id);
  const ids = [genesis.caseId];
  const as =
    (who: Identity) =>
    <T>(cmd: (ctx: CommandContext) => Result<T>, stepMinutes = 7): T => {
      t += stepMinutes * 60_000;
      return must(
        cmd({
          doc,
          actor: who.id,
          now: () => t,
          newId: () =>
            ids.shift() ?? s.to_base64(s.randombytes_buf(16), s.base64_variants.URLSAFE_NO_PADDING),
        }),
      );
    };
  const a = as(agent);
  const c = as(customer);
  const e = as(engineer);
  const sign = (who: Identity, run: typeof a) => {
    const hash = termsHashOf(doc);
    run((ctx) => recordSignature(ctx, { termsHash: hash, signature: signTermsHash(who, caseId, hash) }));
  };

  const { caseId, partyId: maker } = a((ctx) =>
    createCase(ctx, {
      title: 'New desktop PC does not boot',
      priority: 'high',
      category: 'hardware-fault',
      party: { name: 'Northwind PCs', role: 'provider' },
      member: { displayName: 'Dana Whitfield', organisation: 'Northwind PCs' },
    }),
  );
  const summary =
    'Sam bought a Northwind Aero 5 desktop. On the first power-on it stops at a black screen after the logo. ' +
    'Our diagnostics point at the operating system loader; Contoso OS suspects the boot chip firmware.';
  a((ctx) => editSummary(ctx, { index: 0, deleteCount: 0, insert: summary }));
  const customerParty = a((ctx) =>
    addParty(ctx, { name: 'Sam Carter', kind: 'person', role: 'customer' }),
  ).partyId;
  c(
    (ctx) =>
      joinViaInvite(ctx, {
        party: customerParty,
        invitedBy: agent.id,
        displayName: 'Sam Carter',
        organisation: 'Private customer',
      }),
    40,
  );
  if (stage === 'fresh')
    return {
      doc,
      caseId,
      genesis,
      people: { agent, customer, engineer },
      parties: { maker, customer: customerParty, os: '' },
      elapsed: t - start,
    };
  const os = a((ctx) => addParty(ctx, { name: 'Contoso OS', role: 'partner' })).partyId;
  e(
    (ctx) =>
      joinViaInvite(ctx, {
        party: os,
        invitedBy: agent.id,
        displayName: 'Priya Raman',
        organisation: 'Contoso OS',
      }),
    95,
  );

  c((ctx) =>
    postMessage(ctx, {
      text: 'Hi, the PC shows the Northwind logo, then a black screen with a blinking cursor. I have tried three times.',
    }),
  );
  const cause = a((ctx) => addTopic(ctx, { title: 'Find the cause of the boot failure' })).topicId;
  a((ctx) => addTopic(ctx, { title: 'Repair or replacement' }));
  c((ctx) => addDataItem(ctx, { label: 'Serial number', kind: 'text', value: 'NW-A5-7741-2290' }));
  c((ctx) => addDataItem(ctx, { label: 'Purchase date', kind: 'date', value: '2025-02-14' }));
  e((ctx) =>
    addDataItem(ctx, {
      label: 'Boot chip firmware',
      kind: 'choice',
      choices: ['1.02', '1.03', '1.04 (recalled)'],
    }),
  );

  // The engineer proposes the first diagnostic, owned by the customer; the customer accepts.
  const collectId = 'collect-boot-log';
  const p1 = e((ctx) =>
    proposeChange(ctx, {
      note: 'We need the boot log to tell a loader fault from a firmware fault.',
      changes: [
        {
          kind: 'add-action',
          action: {
            id: collectId,
            title: 'Collect the boot log with the recovery stick',
            description: 'Start from the recovery stick that came with the PC and choose “Save boot log”.',
            party: customerParty,
            dueAt: new Date(t + 20 * HOUR).toISOString(),
            topic: cause,
          },
        },
        {
          kind: 'add-action',
          action: {
            id: 'analyse-boot-log',
            title: 'Analyse the boot log',
            party: os,
            dueAt: new Date(t + 30 * HOUR).toISOString(),
            dependsOn: [collectId],
            topic: cause,
          },
        },
      ],
    }),
  ).proposalId;
  c((ctx) => accept(ctx, { proposalId: p1 }), 30);
  // The provider's own commitment applies at once.
  a((ctx) =>
    proposeChange(ctx, {
      changes: [
        {
          kind: 'add-action',
          action: {
            title: 'Ship a replacement boot chip if the firmware is at fault',
            party: maker,
            dueAt: new Date(t + 60 * HOUR).toISOString(),
            dependsOn: ['analyse-boot-log'],
          },
        },
      ],
    }),
  );
  sign(agent, a);
  sign(customer, c);
  sign(engineer, e);
  a((ctx) => setStatus(ctx, { status: 'in-progress' }));
  c((ctx) => setActionStatus(ctx, { actionId: collectId, status: 'done' }), 300);
  c((ctx) =>
    postMessage(ctx, {
      text: 'Boot log saved and attached to the case — the stick says “loader error 0x1F”.',
    }),
  );
  e((ctx) => setActionStatus(ctx, { actionId: 'analyse-boot-log', status: 'in-progress' }), 60);
  e((ctx) =>
    setDataItemValue(ctx, { itemId: firstItem(doc, 'Boot chip firmware'), value: '1.04 (recalled)' }),
  );
  e((ctx) =>
    postMessage(ctx, {
      text: 'Firmware 1.04 was recalled. I propose Sam flashes 1.03 before we replace anything.',
    }),
  );
  const p2 = e((ctx) =>
    proposeChange(ctx, {
      note: 'Flashing 1.03 fixes most of these units in ten minutes.',
      changes: [
        {
          kind: 'add-action',
          action: {
            title: 'Flash boot chip firmware 1.03',
            description: 'Use the Contoso firmware tool from the recovery stick; it takes about ten minutes.',
            party: customerParty,
            dueAt: new Date(t + 4 * HOUR).toISOString(),
          },
        },
      ],
    }),
  ).proposalId;
  c((ctx) =>
    counter(ctx, {
      proposalId: p2,
      note: 'I can only do this tomorrow evening.',
      changes: [
        {
          kind: 'add-action',
          action: {
            title: 'Flash boot chip firmware 1.03',
            description: 'Use the Contoso firmware tool from the recovery stick; it takes about ten minutes.',
            party: customerParty,
            dueAt: new Date(t + 30 * HOUR).toISOString(),
          },
        },
      ],
    }),
  );
  a(
    (ctx) =>
      postMessage(ctx, { text: 'Thanks both. If the flash does not help we ship a new chip the same day.' }),
    20,
  );
  return {
    doc,
    caseId,
    genesis,
    people: { agent, customer, engineer },
    parties: { maker, customer: customerParty, os },
    elapsed: t - start,
  };
}

function firstItem(doc: Y.Doc, label: string): string {
  for (const [id, v] of doc.getMap('dataItems'))
    if (v instanceof Y.Map && v.get('label') === label) return id;
  throw new Error(`no data item ${label}`);
}
