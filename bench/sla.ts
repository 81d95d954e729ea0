/**
 * SLA evaluation for an inbox of 1,000 cases (issue 8: < 100 ms total), in the two runtimes that
 * evaluate it: Chromium's V8, where the app's inbox runs (Electron ships the same engine), and
 * Node, where `casepact sla` runs. The cases and the pass are bench/_sla-inbox.ts. "cold" is the
 * first pass in a fresh process (the engine's code not yet compiled, time-zone caches empty), as
 * when the inbox opens; "warm" is the median of the next 15 passes, as the inbox re-evaluates on
 * every tick. Chromium: Debian's /usr/bin/chromium or $CHROMIUM_PATH, a fresh browser per run.
 * Output: JSON lines {"name","value","unit","target",...}.
 */
import { build } from 'vite';
import { launchChromium } from '../test/e2e/harness/chromium';
import { BENCH_NOW, inboxPass, makeInbox, timeInbox } from './_sla-inbox';

const CASES = 1000;
const TARGET_MS = 100;
const round = (value: number): number => Math.round(value * 100) / 100;

function print(name: string, value: number, extra: Record<string, unknown> = {}): void {
  console.log(
    JSON.stringify({
      name,
      value: round(value),
      unit: 'ms',
      target: TARGET_MS,
      met: value < TARGET_MS,
      cases: CASES,
      ...extra,
    }),
  );
}

/** The inbox bundled for a page: window.slaInbox(count) runs the same timing as Node does. */
async function browserBundle(): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: {
        entry: new URL('./_sla-inbox-page.ts', import.meta.url).pathname,
        formats: ['iife'],
        name: 'slaBench',
      },
    },
  });
  const results = Array.isArray(output) ? output : [output];
  for (const result of results) {
    if (!('output' in result)) continue;
    const chunk = result.output.find((item) => item.type === 'chunk');
    if (chunk && chunk.type === 'chunk') return chunk.code;
  }
  throw new Error('the browser bundle of the SLA inbox was not built');
}

async function inChromium(): Promise<{ cold: number; warm: number; events: number }> {
  const code = await browserBundle();
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext()).newPage();
    await page.addScriptTag({ content: code });
    return await page.evaluate((count) => {
      const run = (
        window as unknown as { slaInbox: (n: number) => { cold: number; warm: number; events: number } }
      ).slaInbox;
      return run(count);
    }, CASES);
  } finally {
    await browser.close();
  }
}

function inNode(): { cold: number; warm: number; coldCpu: number; events: number } {
  const cases = makeInbox(CASES);
  const events = cases.reduce((sum, c) => sum + c.events.length, 0);
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  inboxPass(cases, BENCH_NOW);
  const cold = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  const { warm } = timeInbox(cases, () => performance.now());
  return { cold, warm, coldCpu: (cpu.user + cpu.system) / 1000, events };
}

// Node first: its cold pass must be the first evaluation in this process.
const node = inNode();
print('sla.inbox-1000.node.cold', node.cold, { cpuMs: round(node.coldCpu), events: node.events });
print('sla.inbox-1000.node.warm', node.warm, { events: node.events });
const chromium = await inChromium();
print('sla.inbox-1000.chromium.cold', chromium.cold, {
  events: chromium.events,
  note: 'the app inbox runtime',
});
print('sla.inbox-1000.chromium.warm', chromium.warm, { events: chromium.events });
