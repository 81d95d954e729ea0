/** Page entry of bench/sla.ts: the same inbox and timing as in Node, for Chromium. */
import { makeInbox, timeInbox } from './_sla-inbox';

(window as unknown as { slaInbox: (count: number) => unknown }).slaInbox = (count: number) => {
  const cases = makeInbox(count);
  const events = cases.reduce((sum, c) => sum + c.events.length, 0);
  return { ...timeInbox(cases, () => performance.now()), events };
};
