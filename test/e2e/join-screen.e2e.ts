/**
 * The join screen: a pasted invite link shows what it offers (role, case, inviter's fingerprint,
 * expiry, single use) once its signature checks out, and every kind of bad link gets its own
 * sentence. Links are made by the workbench session with shared/invite (real signatures).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './harness/axe';
import { launchChromium } from './harness/chromium';
import { saveScreenshot } from './harness/screenshots';
import { startViteServer } from './harness/vite-server';
import type { RunningServer } from './harness/web-server';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startViteServer('test/e2e/workbench/vite.config.ts');
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

type Workbench = {
  session: { createInvite(o: object): Promise<{ ok: boolean; value: { link: string } }> };
};

async function makeLink(page: Page, options: object): Promise<string> {
  return page.evaluate(async (o) => {
    const wb = (window as unknown as { workbench: Workbench }).workbench;
    const r = await wb.session.createInvite(o);
    return r.value.link;
  }, options);
}

async function paste(page: Page, text: string): Promise<void> {
  await page.getByLabel('Invite link').fill(text);
}

async function errorText(page: Page): Promise<string> {
  const error = page.getByTestId('invite-error');
  await error.waitFor();
  return (await error.textContent()) ?? '';
}

describe('join screen', () => {
  it("shows a good link's offer and a sentence for each bad link", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}?as=agent#/join`);
    await page.getByRole('heading', { name: 'Join a case' }).waitFor();
    const week = 7 * 24 * 3_600_000;
    const good = await makeLink(page, { role: 'partner', expiresInMs: week, singleUse: true });
    const other = await makeLink(page, { role: 'observer', expiresInMs: week, singleUse: false });

    await paste(page, `Hi Priya, here is the link: ${good} — see you there`);
    const offer = page.getByTestId('invite-offer');
    await offer.waitFor();
    const text = (await offer.textContent()) ?? '';
    expect(text).toContain('Partner');
    // Only the link is known here: no title or inviter name yet, but the inviter's key fingerprint.
    expect(text).toContain('A case you do not have yet');
    expect(text).toMatch(/[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}/);
    expect(text).toContain('Single use');
    await saveScreenshot(page, 'join-offer');
    expect(await seriousViolations(page)).toEqual([]);

    await paste(page, 'hello there');
    expect(await errorText(page)).toContain('This is not a Casepact invite link');
    await saveScreenshot(page, 'join-not-a-link');
    expect(await seriousViolations(page)).toEqual([]);

    const [publicPart, secret] = good.split('#') as [string, string];
    await paste(page, publicPart);
    expect(await errorText(page)).toContain('missing its secret part');

    await paste(page, `${publicPart.slice(0, publicPart.length - 40)}#${secret}`);
    expect(await errorText(page)).toContain('incomplete');

    const i = publicPart.length - 20;
    const flipped = publicPart[i] === 'A' ? 'B' : 'A';
    await paste(page, `${publicPart.slice(0, i)}${flipped}${publicPart.slice(i + 1)}#${secret}`);
    expect(await errorText(page)).toContain('altered');

    await paste(page, `${publicPart}#${other.split('#')[1]}`);
    expect(await errorText(page)).toContain('does not belong to it');

    const expired = await makeLink(page, { role: 'customer', expiresInMs: 1, singleUse: true });
    await page.waitForTimeout(5);
    await paste(page, expired);
    expect(await errorText(page)).toContain('expired');
    await saveScreenshot(page, 'join-expired');

    // Joining needs this device's identity unlocked; the workbench has none, and says so.
    await paste(page, good);
    await page.getByTestId('join').click();
    expect(await page.getByTestId('join-error').textContent()).toBe('Unlock your identity first.');
    expect(errors).toEqual([]);
    await context.close();
  });
});
