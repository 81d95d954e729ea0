/**
 * createCaseFromTemplate: one command, one transaction. The case, all the template's parties,
 * topics, data items and SLA terms are written directly (they commit nobody to anything); the plan
 * of actions is the creator's opening proposal, which applies at once only if every action is the
 * creator's own, and otherwise waits for the parties whose actions it names to accept it.
 */
import type { CommandContext, Priority, Result, Role } from '../contract';
import type { SimState } from '../contract/changes-check';
import type { TermsChangeInput } from '../contract/changes-normalise';
import { checkCreateCase } from '../contract/commands/case';
import { checkPropose } from '../contract/commands/proposals';
import { execute, freshId } from '../contract/context';
import { toIsoInstant } from '../contract/dates';
import { choiceList, fail, LIMITS, oneOf, text } from '../contract/validate';
import { type PreparedEvent, prepareEvent, pushEvents, putEntity, requireWrite } from '../contract/writes';
import { compileCalendar } from '../sla/calendar';
import { findTemplate } from './registry';
import type { CaseTemplate, TemplateAction } from './types';

interface CreateFromTemplateFields {
  /** Key of the template party the creator belongs to (one of the template's `creators`). */
  readonly as: string;
  readonly title: string;
  readonly summary?: string;
  /** Defaults to the template's priority. */
  readonly priority?: Priority;
  /** One of the template's categories; defaults to the first. */
  readonly category?: string;
  /** Real names for the template's parties, by party key ("pc-maker": "Northwind PCs"). */
  readonly partyNames?: Readonly<Record<string, string>>;
  readonly member: { readonly displayName: string; readonly organisation?: string };
}

/**
 * A shipped template by id, or a template given whole: a saved one (caseTemplateFromSaved). A
 * given template is checked as it is written, like any other input.
 */
export type CreateFromTemplateInput = CreateFromTemplateFields &
  ({ readonly templateId: string } | { readonly template: CaseTemplate });

export interface CreatedFromTemplate {
  readonly caseId: string;
  /** Document ids by template key. */
  readonly partyIds: Readonly<Record<string, string>>;
  readonly topicIds: Readonly<Record<string, string>>;
  readonly dataItemIds: Readonly<Record<string, string>>;
  readonly actionIds: Readonly<Record<string, string>>;
  /** The opening proposal holding the plan of actions (null when the template has none). */
  readonly planProposalId: string | null;
  readonly planApplied: boolean;
}

function templateOf(input: CreateFromTemplateInput): CaseTemplate {
  if ('template' in input) {
    if (typeof input.template !== 'object' || input.template === null)
      fail('invalid-input', 'template must be an object');
    return input.template;
  }
  const t = findTemplate(typeof input?.templateId === 'string' ? input.templateId : '');
  if (!t) fail('unknown-template', 'no template with that id');
  return t;
}

/** An action's deadline in the new case: wall-clock minutes, or working minutes of the SLA calendar. */
function dueOf(a: TemplateAction, t: CaseTemplate, at: number): string | null {
  if (a.dueInBusinessMinutes !== undefined) {
    const calendar = t.sla ? compileCalendar(t.sla.calendar) : undefined;
    if (!calendar?.ok)
      fail('invalid-input', `action ${a.key} counts working time but the template has no usable calendar`);
    const due = calendar.calendar.addMinutes(at, a.dueInBusinessMinutes);
    if (due === null) fail('invalid-input', `the SLA calendar has no working time for action ${a.key}`);
    return toIsoInstant(due);
  }
  return a.dueInMinutes === undefined ? null : toIsoInstant(at + a.dueInMinutes * 60_000);
}

