/**
 * Clocks of the negotiated actions. An action's clock counts once it is agreed (or in
 * progress) and every action it depends on is done; while a dependency is open it is
 * "waiting". A due date "within N business minutes" runs like a case clock (pausing with the
 * case); a due date at a fixed instant is a fixed instant, measured in business time.
 */
import type { SlaTerms } from '../contract/sla-terms';
import type { CompiledCalendar } from './calendar';
import { measureClock } from './clock';
import type { Interval, TargetSegment } from './clock';
import { MINUTE_MS } from './time-zone';
import type { ActionSnapshot, PausedInterval, SlaClock, SlaCrossing, SlaEvent, SlaState } from './types';

type Mode = 'inactive' | 'waiting' | 'running' | 'paused' | 'done';

interface ActionHistory {
  snapshot: ActionSnapshot;
  /** Mode changes, in time order; each carries the case status at that moment. */
  readonly modes: { at: number; mode: Mode; status: string }[];
  readonly dues: { at: number; snapshot: ActionSnapshot }[];
}

const SETTLED = new Set(['done', 'cancelled', 'rejected']);
const WAITING_STATUS = 'waiting-on-dependency';

function hasUnmetDependency(action: ActionSnapshot, actions: ReadonlyMap<string, ActionHistory>): boolean {
  for (const id of action.dependsOn) {
    const dependency = actions.get(id);
    if (!dependency || !SETTLED.has(dependency.snapshot.status)) return true;
  }
  return false;
}

function unmetDependencies(action: ActionSnapshot, actions: ReadonlyMap<string, ActionHistory>): string[] {
  return action.dependsOn.filter((id) => {
    const dependency = actions.get(id);
    return !dependency || !SETTLED.has(dependency.snapshot.status);
  });
}

/** `ordered` in effective order, `times` their effective times. */
export function actionClocks(
  ordered: readonly SlaEvent[],
  times: Float64Array,
  terms: SlaTerms,
  calendar: CompiledCalendar,
  now: number,
  stopStatuses: ReadonlySet<string>,
): SlaClock[] {
  const actions = new Map<string, ActionHistory>();
  let hasActions = false;
  for (let i = 0; i < ordered.length && !hasActions; i++) hasActions = ordered[i]?.type === 'action';
  if (!hasActions) return [];
  const paused = terms.pausedStatuses;
  let status = '';
  for (let e = 0; e < ordered.length; e++) {
    const event = ordered[e] as SlaEvent;
    const effectiveAt = times[e] as number;
    if (event.type === 'opened' || event.type === 'status') status = event.status;
    else if (event.type === 'action') {
      const history = actions.get(event.action.id);
      if (history) history.snapshot = event.action;
      else actions.set(event.action.id, { snapshot: event.action, modes: [], dues: [] });
      (actions.get(event.action.id) as ActionHistory).dues.push({ at: effectiveAt, snapshot: event.action });
    } else continue;
    // Any change can move any action (a dependency finished, the case paused): recompute all.
    for (const history of actions.values()) {
      const { snapshot } = history;
      let mode: Mode;
      if (snapshot.status === 'done') mode = 'done';
      else if (snapshot.status !== 'agreed' && snapshot.status !== 'in-progress') mode = 'inactive';
      else if (hasUnmetDependency(snapshot, actions)) mode = 'waiting';
      else mode = paused.includes(status) || stopStatuses.has(status) ? 'paused' : 'running';
      const last = history.modes[history.modes.length - 1];
      if (!last || last.mode !== mode || (mode === 'paused' && last.status !== status)) {
        history.modes.push({ at: effectiveAt, mode, status });
      }
    }
  }

  const clocks: SlaClock[] = [];
  const ids = [...actions.keys()].sort();
  for (const id of ids) {
    const history = actions.get(id) as ActionHistory;
    const { snapshot, modes } = history;
    const current = modes[modes.length - 1];
    if (!current || current.mode === 'inactive' || snapshot.due === null) continue;
    const stop = current.mode === 'done' ? current.at : null;
    const end = stop ?? now;
    const waitingOn = current.mode === 'done' ? [] : unmetDependencies(snapshot, actions);
    const base: ClockBase = {
      actionId: id,
      committedBy: snapshot.ownerRole,
      stoppedAt: stop,
      waitingOn,
      phase: phaseOf(current.mode),
    };

    if (snapshot.due.kind === 'at') {
      const first = modes.find((entry) => entry.mode !== 'inactive') as (typeof modes)[number];
      clocks.push(
        record(
          base,
          fixedDue(calendar, first.at, end, stop !== null, snapshot.due.at, terms.atRiskThreshold),
        ),
      );
      continue;
    }

    const startIndex = modes.findIndex(
      (entry) => entry.mode === 'running' || entry.mode === 'paused' || entry.mode === 'done',
    );
    const startEntry = modes[startIndex];
    if (!startEntry) {
      clocks.push(
        record(base, {
          targetMinutes: snapshot.due.minutes,
          startedAt: null,
          dueAt: null,
          atRiskAt: null,
          elapsedMinutes: 0,
          remainingMinutes: snapshot.due.minutes,
          pausedIntervals: [],
          state: 'on-track',
          crossings: [],
        }),
      );
      continue;
    }
    const start = startEntry.at;
    const running: Interval[] = [];
    const pausedIntervals: PausedInterval[] = [];
    for (let i = startIndex; i < modes.length; i++) {
      const entry = modes[i] as (typeof modes)[number];
      const next = modes[i + 1]?.at ?? Infinity;
      const to = Math.min(next, end);
      if (entry.mode === 'running' && to > entry.at) running.push({ from: entry.at, to });
      else if (entry.mode === 'paused' || entry.mode === 'waiting' || entry.mode === 'inactive') {
        const ongoing = stop === null && next === Infinity;
        if (to > entry.at || ongoing) {
          const reason =
            entry.mode === 'paused' ? entry.status : entry.mode === 'waiting' ? WAITING_STATUS : 'inactive';
          pausedIntervals.push({ from: entry.at, to: ongoing ? null : to, status: reason });
        }
      }
    }
    const segments: TargetSegment[] = [];
    for (const due of history.dues) {
      const minutes = due.snapshot.due?.kind === 'within' ? due.snapshot.due.minutes : null;
      const last = segments[segments.length - 1];
      if (!last || last.minutes !== minutes) segments.push({ from: due.at, minutes });
    }
    const figures = measureClock(calendar, {
      start,
      end,
      stopped: stop !== null,
      running,
      segments,
      threshold: terms.atRiskThreshold,
    });
    clocks.push(
      record(base, {
        targetMinutes: figures.targetMinutes,
        startedAt: start,
        dueAt: figures.dueAt,
        atRiskAt: figures.atRiskAt,
        elapsedMinutes: figures.elapsedMs / MINUTE_MS,
        remainingMinutes: figures.remainingMs === null ? null : figures.remainingMs / MINUTE_MS,
        pausedIntervals,
        state: figures.state,
        crossings: figures.crossings,
      }),
    );
  }
  return clocks;
}

