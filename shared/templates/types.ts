/**
 * Case templates (process definitions): the parties a kind of case involves, its topics, the data
 * items to collect, a sequenced plan of actions, and SLA terms. Parts refer to each other by keys
 * local to the template; createCaseFromTemplate turns keys into document ids.
 */
import type { DataItemKind, PartyKind, Priority, Role, SlaTerms } from '../contract';

export interface TemplateParty {
  readonly key: string;
  /** Default name; the creator usually replaces it with the real organisation or person. */
  readonly name: string;
  readonly kind: PartyKind;
  readonly role: Role;
  /** Who this party is in the process, for the template picker. */
  readonly description: string;
}

export interface TemplateTopic {
  readonly key: string;
  readonly title: string;
}

export interface TemplateDataItem {
  readonly key: string;
  readonly label: string;
  readonly kind: DataItemKind;
  readonly choices?: readonly string[];
  /** Key of the owner party (the one that provides the value). */
  readonly party: string;
}

export interface TemplateAction {
  readonly key: string;
  readonly title: string;
  readonly description: string;
  /** Key of the owner party. */
  readonly party: string;
  /** Due this many minutes after the case is created (wall-clock). */
  readonly dueInMinutes?: number;
  /**
   * Due after this many minutes of working time of the template's SLA calendar, counted from the
   * case's creation (saved templates keep a resolved case's deadlines this way). Needs `sla`.
   */
  readonly dueInBusinessMinutes?: number;
  /** Keys of actions of this template that must be done first. */
  readonly dependsOn?: readonly string[];
  readonly topic?: string;
}

export interface CaseTemplate {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly priority: Priority;
  /** Categories the case may have (per-category SLA targets use them); the first is the default. */
  readonly categories: readonly string[];
  /** Keys of the parties that may start this kind of case. */
  readonly creators: readonly string[];
  readonly parties: readonly TemplateParty[];
  readonly topics: readonly TemplateTopic[];
  readonly dataItems: readonly TemplateDataItem[];
  readonly actions: readonly TemplateAction[];
  /** Null when the case the template was saved from had no SLA terms (every shipped one has). */
  readonly sla: SlaTerms | null;
  /** Where the process comes from (the domain source it is drawn from). */
  readonly source: string;
}

/** Working hours helper: the same hours on Monday–Friday, optional Saturday hours, Sunday off. */
export function weekdays(startHour: number, endHour: number, saturday?: readonly [number, number]) {
  const day = [{ start: startHour * 60, end: endHour * 60 }];
  const sat = saturday ? [{ start: saturday[0] * 60, end: saturday[1] * 60 }] : [];
  return [[], day, day, day, day, day, sat];
}

/** Round-the-clock working hours. */
export const ALWAYS = [0, 1, 2, 3, 4, 5, 6].map(() => [{ start: 0, end: 24 * 60 }]);
