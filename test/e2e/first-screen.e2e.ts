import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './harness/chromium';
import { saveScreenshot } from './harness/screenshots';
import { type RunningServer, startNpmServer } from './harness/web-server';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startNpmServer('web');
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('first run, served by `npm run web`', () => {
  it('welcomes a new user, creates an identity, shows the empty inbox and unlocks after a reload', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);

    await expect.poll(() => page.locator('.brand-name').textContent()).toBe('Casepact');
    await page.getByRole('heading', { name: 'Welcome to Casepact' }).waitFor();
    expect(await page.getByTestId('identity-placeholder').textContent()).toContain('No identity yet');
    expect(await page.getByTestId('app-version').textContent()).toMatch(/^v\d+\.\d+\.\d+/);
    await saveScreenshot(page, 'first-screen');

    await page.getByLabel('Your name').fill('Dana Whitfield');
    await page.getByLabel('Organisation').fill('Northwind PCs');
    await page.getByLabel('Passphrase', { exact: true }).fill('short');
    await page.getByLabel('Passphrase again').fill('short');
    await page.getByRole('button', { name: 'Create identity' }).click();
    await page.getByRole('alert').filter({ hasText: 'at least 8 characters' }).waitFor();

    await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery');
    await page.getByLabel('Passphrase again').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create identity' }).click();
    await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    const chip = await page.getByTestId('identity-chip').textContent();
    expect(chip).toContain('Dana Whitfield');
    expect(chip).toMatch(/[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}/);
    expect(await page.getByTestId('inbox-empty').textContent()).toContain('No cases yet');
    await saveScreenshot(page, 'empty-inbox');

    await page.reload();
    await page.getByRole('heading', { name: 'Welcome back, Dana Whitfield' }).waitFor();
    await page.getByLabel('Passphrase').fill('wrong passphrase');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('alert').filter({ hasText: 'does not open this identity' }).waitFor();
    await page.getByLabel('Passphrase').fill('correct horse battery');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
