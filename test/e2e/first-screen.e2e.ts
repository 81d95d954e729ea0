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

describe('first screen, served by `npm run web`', () => {
  it('shows the app name, the identity placeholder and the empty inbox', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await expect.poll(() => page.locator('.brand-name').textContent()).toBe('Casepact');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Cases');
    expect(await page.getByTestId('identity-placeholder').textContent()).toContain('No identity yet');
    expect(await page.getByTestId('inbox-empty').textContent()).toContain('No cases yet');
    expect(await page.getByTestId('app-version').textContent()).toMatch(/^v\d+\.\d+\.\d+/);
    await saveScreenshot(page, 'first-screen');
    expect(errors).toEqual([]);
  });
});
