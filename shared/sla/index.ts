/** The SLA engine: business calendars, clocks, escalations. Pure and deterministic. */
export { compileCalendar } from './calendar';
export type { CalendarError, CalendarResult, CompiledCalendar } from './calendar';
export { evaluateSla, minutesToBreach, DEFAULT_STOP_STATUSES } from './evaluate';
export { evaluateEscalations, escalationKey } from './escalation';
export type { EscalationFiring } from './escalation';
export { selectTarget } from './case-clocks';
export { isValidTimeZone, parseLocalDate, formatLocalDate } from './time-zone';
export type * from './types';
