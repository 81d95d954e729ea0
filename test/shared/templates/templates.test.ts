import { beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
  accept,
  type ContractSnapshot,
  joinViaInvite,
  recordSignature,
  selectActions,
  selectContract,
  termsHashOf,
} from '../../../shared/contract';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { createCaseFromTemplate, findTemplate, TEMPLATES } from '../../../shared/templates';
import { makeCtx, must, refusedWith } from '../contract/helpers';
import { watchRights } from '../contract/rights-watch';

beforeAll(async () => {
  await sodiumReady();
});

/** A plain-text outline of a case, as a reader (or the printable contract) would see it. */
function outline(s: ContractSnapshot): string {
  const party = new Map(s.parties.map((p) => [p.id, p.name]));
  const action = new Map(s.actions.map((a) => [a.id, a.title]));
  return [
    `${s.case?.title} [${s.case?.status}, ${s.case?.priority}, ${s.case?.category}]`,
    ...s.parties.map((p) => `party: ${p.name} (${p.role})`),
    ...s.topics.map((t) => `topic: ${t.title} — ${t.state}`),
    ...s.dataItems.map((d) => `data: ${d.label} (${d.kind}) from ${party.get(d.party)}`),
    ...s.actions.map(
      (a) =>
        `action: ${a.title} — ${party.get(a.party)} — ${a.status}${a.dependsOn.length ? ` — after: ${a.dependsOn.map((d) => action.get(d)).join('; ')}` : ''}`,
    ),
  ].join('\n');
}

describe('shipped templates', () => {
  test('there are three, each with parties, topics, data items, a sequenced plan and SLA terms', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual([
      'hardware-fault-second-vendor',
      'isp-contract-renegotiation',
      'airline-lost-item',
    ]);
    for (const t of TEMPLATES) {
      expect(t.actions.some((a) => (a.dependsOn ?? []).length > 0)).toBe(true);
      expect(t.sla?.targets.length).toBeGreaterThan(0);
      expect(new Set(t.parties.map((p) => p.role)).has('customer')).toBe(true);
    }
  });

  for (const t of TEMPLATES) {
    for (const as of t.creators) {
      test(`${t.id} started by ${as} loads into a readable case, in one transaction that obeys the rights table`, () => {
        const doc = new Y.Doc();
        const watch = watchRights(doc);
        const updates: Uint8Array[] = [];
        doc.on('update', (u: Uint8Array) => updates.push(u));
        const ctx = makeCtx(doc, 'ed25519-creator');
        const made = must(
          createCaseFromTemplate(ctx, {
            templateId: t.id,
            as,
            title: `${t.name}: test case`,
            member: { displayName: 'Creator' },
          }),
        );
        expect(updates).toHaveLength(1);
        expect(watch.violations).toEqual([]);
        const snap = selectContract(doc);
        expect(snap.case).toMatchObject({
          templateId: t.id,
          category: t.categories[0],
          priority: t.priority,
          status: 'open',
        });
        expect(snap.parties.map((p) => p.name).sort()).toEqual(t.parties.map((p) => p.name).sort());
        expect(snap.topics.map((x) => x.title).sort()).toEqual(t.topics.map((x) => x.title).sort());
        expect(snap.dataItems).toHaveLength(t.dataItems.length);
        expect(snap.sla?.targets).toHaveLength(t.sla?.targets.length ?? -1);
        expect(snap.actions).toHaveLength(t.actions.length);
        // Dependencies survive the key → id mapping.
        for (const a of t.actions) {
          const view = snap.actions.find((x) => x.id === made.actionIds[a.key]);
          expect(view?.title).toBe(a.title);
          expect(view?.party).toBe(made.partyIds[a.party]);
          expect([...(view?.dependsOn ?? [])].sort()).toEqual(
            (a.dependsOn ?? []).map((k) => made.actionIds[k]).sort(),
          );
          if (a.dueInMinutes !== undefined)
            expect(view?.dueAt).toBe((snap.case?.createdAt ?? 0) + a.dueInMinutes * 60_000);
        }
        // Other parties own actions, so the plan is an opening proposal that waits for them.
        expect(made.planApplied).toBe(false);
        expect(snap.actions.every((a) => a.status === 'proposed')).toBe(true);
        expect(snap.proposals[0]?.note).toContain(t.name);
        const events = snap.messages.flatMap((m) => (m.kind === 'system' ? [m.event] : []));
        expect(events).toContain('case-created');
        expect(events).toContain('proposal-made');
        const text = outline(snap);
        for (const a of t.actions) expect(text).toContain(a.title);
        expect(text.split('\n').length).toBe(
          1 + t.parties.length + t.topics.length + t.dataItems.length + t.actions.length,
        );
      });
    }
  }
});