interface ClockBase {
  readonly actionId: string;
  readonly committedBy: SlaClock['committedBy'];
  readonly stoppedAt: number | null;
  readonly waitingOn: readonly string[];
  readonly phase: SlaClock['phase'];
}
type ClockFigures = Pick<
  SlaClock,
  | 'targetMinutes'
  | 'startedAt'
  | 'dueAt'
  | 'atRiskAt'
  | 'elapsedMinutes'
  | 'remainingMinutes'
  | 'pausedIntervals'
  | 'state'
  | 'crossings'
>;

/** One literal with the same key order as case clocks (no spreads: the inbox builds thousands). */
function record(base: ClockBase, figures: ClockFigures): SlaClock {
  return {
    id: `action:${base.actionId}`,
    kind: 'action',
    targetId: null,
    actionId: base.actionId,
    committedBy: base.committedBy,
    targetMinutes: figures.targetMinutes,
    startedAt: figures.startedAt,
    stoppedAt: base.stoppedAt,
    dueAt: figures.dueAt,
    atRiskAt: figures.atRiskAt,
    elapsedMinutes: figures.elapsedMinutes,
    remainingMinutes: figures.remainingMinutes,
    pausedIntervals: figures.pausedIntervals,
    phase: base.phase,
    waitingOn: base.waitingOn,
    state: figures.state,
    crossings: figures.crossings,
  };
}

function phaseOf(mode: Mode): SlaClock['phase'] {
  if (mode === 'done') return 'stopped';
  if (mode === 'waiting' || mode === 'paused') return mode;
  return 'running';
}

/** A fixed due instant: business time from the agreement to it, at risk past the threshold. */
function fixedDue(
  calendar: CompiledCalendar,
  start: number,
  end: number,
  stopped: boolean,
  dueAt: number,
  threshold: number,
): ClockFigures {
  const total = calendar.businessMsBetween(start, dueAt);
  const atRiskAt = calendar.addBusinessMs(start, total * threshold) ?? start;
  const remaining =
    end <= dueAt ? calendar.businessMsBetween(end, dueAt) : -calendar.businessMsBetween(dueAt, end);
  const crossings: SlaCrossing[] = [];
  if (atRiskAt <= end) crossings.push({ trigger: 'at-risk', at: Math.max(atRiskAt, start), ordinal: 1 });
  if (dueAt < end) crossings.push({ trigger: 'breached', at: Math.max(dueAt, start), ordinal: 1 });
  const state: SlaState =
    end > dueAt ? 'breached' : stopped ? 'met' : end >= atRiskAt ? 'at-risk' : 'on-track';
  return {
    targetMinutes: null,
    startedAt: start,
    dueAt,
    atRiskAt,
    elapsedMinutes: calendar.businessMsBetween(start, end) / MINUTE_MS,
    remainingMinutes: remaining / MINUTE_MS,
    pausedIntervals: [],
    state,
    crossings,
  };
}
