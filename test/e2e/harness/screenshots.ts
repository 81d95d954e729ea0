import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

const folder = path.resolve(import.meta.dirname, '..', 'screenshots');

/** Saves a full-page screenshot under test/e2e/screenshots/ (ignored by git) and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Saves a screenshot of one element (a dialog, a panel) under test/e2e/screenshots/. */
export async function saveElementScreenshot(element: Locator, name: string): Promise<string> {
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${name}.png`);
  await element.screenshot({ path: file });
  return file;
}
