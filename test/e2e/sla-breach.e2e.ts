/**
 * An SLA breach appears in two parties' apps at the same moment, in the same way.
 *
 * Two isolated browser contexts of one Chromium (own identity, own IndexedDB) meet over real
 * WebRTC through Casepact's signaling server. An airline agent opens a lost-baggage claim
 * (first response within 8 hours, at risk after 4) and brings the passenger in by invite link.
 * Nobody answers; the test then moves both apps' SLA clock with the documented test clock
 * (renderer/src/sla/test-clock.ts: localStorage 'casepact.test.clock') to the same instant:
 * first 5 hours after opening (at risk), then 8 hours and a minute (breached). Each app computes
 * its clocks from its own verified copy of the signed log; both must show the same thing.
 *
 * The renderer is built into a temporary folder for this file, so the test always runs the
 * current code whatever else has been built.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignalingServer } from '../../cli/signaling/index';
import { seriousViolations } from './harness/axe';
import { launchChromium } from './harness/chromium';
import { openParty, type Party } from './harness/party';
import { startTestSignaling } from './harness/signaling';
import { freePort, type RunningServer, repoRoot } from './harness/web-server';

const HOUR = 3_600_000;
const TEST_CLOCK_KEY = 'casepact.test.clock';

let outDir: string;
let app: RunningServer;
let signaling: SignalingServer;
let browser: Browser;
let agent: Party;
let passenger: Party;
/** The case was created between these two instants (the test's clock is the browsers' clock). */
let createdAfter = 0;
let createdBefore = 0;

