/**
 * The browser build's identity backup: "Back up identity…" downloads a passphrase-protected
 * file (docs/identity.md), and a second browser context — another person's computer, with
 * its own storage — restores it from the file input and ends up with the same key.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './harness/axe';
import { launchChromium } from './harness/chromium';
import { saveScreenshot } from './harness/screenshots';
import { type RunningServer, startNpmServer } from './harness/web-server';

let server: RunningServer;
let browser: Browser;
let folder: string;

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'casepact-backup-'));
  [server, browser] = await Promise.all([startNpmServer('web'), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

const PASSPHRASE = 'correct horse battery';
const FINGERPRINT = /[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}/;

async function fingerprintOf(page: Page): Promise<string> {
  const chip = (await page.getByTestId('identity-chip').textContent()) ?? '';
  return chip.match(FINGERPRINT)?.[0] ?? '';
}

async function newPage(): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(server.url);
  return { page, errors, close: () => context.close() };
}

describe('identity backup and restore in the browser', () => {
  it('downloads a passphrase-protected backup and restores it in a second browser context', async () => {
    const home = await newPage();
    const { page } = home;
    await page.getByLabel('Your name').fill('Dana Whitfield');
    await page.getByLabel('Organisation').fill('Northwind PCs');
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('Passphrase again').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create identity' }).click();
    await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    const fingerprint = await fingerprintOf(page);
    expect(fingerprint).toMatch(FINGERPRINT);

    await page.getByTestId('identity-chip').click();
    await page.getByRole('menuitem', { name: 'Back up identity…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Back up your identity' });
    await dialog.waitFor();
    // The stored key is already sealed with the unlock passphrase: no new passphrase is asked.
    expect(await dialog.getByLabel('Backup passphrase').count()).toBe(0);
    expect(await dialog.textContent()).toContain('protected by the passphrase you unlock Casepact with');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toContain('Save backup');
    await saveScreenshot(page, 'identity-backup-dialog-browser');
    expect(await seriousViolations(page)).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Save backup' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Dana Whitfield.casepact-identity');
    const file = path.join(folder, download.suggestedFilename());
    await download.saveAs(file);
    await dialog
      .getByRole('status')
      .filter({ hasText: 'Backup saved as Dana Whitfield.casepact-identity' })
      .waitFor();
    await saveScreenshot(page, 'identity-backup-saved-browser');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'identity-chip',
    );

    const backup = JSON.parse(readFileSync(file, 'utf8'));
    expect(backup).toMatchObject({
      format: 'casepact-identity',
      version: 1,
      displayName: 'Dana Whitfield',
      organisation: 'Northwind PCs',
      seal: { kind: 'passphrase-v1', kdf: 'argon2id13' },
    });
    expect(Object.keys(backup.seal).sort()).toEqual(
      ['ciphertext', 'kdf', 'kind', 'memLimit', 'nonce', 'opsLimit', 'salt'].sort(),
    );

    // Another computer: its own context, its own storage.
    const other = await newPage();
    const second = other.page;
    await second.getByRole('tab', { name: 'Restore from a backup' }).click();
    expect(
      await second.getByRole('tab', { name: 'Restore from a backup' }).getAttribute('aria-selected'),
    ).toBe('true');
    // Nothing chosen yet: a sentence, and focus on the file control.
    await second.getByRole('button', { name: 'Restore identity' }).click();
    await second.getByRole('alert').filter({ hasText: 'Choose the identity backup file' }).waitFor();
    expect(await second.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe(
      'file',
    );

    await second.getByLabel('Backup file').setInputFiles({
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"hello":"world"}'),
    });
    await second.getByRole('alert').filter({ hasText: 'This is not a Casepact identity backup.' }).waitFor();

    await second.getByLabel('Backup file').setInputFiles(file);
    await second.getByText(`Backup of Dana Whitfield (Northwind PCs), key ${fingerprint}.`).waitFor();
    await second.getByLabel('Passphrase of the backup').fill('not the passphrase');
    await second.getByRole('button', { name: 'Restore identity' }).click();
    await second.getByRole('alert').filter({ hasText: 'does not open this backup' }).waitFor();
    await saveScreenshot(second, 'identity-restore-browser');
    expect(await seriousViolations(second)).toEqual([]);

    await second.getByLabel('Passphrase of the backup').fill(PASSPHRASE);
    await second.getByRole('button', { name: 'Restore identity' }).click();
    await second.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    expect(await fingerprintOf(second)).toBe(fingerprint);

    // In the browser the backup's passphrase now unlocks this device.
    await second.reload();
    await second.getByRole('heading', { name: 'Welcome back, Dana Whitfield' }).waitFor();
    await second.getByLabel('Passphrase').fill(PASSPHRASE);
    await second.getByRole('button', { name: 'Unlock' }).click();
    await second.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    expect(await fingerprintOf(second)).toBe(fingerprint);

    expect([...home.errors, ...other.errors]).toEqual([]);
    await home.close();
    await other.close();
  });
});
