/**
 * "Check a signed copy" in the built app: an agent and a customer sign version 1 of a real case,
 * the customer exports the signed copy (a download in the web build) and checks it on the new
 * screen; then a copy with one flipped byte in an envelope, an empty file and garbage, each with
 * its precise reason; and the same check in dark mode without any identity. axe-core must find
 * no serious or critical violation on the screen.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './harness/axe';
import { invite, join, newCase, openTab } from './harness/case-steps';
import { largeSignedCopy } from './harness/large-copy';
import type { Party } from './harness/party';
import { saveScreenshot } from './harness/screenshots';
import { stageForFile } from './harness/stage';

const stage = stageForFile();
const TITLE = 'Workstation reboots during firmware update';
const folder = path.resolve(import.meta.dirname, 'screenshots');
let agent: Party;
let customer: Party;
let copy: Buffer;

async function sign(party: Party): Promise<void> {
  await openTab(party.page, 'agreements');
  await party.page.getByTestId('sign-version').click();
  await party.page.getByRole('dialog').getByRole('button', { name: 'Sign version 1' }).click();
}

/** Picks a file on the check screen (from disk or from bytes) and waits for the verdict. */
async function check(page: Page, file: string | { name: string; buffer: Buffer }): Promise<void> {
  const input = page.getByLabel('Signed copy file');
  await input.waitFor();
  await input.setInputFiles(
    typeof file === 'string' ? file : { ...file, mimeType: 'application/octet-stream' },
  );
  await page.locator('[data-testid="copy-valid"], [data-testid="copy-invalid"]').waitFor({ timeout: 60_000 });
}

/** The copy with one byte flipped inside envelope #n's signed update; returns the author and seq. */
function flipInEnvelope(file: Buffer, n: number): Buffer {
  const [bodyLine, trailer] = file.toString('utf8').split('\n') as [string, string];
  const body = JSON.parse(bodyLine) as { envelopes: string[] };
  const bytes = Buffer.from(body.envelopes[n - 1] as string, 'base64');
  const at = bytes.length - 64 - 3; // inside the update, just before the 64-byte signature
  bytes[at] = (bytes[at] as number) ^ 0x01;
  body.envelopes[n - 1] = bytes.toString('base64');
  return Buffer.from(`${JSON.stringify(body)}\n${trailer}\n`, 'utf8');
}