/** `vite preview` of a build made for this test file. */
async function previewBuild(dir: string): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(
    'npx',
    [
      'vite',
      'preview',
      '--config',
      'renderer/vite.config.ts',
      '--outDir',
      dir,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite preview exited early\n${output}`);
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
      throw new Error(`vite preview did not answer\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null || !child.pid) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    },
  };
}

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'casepact-sla-e2e-'));
  execFileSync(
    'npx',
    ['vite', 'build', '--config', 'renderer/vite.config.ts', '--outDir', outDir, '--emptyOutDir'],
    {
      cwd: repoRoot,
      stdio: 'ignore',
    },
  );
  [app, signaling, browser] = await Promise.all([
    previewBuild(outDir),
    startTestSignaling(),
    launchChromium(),
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await signaling?.close();
  await app?.stop();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

async function openTab(page: Page, tab: string): Promise<void> {
  await page.getByTestId(`tab-${tab}`).click();
  await page.getByTestId(`panel-${tab}`).waitFor();
}

/** Sets (or clears, with null) the test clock of several apps at once. */
async function setTestClock(parties: readonly Party[], at: number | null): Promise<void> {
  await Promise.all(
    parties.map((party) =>
      party.page.evaluate(
        ([key, value]) => (value === null ? localStorage.removeItem(key) : localStorage.setItem(key, value)),
        [TEST_CLOCK_KEY, at === null ? null : JSON.stringify({ at })] as const,
      ),
    ),
  );
}

const clocksPanel = (page: Page) => page.getByTestId('sla-clocks');
const firstResponse = (page: Page) => page.getByTestId('sla-clock-first-response');

describe('an SLA breach seen by two parties', () => {
  it('brings the passenger into the airline’s lost-baggage claim', async () => {
    [agent, passenger] = await Promise.all([
      openParty(browser, app.url, { name: 'Ines Ortega', organisation: 'Skyway Airlines' }, signaling.url),
      openParty(browser, app.url, { name: 'Tom Becker', organisation: 'Private passenger' }, signaling.url),
    ]);
    const page = agent.page;
    await page.getByRole('button', { name: 'New case' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New case' });
    await dialog.getByText('Airline lost-item claim').click();
    await dialog.getByLabel('Title', { exact: true }).fill('Suitcase missing after flight SK 1402');
    createdAfter = Date.now();
    await dialog.getByTestId('create-case').click();
    await page.getByTestId('case-header').waitFor({ timeout: 30_000 });
    createdBefore = Date.now();

    await openTab(page, 'members');
    await page.getByTestId('invite').click();
    const invite = page.getByRole('dialog', { name: 'Invite someone' });
    await invite.getByLabel('Role').selectOption({ label: 'Customer' });
    await invite.getByLabel('Joins').selectOption({ label: 'Passenger' });
    await invite.getByTestId('create-invite').click();
    const ready = page.getByRole('dialog', { name: 'Invite link ready' });
    const link = await ready.getByLabel('Invite link').inputValue();
    await ready.getByRole('button', { name: 'Done' }).click();

    await passenger.page.getByRole('button', { name: 'Open invite link' }).first().click();
    await passenger.page.getByLabel('Invite link').fill(link);
    await passenger.page.getByTestId('invite-offer').waitFor();
    await passenger.page.getByTestId('join').click();
    await passenger.page.getByTestId('case-header').waitFor({ timeout: 60_000 });

    // Both copies hold the same signed log: the agent sees the passenger as a member.
    await expect
      .poll(() => page.getByTestId('case-header').textContent(), { timeout: 30_000 })
      .toContain('Tom Becker');
    for (const party of [agent, passenger]) {
      await expect
        .poll(() => firstResponse(party.page).getAttribute('data-state'), { timeout: 15_000 })
        .toBe('on-track');
      expect(await clocksPanel(party.page).getAttribute('data-state')).toBe('ok');
    }
    await agent.shot('sla-1-on-track');
  });

  it('shows the first-response target at risk in both apps once half the time has passed', async () => {
    await setTestClock([agent, passenger], createdBefore + 5 * HOUR);
    for (const party of [agent, passenger]) {
      await expect
        .poll(() => firstResponse(party.page).getAttribute('data-state'), { timeout: 5_000 })
        .toBe('at-risk');
      await expect(party.page.getByTestId('sla-test-clock').textContent()).resolves.toMatch(/^Test clock: /);
    }
    const [a, b] = await Promise.all(
      [agent, passenger].map((party) => clocksPanel(party.page).textContent()),
    );
    expect(a).toMatch(/At risk: First response/);
    expect(a).toBe(b);
    await passenger.shot('sla-2-at-risk');
  });

  it('shows the breach at the same moment, in the same way, in both apps', async () => {
    const at = createdBefore + 8 * HOUR + 60_000;
    await setTestClock([agent, passenger], at);
    const seenAt = await Promise.all(
      [agent, passenger].map(async (party) => {
        await party.page.getByTestId('sla-breach-banner').waitFor({ timeout: 5_000 });
        return Date.now();
      }),
    );
    // Both apps tick every second: the breach shows in both within the same couple of seconds.
    expect(Math.abs((seenAt[0] as number) - (seenAt[1] as number))).toBeLessThan(2_500);

    const views = await Promise.all(
      [agent, passenger].map(async (party) => ({
        banner: await party.page.getByTestId('sla-breach-banner').textContent(),
        panel: await clocksPanel(party.page).textContent(),
        state: await firstResponse(party.page).getAttribute('data-state'),
        remaining: await firstResponse(party.page).getByTestId('sla-remaining').textContent(),
      })),
    );
    expect(views[0]?.state).toBe('breached');
    expect(views[0]?.banner).toMatch(/Target breached: First response — \d+:\d\d overdue/);
    // Overdue by the minute past 8 hours, plus however long the case took to be created.
    const overdueSeconds = (at - createdBefore - 8 * HOUR) / 1000;
    const [minutes, seconds] = (views[0]?.remaining?.match(/^(\d+):(\d\d) overdue$/)?.slice(1) ?? []).map(
      Number,
    );
    const shown = (minutes as number) * 60 + (seconds as number);
    expect(shown).toBeGreaterThanOrEqual(overdueSeconds);
    expect(shown).toBeLessThanOrEqual(overdueSeconds + (createdBefore - createdAfter) / 1000 + 1);
    expect(views[1]).toEqual(views[0]);

    // Each app also told its user, in an in-app toast.
    for (const party of [agent, passenger]) {
      await party.page.getByText('SLA breached: First response').first().waitFor({ timeout: 10_000 });
    }
    // Unmistakable, and still readable by everyone (contrast, names, roles).
    expect(await seriousViolations(agent.page)).toEqual([]);
    await agent.shot('sla-3-breached-agent');
    await passenger.shot('sla-3-breached-passenger');
  });

  it('marks the case breached in both inboxes, and nothing was signed under the test clock', async () => {
    for (const party of [agent, passenger]) {
      await party.page.getByRole('link', { name: '← All cases' }).click();
      const badge = party.page.getByTestId('case-row').first().getByTestId('sla-badge');
      await expect.poll(() => badge.getAttribute('data-state'), { timeout: 10_000 }).toBe('breached');
      await expect(badge.textContent()).resolves.toMatch(/SLA breached/);
    }
    const badges = await Promise.all(
      [agent, passenger].map((party) => party.page.getByTestId('sla-badge').first().textContent()),
    );
    expect(badges[0]).toBe(badges[1]);
    expect(await seriousViolations(passenger.page)).toEqual([]);
    await passenger.shot('sla-4-inbox');

    // The test clock only moved what the apps show: no escalation was signed, so back on the
    // real clock the case is on track again for both.
    await setTestClock([agent, passenger], null);
    for (const party of [agent, passenger]) {
      const badge = party.page.getByTestId('sla-badge').first();
      await expect.poll(() => badge.getAttribute('data-state'), { timeout: 10_000 }).toBe('on-track');
      expect(party.errors).toEqual([]);
    }
  });

  it('turns the resolution into knowledge both parties find again', async () => {
    const page = agent.page;
    await page.getByRole('link', { name: 'Suitcase missing after flight SK 1402' }).click();
    await page.getByRole('button', { name: 'Update status' }).click();
    const dialog = page.getByRole('dialog', { name: 'Update status' });
    await dialog.getByLabel('Status').selectOption('resolved');
    await dialog.getByLabel('Problem', { exact: true }).fill('Suitcase did not arrive on flight SK 1402');
    await dialog.getByLabel('Cause (optional)').fill('Bag tag torn off during the transfer in Copenhagen');
    await dialog
      .getByLabel('Fix', { exact: true })
      .fill('Traced by the bag description in the cargo hold; couriered home');
    await dialog.getByRole('button', { name: 'Save' }).click();

    await passenger.page.getByRole('link', { name: 'Suitcase missing after flight SK 1402' }).click();
    for (const party of [agent, passenger]) {
      await expect
        .poll(() => party.page.getByTestId('case-header').textContent(), { timeout: 30_000 })
        .toMatch(/Resolved/);
      await openTab(party.page, 'overview');
      await expect
        .poll(() => party.page.getByTestId('resolution-summary').textContent(), { timeout: 30_000 })
        .toContain('couriered home');
      // A resolved case stops its clocks: nothing is at risk any more.
      expect(await clocksPanel(party.page).getAttribute('data-state')).toBe('ok');
    }
    await passenger.shot('sla-5-resolved');

    for (const party of [agent, passenger]) {
      await party.page.getByRole('link', { name: '← All cases' }).click();
      await party.page.getByLabel('Search', { exact: true }).fill('torn bag tag');
      const hit = party.page.getByTestId('knowledge-results').getByTestId('knowledge-hit').first();
      await hit.waitFor({ timeout: 10_000 });
      await expect(hit.textContent()).resolves.toMatch(
        /Suitcase missing after flight SK 1402[\s\S]*couriered home/,
      );
      await party.page.getByLabel('Search', { exact: true }).fill('');
    }
    await agent.shot('sla-6-knowledge-search');

    await page.getByRole('button', { name: 'New case' }).first().click();
    const create = page.getByRole('dialog', { name: 'New case' });
    await create.getByLabel('Title', { exact: true }).fill('Suitcase missing after a transfer');
    const similar = create.getByTestId('similar-resolved');
    await similar.waitFor({ timeout: 10_000 });
    await similar.scrollIntoViewIfNeeded();
    await expect(similar.textContent()).resolves.toMatch(/Suitcase missing after flight SK 1402[\s\S]*Fix:/);
    await agent.shot('sla-7-similar-resolved');
    await create.getByRole('button', { name: 'Cancel' }).click();
    for (const party of [agent, passenger]) expect(party.errors).toEqual([]);
  });
});
