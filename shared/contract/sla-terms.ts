/**
 * SLA terms as the parties negotiate them (data only: the clock engine in
 * shared/sla/ evaluates them). Durations are whole minutes of business time.
 */

export type Priority = 'low' | 'normal' | 'high' | 'urgent';

export const PRIORITIES: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];

/** Kinds of clock a target can set. */
export type SlaTargetKind = 'first-response' | 'resolution';

/** One target: "first response within 60 business minutes for urgent cases (of category X)". */
export interface SlaTarget {
  readonly id: string;
  readonly kind: SlaTargetKind;
  readonly priority: Priority;
  /** When set, the target applies only to cases of this category ("lost pet"). */
  readonly category?: string;
  readonly minutes: number;
  /** The role whose commitment the target is (usually the provider). */
  readonly committedBy: 'customer' | 'provider' | 'partner';
}

/** Working hours on one weekday, minutes after local midnight, [start, end). */
export interface WorkingHours {
  readonly start: number;
  readonly end: number;
}

export interface BusinessCalendar {
  /** IANA time zone, e.g. "Europe/Berlin". */
  readonly timeZone: string;
  /** Index 0 = Sunday … 6 = Saturday; an empty list means a day off. */
  readonly week: readonly (readonly WorkingHours[])[];
  /** Local dates (YYYY-MM-DD) with no working time. */
  readonly holidays: readonly string[];
}

export type EscalationTrigger = 'at-risk' | 'breached';

export type EscalationStep =
  | { readonly kind: 'notify'; readonly roles: readonly ('customer' | 'provider' | 'partner' | 'observer')[] }
  | { readonly kind: 'raise-priority'; readonly to: Priority }
  | { readonly kind: 'propose-partner'; readonly partnerName: string; readonly reason: string }
  | { readonly kind: 'system-event'; readonly text: string };

export interface EscalationRule {
  readonly id: string;
  readonly targetKind: SlaTargetKind;
  readonly on: EscalationTrigger;
  readonly steps: readonly EscalationStep[];
}

export interface SlaTerms {
  readonly targets: readonly SlaTarget[];
  readonly calendar: BusinessCalendar;
  /** Case statuses during which the clocks stop (e.g. "waiting on a party"). */
  readonly pausedStatuses: readonly string[];
  /** Fraction of a target's time after which it counts as at risk (0.75 = 75 %). */
  readonly atRiskThreshold: number;
  readonly escalations: readonly EscalationRule[];
}