/** Closes the export and signing toasts, so screenshots show the screen itself. */
async function dismissToasts(page: Page): Promise<void> {
  const dismiss = page.getByRole('button', { name: 'Dismiss' });
  while ((await dismiss.count()) > 0) await dismiss.first().click();
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

describe('check a signed copy in the app', () => {
  it('has an agent and a customer sign version 1, and the customer export the signed copy', async () => {
    [agent, customer] = await Promise.all([
      stage.party({ name: 'Dana Whitfield', organisation: 'Northwind PCs' }),
      stage.party({ name: 'Keith Brown', organisation: 'Brown Architects' }),
    ]);
    await newCase(agent.page, 'Hardware fault involving other vendors', TITLE);
    await join(customer, await invite(agent.page, 'Customer', 'Customer'));

    await sign(agent);
    await sign(customer);
    for (const party of [agent, customer])
      await expect
        .poll(() => party.page.getByTestId('agreement-state').textContent(), { timeout: 30_000 })
        .toBe('Version 1 agreed by all');

    const download = customer.page.waitForEvent('download');
    await customer.page.getByTestId('export-copy').click();
    const file = path.join(folder, (await download).suggestedFilename());
    await (await download).saveAs(file);
    copy = readFileSync(file);
    expect(copy.toString('utf8')).toMatch(/^\{"format":"casepact-signed-copy","version":1,/);
  });

  it('checks the exported copy from the inbox and shows what it proves', async () => {
    const page = customer.page;
    await page.getByRole('link', { name: '← All cases' }).click();
    await dismissToasts(page);
    await page.getByRole('button', { name: 'Check a signed copy' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check a signed copy' }).waitFor();
    await expectAccessible(page);
    await check(page, path.join(folder, 'Workstation-reboots-during-firmware-update.casepact'));

    const valid = page.getByTestId('copy-valid');
    expect(await valid.getByRole('heading', { level: 2 }).textContent()).toContain(
      'This signed copy checks out',
    );
    // Focus moves to the verdict so a screen reader reads it first.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('checks out');
    expect(await page.getByTestId('copy-title').textContent()).toBe(TITLE);
    expect(await valid.textContent()).toContain('Keith Brown (Brown Architects)');
    const parties = valid.getByTestId('copy-party');
    // The template's four parties, customer first; two have joined.
    expect(await parties.locator('strong').allTextContents()).toEqual([
      'Customer',
      'Northwind PCs',
      'Boot chip maker',
      'Operating system vendor',
    ]);
    const keiths = parties.filter({ hasText: 'Keith Brown' });
    expect(await keiths.locator('.badge').textContent()).toBe('Customer');
    expect(await keiths.getByRole('listitem').textContent()).toMatch(
      /^Keith Brown \(Brown Architects\) · Customer · key [A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/,
    );
    const version = valid.getByTestId('copy-version-1');
    expect(await version.getByRole('heading').textContent()).toBe('Version 1 Agreed');
    const signers = await version.getByRole('rowheader').allTextContents();
    expect(signers.sort()).toEqual(['Dana WhitfieldNorthwind PCs', 'Keith BrownBrown Architects']);
    const changes = Number(
      (await page.getByTestId('copy-changes').textContent())
        ?.match(/^([\d,]+) signed/)?.[1]
        ?.replace(',', ''),
    );
    const body = JSON.parse(copy.toString('utf8').split('\n')[0] as string) as { envelopes: string[] };
    expect(changes).toBe(body.envelopes.length);
    await saveScreenshot(page, 'verify-copy-valid');
    await expectAccessible(page);
  });

  it('refuses a copy with one flipped byte in an envelope, an empty file and garbage', async () => {
    const page = customer.page;
    await page.getByRole('button', { name: 'Check another file' }).click();
    await check(page, { name: 'tampered.casepact', buffer: flipInEnvelope(copy, 3) });
    const invalid = page.getByTestId('copy-invalid');
    expect(await invalid.getByRole('heading', { level: 2 }).textContent()).toContain(
      'This file does not check out',
    );
    expect(await page.getByTestId('copy-reason').textContent()).toMatch(
      /^Envelope #3 \(change #\d+ by key [A-Z2-7]{4}(-[A-Z2-7]{4}){3}\): the signature does not verify\.$/,
    );
    expect(await invalid.textContent()).toContain('Ask the sender for a fresh export');
    await saveScreenshot(page, 'verify-copy-tampered');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Check another file' }).click();
    await check(page, { name: 'empty.casepact', buffer: Buffer.alloc(0) });
    expect(await invalid.getByRole('heading', { level: 2 }).textContent()).toContain('This file is empty');

    await page.getByRole('button', { name: 'Check another file' }).click();
    const garbage = Buffer.alloc(3 * 1024 * 1024);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 2654435761) >>> 24;
    await check(page, { name: 'holiday.jpg', buffer: garbage });
    expect(await invalid.getByRole('heading', { level: 2 }).textContent()).toContain(
      'it is not a complete Casepact signed copy',
    );
    expect(await page.getByTestId('copy-reason').textContent()).toBe('The file is not UTF-8 text.');
    expect([...agent.errors, ...customer.errors]).toEqual([]);
  });

  it('checks a 6,000-change copy in a worker: the bar moves through the phases, the page keeps answering', async () => {
    const big = await largeSignedCopy('Fleet of desktops stuck in POST', 5_999);
    const page = customer.page;
    await page.getByRole('button', { name: 'Check another file' }).click();
    await page.getByLabel('Signed copy file').waitFor();
    // In the page: every state the bar shows, and the longest the main thread is busy while the
    // copy is checked (verifying 6,000 changes on it would freeze the page for seconds).
    await page.evaluate(() => {
      const w = window as unknown as { shown: [string, number][]; longestGap: number };
      w.shown = [];
      w.longestGap = 0;
      const bar = () => document.querySelector('progress');
      new MutationObserver(() => {
        const label = bar()?.getAttribute('aria-label');
        const value = Number(bar()?.getAttribute('value'));
        const last = w.shown.at(-1);
        if (label && (last?.[0] !== label || last[1] !== value)) w.shown.push([label, value]);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      let last = performance.now();
      const tick = () => {
        const now = performance.now();
        // From the checker's first report on (reading the file is the browser's own work).
        const label = bar()?.getAttribute('aria-label');
        if (label && label !== 'Reading the file…') w.longestGap = Math.max(w.longestGap, now - last);
        last = now;
        if (!document.querySelector('[data-testid="copy-valid"], [data-testid="copy-invalid"]'))
          setTimeout(tick, 10);
      };
      setTimeout(tick, 10);
    });
    await page.getByLabel('Signed copy file').setInputFiles({
      name: 'fleet.casepact',
      mimeType: 'application/octet-stream',
      buffer: big,
    });
    await page.waitForFunction(() =>
      document.querySelector('progress')?.getAttribute('aria-label')?.startsWith('Checking the signature'),
    );
    await saveScreenshot(page, 'verify-copy-progress');
    await page.getByTestId('copy-valid').waitFor({ timeout: 60_000 });
    const { shown, longestGap } = await page.evaluate(() => {
      const w = window as unknown as { shown: [string, number][]; longestGap: number };
      return { shown: w.shown, longestGap: w.longestGap };
    });
    const phases = [...new Set(shown.map(([label]) => label.replace(/\(\d[\d,]* of/, '(… of')))];
    // The summary phase is over in milliseconds and may not get a frame of its own.
    expect(phases.slice(0, 3)).toEqual([
      'Reading the file…',
      'Checking the signature on each change (… of 6,000)…',
      'Replaying 6,000 signed changes through the case rules…',
    ]);
    expect(shown.filter(([label]) => label.startsWith('Checking the signature')).length).toBeGreaterThan(3);
    const values = shown.map(([, value]) => value);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(longestGap).toBeLessThan(250);
    expect(await page.getByTestId('copy-changes').textContent()).toMatch(
      /^6,000 signed changes, every signature valid/,
    );
  });

  it('checks a copy without any identity, in dark mode', async () => {
    const context = await stage.browser.newContext({
      viewport: { width: 1280, height: 900 },
      colorScheme: 'dark',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(stage.app.url);
    await page.getByRole('link', { name: 'Check it without an identity' }).click();
    await check(page, { name: 'case.casepact', buffer: copy });
    expect(await page.getByTestId('copy-title').textContent()).toBe(TITLE);
    await saveScreenshot(page, 'verify-copy-valid-dark');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Check another file' }).click();
    await check(page, { name: 'tampered.casepact', buffer: flipInEnvelope(copy, 4) });
    await saveScreenshot(page, 'verify-copy-tampered-dark');
    await expectAccessible(page);
    await page.getByRole('link', { name: '← Back' }).click();
    await page.getByLabel('Your name').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
