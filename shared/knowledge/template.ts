/**
 * "Save as template": a resolved case's process (its parties as roles, its actions in order, the
 * data items it needed, its SLA terms) becomes a reusable process template. Pure: the caller
 * stores the result (docs/process-template.md). Case-specific content is left out on purpose —
 * data item values (often personal data), party and member ids, the names of parties that are
 * persons, and actions that were rejected or cancelled.
 */
import { type PartyKind, ROLES, type Role } from '../contract/model';
import type { Priority, SlaTerms } from '../contract/sla-terms';
import { LIMITS } from '../contract/validate';
import { compileCalendar } from '../sla/calendar';

/** A resolved case's process, mirroring the contract's views; `party` fields are the case's party ids. */
export interface TemplateSource {
  readonly caseId: string;
  readonly status: string;
  readonly priority: Priority;
  readonly category: string | null;
  readonly openedAt: number;
  readonly parties: readonly {
    readonly id: string;
    readonly name: string;
    readonly kind: PartyKind;
    readonly role: Role;
  }[];
  readonly topics: readonly string[];
  readonly actions: readonly {
    readonly id: string;
    readonly title: string;
    readonly description: string;
    readonly party: string;
    readonly status: 'proposed' | 'agreed' | 'in-progress' | 'done' | 'rejected' | 'cancelled';
    readonly dependsOn: readonly string[];
    readonly dueAt: number | null;
    /** Title of the linked topic, if any. */
    readonly topic: string | null;
  }[];
  readonly dataItems: readonly {
    readonly label: string;
    readonly kind: 'text' | 'number' | 'date' | 'choice' | 'boolean' | 'attachment';
    readonly choices: readonly string[] | null;
    readonly party: string;
  }[];
  readonly sla: SlaTerms | null;
}

/** An action's deadline relative to the start of a case made from the template. */
export type TemplateDue =
  | { readonly unit: 'business-minutes'; readonly value: number }
  | { readonly unit: 'minutes'; readonly value: number };

export interface ProcessTemplate {
  readonly format: 'casepact-template';
  readonly version: 1;
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly priority: Priority;
  readonly category: string | null;
  /** The case the template was saved from (kept locally; not needed to use the template). */
  readonly createdFrom: string;
  /** The case's parties as roles (p1, p2, …); a person's name is replaced by its role's word. */
  readonly parties: readonly {
    readonly key: string;
    readonly name: string;
    readonly kind: PartyKind;
    readonly role: Role;
  }[];
  readonly topics: readonly string[];
  /** In dependency order; `key`s are local to the template (a1, a2, …); `party` is a party key. */
  readonly actions: readonly {
    readonly key: string;
    readonly title: string;
    readonly description: string;
    readonly party: string;
    readonly dependsOn: readonly string[];
    readonly due: TemplateDue | null;
    readonly topic: string | null;
  }[];
  /** Fields to fill in; never the old case's values. */
  readonly dataItems: readonly {
    readonly key: string;
    readonly label: string;
    readonly kind: TemplateSource['dataItems'][number]['kind'];
    readonly choices: readonly string[] | null;
    readonly party: string;
  }[];
  readonly sla: SlaTerms | null;
}

export type TemplateError =
  | { readonly code: 'not-resolved'; readonly status: string }
  | { readonly code: 'invalid-name' }
  | { readonly code: 'invalid-description' }
  | { readonly code: 'dependency-cycle'; readonly actionIds: readonly string[] }
  /** An action or data item names a party missing from `parties` (a damaged snapshot). */
  | { readonly code: 'unknown-party'; readonly partyId: string };

const KEPT = new Set(['agreed', 'in-progress', 'done']);
const RESOLVED = new Set(['resolved', 'closed']);
/** What a person party is called in a template: people's names stay with their case. */
const ROLE_NAMES: Readonly<Record<Role, string>> = {
  customer: 'Customer',
  provider: 'Provider',
  partner: 'Partner',
  observer: 'Observer',
};

/** Why a case cannot become a template, as a sentence for the person trying. */
export function templateErrorSentence(error: TemplateError): string {
  switch (error.code) {
    case 'not-resolved':
      return `Only a resolved or closed case can be saved as a template; this one is ${error.status}.`;
    case 'invalid-name':
      return 'Give the template a name of 1 to 200 characters.';
    case 'invalid-description':
      return 'Keep the description under 5,000 characters.';
    case 'dependency-cycle':
      return 'The agreed actions of this case depend on each other in a circle, so they have no order to save.';
    case 'unknown-party':
      return 'An action or data item of this case belongs to a party this copy does not hold yet; sync the case and try again.';
  }
}

