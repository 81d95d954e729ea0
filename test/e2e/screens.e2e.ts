/**
 * The real app, served by `npm run web`: the empty inbox and its two ways in, the new-case dialog
 * with its templates, a case created from the hardware-fault template (signed, stored in
 * IndexedDB), its workspace tabs, and the inbox row with search and filters. Screenshots land in
 * test/e2e/screenshots/; axe-core must find no serious or critical violation on each screen.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './harness/axe';
import { launchChromium } from './harness/chromium';
import { saveScreenshot } from './harness/screenshots';
import { type RunningServer, startNpmServer } from './harness/web-server';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startNpmServer('web');
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

describe('inbox and case screens in the real app', () => {
  it('starts empty with two ways in, creates a case from a template and lists it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await page.getByLabel('Your name').fill('Dana Whitfield');
    await page.getByLabel('Organisation').fill('Northwind PCs');
    await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery');
    await page.getByLabel('Passphrase again').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create identity' }).click();

    const empty = page.getByTestId('inbox-empty');
    await empty.waitFor();
    expect(await empty.getByRole('button', { name: 'New case' }).count()).toBe(1);
    expect(await empty.getByRole('button', { name: 'Open invite link' }).count()).toBe(1);
    await saveScreenshot(page, 'screens-inbox-empty');
    await expectAccessible(page);

    await empty.getByRole('button', { name: 'New case' }).click();
    const dialog = page.getByRole('dialog', { name: 'New case' });
    await dialog.waitFor();
    expect(await dialog.getByText('Hardware fault involving other vendors').count()).toBe(1);
    await dialog.getByTestId('create-case').click();
    await dialog.getByRole('alert').filter({ hasText: 'Give the case a title' }).waitFor();
    await dialog.getByLabel('Title', { exact: true }).fill('New desktop PC does not boot');
    await saveScreenshot(page, 'screens-new-case');
    await expectAccessible(page);
    await dialog.getByTestId('create-case').click();

    await page.getByTestId('case-header').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('New desktop PC does not boot');
    expect(await page.getByTestId('verification-state').textContent()).toContain('Verified');
    await saveScreenshot(page, 'screens-case-overview');
    await expectAccessible(page);
    for (const tab of ['negotiation', 'actions', 'data', 'agreements', 'members']) {
      await page.getByTestId(`tab-${tab}`).click();
      await page.getByTestId(`panel-${tab}`).waitFor();
      await saveScreenshot(page, `screens-case-${tab}`);
      await expectAccessible(page);
    }

    // Sign version 1 for real (Ed25519 over the terms hash) and export the signed copy.
    await page.getByTestId('tab-agreements').click();
    await page.getByTestId('sign-version').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Sign version 1' }).click();
    await page
      .getByTestId('version-1')
      .getByRole('rowheader', { name: /Dana Whitfield/ })
      .waitFor();
    expect(await page.getByTestId('version-1').getByText('Valid').count()).toBe(1);
    expect(await page.getByTestId('agreement-state').textContent()).toBe(
      'Version 1 signed by Northwind PCs — no other party has joined yet',
    );
    const download = page.waitForEvent('download');
    await page.getByTestId('export-copy').click();
    expect((await download).suggestedFilename()).toBe('New-desktop-PC-does-not-boot.casepact');
    await saveScreenshot(page, 'screens-case-signed');

    await page.getByRole('link', { name: '← All cases' }).click();
    const row = page.getByTestId('case-row');
    await row.waitFor();
    expect(await row.textContent()).toContain('New desktop PC does not boot');
    await saveScreenshot(page, 'screens-inbox-one-case');
    await expectAccessible(page);
    await page.getByRole('searchbox', { name: 'Search' }).fill('baggage');
    await page.getByText('No case matches').waitFor();
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await row.waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
