/**
 * The clock the SLA views read. Normally the device clock; end-to-end tests can set a **test
 * clock** so every party's app shows the same instant (a breach "at the same moment"):
 *
 *   localStorage['casepact.test.clock'] = '{"at": 1717405200000}'      fixed instant (ms)
 *   localStorage['casepact.test.clock'] = '{"offsetMs": 3600000}'      device clock + offset
 *
 * Why it is harmless in production: it changes only what this device *displays* for SLA clocks
 * (and its SLA notifications). It never changes a signed timestamp, never signs anything — while
 * it is set, this app does not fire escalations — and the SLA panel says "Test clock" whenever it
 * is in use. It is read on every tick, so a test can change it while the app runs.
 */

export const TEST_CLOCK_KEY = 'casepact.test.clock';

export type TestClockSetting = { readonly at: number } | { readonly offsetMs: number };

/** What the SLA views use as "now", and whether a test clock decided it. */
export interface AppInstant {
  readonly now: number;
  readonly test: boolean;
}

type ReadableStorage = { getItem(key: string): string | null };

function defaultStorage(): ReadableStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // storage disabled by the browser
  }
}

/** The test clock setting, or null when none (or a malformed one) is set. */
export function readTestClock(
  storage: ReadableStorage | undefined = defaultStorage(),
): TestClockSetting | null {
  const raw = storage?.getItem(TEST_CLOCK_KEY);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as { at?: unknown; offsetMs?: unknown };
    if (typeof value.at === 'number' && Number.isFinite(value.at)) return { at: value.at };
    if (typeof value.offsetMs === 'number' && Number.isFinite(value.offsetMs))
      return { offsetMs: value.offsetMs };
  } catch {
    // not JSON: ignored, the device clock applies
  }
  return null;
}

/** "Now" for the SLA views: the test clock when one is set, the device clock otherwise. */
export function appNow(
  storage: ReadableStorage | undefined = defaultStorage(),
  deviceNow: () => number = Date.now,
): AppInstant {
  const setting = readTestClock(storage);
  if (!setting) return { now: deviceNow(), test: false };
  return 'at' in setting
    ? { now: setting.at, test: true }
    : { now: deviceNow() + setting.offsetMs, test: true };
}
