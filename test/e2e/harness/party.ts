import type { Browser, BrowserContext, Page } from 'playwright-core';
import { saveScreenshot } from './screenshots';

/**
 * One person using Casepact in their own browser context: separate storage, separate
 * IndexedDB, their own identity. Their app finds the others through `signalingUrl`.
 */
export interface Party {
  readonly name: string;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly errors: string[];
  shot(step: string): Promise<string>;
}

export async function openParty(
  browser: Browser,
  appUrl: string,
  person: { name: string; organisation: string; passphrase?: string },
  signalingUrl: string | undefined,
): Promise<Party> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  if (signalingUrl) {
    await context.addInitScript((url) => {
      if (!localStorage.getItem('casepact.signaling.v1'))
        localStorage.setItem('casepact.signaling.v1', JSON.stringify([url]));
    }, signalingUrl);
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(appUrl);
  const passphrase = person.passphrase ?? 'correct horse battery staple';
  await page.getByLabel('Your name').fill(person.name);
  await page.getByLabel('Organisation').fill(person.organisation);
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Passphrase again').fill(passphrase);
  await page.getByRole('button', { name: 'Create identity' }).click();
  await page.getByTestId('identity-chip').waitFor();
  const slug = person.name.toLowerCase().replace(/[^a-z]+/g, '-');
  return {
    name: person.name,
    context,
    page,
    errors,
    shot: (step) => saveScreenshot(page, `${slug}-${step}`),
  };
}