/** Creates a case in an empty document from a template (see shared/templates/registry.ts). */
export function createCaseFromTemplate(
  ctx: CommandContext,
  input: CreateFromTemplateInput,
): Result<CreatedFromTemplate> {
  return execute(ctx, 'createCaseFromTemplate', (r) => {
    const t = templateOf(input);
    const as = oneOf(input.as, t.creators, 'as');
    const names = input.partyNames ?? {};
    for (const key of Object.keys(names)) {
      if (!t.parties.some((p) => p.key === key))
        fail('invalid-input', `partyNames.${key} is not a party of the template`);
    }
    const nameOf = (key: string, fallback: string): string =>
      names[key] === undefined ? fallback : text(names[key], `partyNames.${key}`, LIMITS.name);
    const category =
      input.category === undefined
        ? (t.categories[0] ?? null)
        : oneOf(input.category, t.categories, 'category');
    const mine = t.parties.find((p) => p.key === as);
    if (!mine) fail('invalid-input', 'the creator party is missing from the template');
    const b = checkCreateCase(
      ctx,
      r,
      {
        title: input.title,
        ...(input.summary === undefined ? {} : { summary: input.summary }),
        priority: input.priority ?? t.priority,
        category,
        party: { name: nameOf(mine.key, mine.name), kind: mine.kind, role: mine.role },
        member: input.member,
        ...(t.sla ? { sla: t.sla } : {}),
      },
      t.id,
    );
    const boot = { bootstrap: true } as const;
    const partyIds: Record<string, string> = { [as]: b.partyId };
    const roles = new Map<string, Role>([[b.partyId, mine.role]]);
    const events: PreparedEvent[] = [];
    const others = t.parties
      .filter((p) => p.key !== as)
      .map((p) => {
        const id = freshId(ctx);
        partyIds[p.key] = id;
        roles.set(id, p.role);
        requireWrite(ctx, undefined, ['parties', id], 'create', boot);
        const name = nameOf(p.key, p.name);
        events.push(
          prepareEvent(ctx, b.author, b.at, 'party-added', `${name} is part of the case as ${p.role}`, id),
        );
        return { id, name, kind: p.kind, role: p.role };
      });
    const idsFor = <T extends { key: string }>(list: readonly T[], root: string): Record<string, string> =>
      Object.fromEntries(
        list.map((x) => {
          const id = freshId(ctx);
          requireWrite(ctx, undefined, [root, id], 'create', boot);
          return [x.key, id];
        }),
      );
    const topicIds = idsFor(t.topics, 'topics');
    const dataItemIds = idsFor(t.dataItems, 'dataItems');
    const topics = t.topics.map((x) => ({
      id: topicIds[x.key] as string,
      title: text(x.title, 'topic.title', LIMITS.title),
    }));
    const items = t.dataItems.map((x) => {
      const party = partyIds[x.party];
      if (!party) fail('invalid-input', `data item ${x.key} names an unknown party key`);
      const choices = x.kind === 'choice' ? choiceList(x.choices, `${x.key}.choices`) : null;
      return {
        id: dataItemIds[x.key] as string,
        label: text(x.label, 'label', LIMITS.label),
        kind: x.kind,
        choices,
        party,
      };
    });
    const actionIds: Record<string, string> = Object.fromEntries(t.actions.map((a) => [a.key, freshId(ctx)]));
    const changes: TermsChangeInput[] = t.actions.map((a) => ({
      kind: 'add-action',
      action: {
        id: actionIds[a.key] as string,
        title: a.title,
        description: a.description,
        party: partyIds[a.party] ?? `unknown-${a.party}`,
        dueAt: dueOf(a, t, b.at),
        dependsOn: (a.dependsOn ?? []).map((k) => actionIds[k] ?? `unknown-${k}`),
        topic: a.topic === undefined ? null : (topicIds[a.topic] ?? `unknown-${a.topic}`),
      },
    }));
    const sim: SimState = {
      parties: roles,
      activeMembers: new Map([[ctx.actor, b.partyId]]),
      topics: new Set(Object.values(topicIds)),
      dataItems: new Map(items.map((d) => [d.id, { party: d.party, kind: d.kind, choices: d.choices }])),
      actions: new Map(),
    };
    const plan =
      changes.length === 0
        ? null
        : checkPropose(
            ctx,
            r,
            b.author,
            { note: `Opening plan from the template "${t.name}"`, changes },
            null,
            b.at,
            { sim },
          );
    const meta = { createdBy: ctx.actor, createdAt: b.at };
    return {
      value: {
        caseId: b.caseId,
        partyIds,
        topicIds,
        dataItemIds,
        actionIds,
        planProposalId: plan?.value.proposalId ?? null,
        planApplied: plan?.value.applied ?? false,
      },
      write: () => {
        b.write();
        for (const p of others) putEntity(r.parties, p.id, { ...p, party: p.id, ...meta });
        for (const x of topics) putEntity(r.topics, x.id, { ...x, state: 'open', party: b.partyId, ...meta });
        for (const d of items) putEntity(r.dataItems, d.id, { ...d, value: null, ...meta });
        pushEvents(r, events);
        plan?.write();
      },
    };
  });
}