describe('negotiating a template case to agreement', () => {
  test('hardware fault: partners join, accept the plan, everyone signs, and work can start', () => {
    const doc = new Y.Doc();
    const agent = makeCtx(doc, 'ed25519-agent', { idPrefix: 'ag' });
    const made = must(
      createCaseFromTemplate(agent, {
        templateId: 'hardware-fault-second-vendor',
        as: 'pc-maker',
        title: 'New desktop stops at a black screen on first boot',
        summary: 'Customer on hold twice already; the OS vendor suspected the boot chip.',
        partyNames: {
          'pc-maker': 'Northwind PCs',
          'os-vendor': 'Contoso OS',
          'chip-maker': 'Fabrikam Silicon',
          customer: 'Jane Doe',
        },
        member: { displayName: 'Sam (Northwind support)', organisation: 'Northwind PCs' },
      }),
    );
    const people = [
      ['customer', 'ed25519-jane'],
      ['os-vendor', 'ed25519-os'],
      ['chip-maker', 'ed25519-chip'],
    ] as const;
    const ctxs = people.map(([key, id]) => {
      const ctx = makeCtx(doc, id, { idPrefix: key });
      must(
        joinViaInvite(ctx, { party: made.partyIds[key] as string, invitedBy: agent.actor, displayName: key }),
      );
      return ctx;
    });
    const plan = made.planProposalId as string;
    for (const ctx of ctxs) must(accept(ctx, { proposalId: plan }));
    expect(selectActions(doc).every((a) => a.status === 'agreed')).toBe(true);
    const first = selectActions(doc)
      .filter((a) => a.ready)
      .map((a) => a.title);
    expect(first).toEqual(['Send the serial number and a photo of the boot error']);
    const hash = termsHashOf(doc);
    const sig = Buffer.from(new Uint8Array(64).fill(1)).toString('base64');
    for (const ctx of [agent, ...ctxs]) must(recordSignature(ctx, { termsHash: hash, signature: sig }));
    const snap = selectContract(doc);
    expect(snap.agreements.currentTermsAgreed).toBe(true);
    expect(snap.parties.find((p) => p.id === made.partyIds['chip-maker'])?.name).toBe('Fabrikam Silicon');
  });

  test('airline: the category picks the SLA target — lost pet 2 h, lost baggage 8 h', () => {
    const target = (category: string) => {
      const doc = new Y.Doc();
      must(
        createCaseFromTemplate(makeCtx(doc, 'ed25519-pax'), {
          templateId: 'airline-lost-item',
          as: 'passenger',
          title: `Lost on CP 118 (${category})`,
          category,
          member: { displayName: 'Passenger' },
        }),
      );
      const s = selectContract(doc);
      return s.sla?.targets.find(
        (x) =>
          x.kind === 'first-response' && x.category === s.case?.category && x.priority === s.case?.priority,
      )?.minutes;
    };
    expect(target('lost-pet')).toBe(120);
    expect(target('lost-baggage')).toBe(480);
  });
});

describe('createCaseFromTemplate refusals', () => {
  const base = {
    templateId: 'isp-contract-renegotiation',
    as: 'customer',
    title: 'Price review',
    member: { displayName: 'Keith' },
  };
  test('unknown template, creator, category, party names; an existing case', () => {
    const doc = new Y.Doc();
    const ctx = makeCtx(doc, 'ed25519-keith');
    refusedWith(doc, () => createCaseFromTemplate(ctx, { ...base, templateId: 'nope' }), 'unknown-template');
    refusedWith(doc, () => createCaseFromTemplate(ctx, { ...base, as: 'regulator' }), 'invalid-input');
    refusedWith(doc, () => createCaseFromTemplate(ctx, { ...base, category: 'lost-pet' }), 'invalid-input');
    refusedWith(
      doc,
      () => createCaseFromTemplate(ctx, { ...base, partyNames: { bank: 'X' } }),
      'invalid-input',
    );
    refusedWith(
      doc,
      () => createCaseFromTemplate(ctx, { ...base, partyNames: { isp: '' } }),
      'invalid-input',
    );
    refusedWith(doc, () => createCaseFromTemplate(ctx, { ...base, title: '' }), 'invalid-input');
    expect(findTemplate('isp-contract-renegotiation')?.parties).toHaveLength(2);
    must(createCaseFromTemplate(ctx, base));
    refusedWith(doc, () => createCaseFromTemplate(ctx, base), 'case-exists');
  });
});