/** Turns a resolved case into a process template. */
export function templateFromCase(
  source: TemplateSource,
  meta: { readonly id: string; readonly name: string; readonly description?: string },
): { ok: true; template: ProcessTemplate } | { ok: false; error: TemplateError } {
  if (!RESOLVED.has(source.status))
    return { ok: false, error: { code: 'not-resolved', status: source.status } };
  const name = meta.name.trim();
  if (name.length === 0 || name.length > LIMITS.title || meta.id.length === 0)
    return { ok: false, error: { code: 'invalid-name' } };
  const description = meta.description?.trim() ?? '';
  if (description.length > LIMITS.description) return { ok: false, error: { code: 'invalid-description' } };

  const all = new Map(source.actions.map((action) => [action.id, action]));
  const kept = source.actions.filter((action) => KEPT.has(action.status));
  const keptIds = new Set(kept.map((action) => action.id));
  // A dependency on a dropped action is replaced by what that action depended on, so the
  // order of the remaining steps survives.
  const effectiveDeps = (id: string, seen = new Set<string>()): string[] => {
    const out = new Set<string>();
    for (const dep of all.get(id)?.dependsOn ?? []) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      if (keptIds.has(dep)) out.add(dep);
      else for (const inherited of effectiveDeps(dep, seen)) out.add(inherited);
    }
    return [...out];
  };
  const deps = new Map(kept.map((action) => [action.id, effectiveDeps(action.id)]));

  // Topological order, ties kept in the case's order.
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < kept.length) {
    const next = kept.find((a) => !placed.has(a.id) && (deps.get(a.id) ?? []).every((d) => placed.has(d)));
    if (!next) {
      const stuck = kept.filter((a) => !placed.has(a.id)).map((a) => a.id);
      return { ok: false, error: { code: 'dependency-cycle', actionIds: stuck } };
    }
    ordered.push(next.id);
    placed.add(next.id);
  }
  const keyOf = new Map(ordered.map((id, i) => [id, `a${i + 1}`]));
  // Keys by role (customer first), so the same process gets the same keys whatever the party ids.
  const parties = [...source.parties].sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role));
  const partyKey = new Map(parties.map((party, i) => [party.id, `p${i + 1}`]));
  const orphan = [...kept, ...source.dataItems].find((x) => !partyKey.has(x.party));
  if (orphan) return { ok: false, error: { code: 'unknown-party', partyId: orphan.party } };
  const ownerKey = (party: string): string => partyKey.get(party) as string;

  const calendar = source.sla ? compileCalendar(source.sla.calendar) : undefined;
  const dueOf = (dueAt: number | null): TemplateDue | null => {
    if (dueAt === null) return null;
    if (calendar?.ok) {
      return {
        unit: 'business-minutes',
        value: Math.max(0, Math.round(calendar.calendar.minutesBetween(source.openedAt, dueAt))),
      };
    }
    return { unit: 'minutes', value: Math.max(0, Math.round((dueAt - source.openedAt) / 60_000)) };
  };

  return {
    ok: true,
    template: {
      format: 'casepact-template',
      version: 1,
      id: meta.id,
      name,
      description,
      priority: source.priority,
      category: source.category,
      createdFrom: source.caseId,
      parties: parties.map((party) => ({
        key: ownerKey(party.id),
        name: party.kind === 'person' ? ROLE_NAMES[party.role] : party.name,
        kind: party.kind,
        role: party.role,
      })),
      topics: [...new Set(source.topics)],
      actions: ordered.map((id) => {
        const action = all.get(id) as TemplateSource['actions'][number];
        return {
          key: keyOf.get(id) as string,
          title: action.title,
          description: action.description,
          party: ownerKey(action.party),
          dependsOn: ordered
            .filter((other) => (deps.get(id) ?? []).includes(other))
            .map((dep) => keyOf.get(dep) as string),
          due: dueOf(action.dueAt),
          topic: action.topic,
        };
      }),
      dataItems: source.dataItems.map((item, i) => ({
        key: `d${i + 1}`,
        label: item.label,
        kind: item.kind,
        choices: item.choices ? [...item.choices] : null,
        party: ownerKey(item.party),
      })),
      sla: source.sla ? (JSON.parse(JSON.stringify(source.sla)) as SlaTerms) : null,
    },
  };
}
