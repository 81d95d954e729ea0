/**
 * The case workspace and the join screen as each party sees them, rendered by the visual
 * workbench (test/e2e/workbench: a real contract document built by the three parties' real
 * commands and signatures). Screenshots of every tab land in test/e2e/screenshots/; axe-core
 * must find no serious or critical violation on any of them.
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

async function open(
  query: string,
  dark = false,
): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 860 },
    colorScheme: dark ? 'dark' : 'light',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}?${query}`);
  return { page, errors, close: () => context.close() };
}

async function tab(page: Page, name: string): Promise<void> {
  await page.getByTestId(`tab-${name}`).click();
  await page.getByTestId(`panel-${name}`).waitFor();
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

describe('case workspace, as each party of the founding story', () => {
  it('shows the agent every tab with the agreement state in words, and passes axe on each', async () => {
    const { page, errors, close } = await open('as=agent');
    await page.getByTestId('case-header').waitFor();
    expect(await page.getByTestId('agreement-state').textContent()).toBe(
      'Terms changed since version 1 — version 2 not signed yet',
    );
    expect(await page.getByTestId('verification-state').textContent()).toContain('Verified');
    expect(await page.getByTestId('waiting-on-me').textContent()).toContain('Sign version 2 of the terms');
    await saveScreenshot(page, 'workspace-agent-overview');
    await expectAccessible(page);
    for (const name of [
      'negotiation',
      'actions',
      'data',
      'conversation',
      'agreements',
      'members',
      'rejected',
    ]) {
      await tab(page, name);
      await saveScreenshot(page, `workspace-agent-${name}`);
      await expectAccessible(page);
    }
    expect(await page.getByTestId('rejected-empty').textContent()).toContain('No rejected changes');
    expect(errors).toEqual([]);
    await close();
  });

  it("lets the engineer answer the customer's counter-proposal, which changes the board", async () => {
    const { page, errors, close } = await open('as=engineer');
    await tab(page, 'negotiation');
    const answer = page.getByTestId('proposal-answer');
    await answer.waitFor();
    await saveScreenshot(page, 'workspace-engineer-negotiation');
    await answer.getByRole('button', { name: 'Accept' }).click();
    await page.getByText('Nothing to answer').waitFor();
    await tab(page, 'actions');
    await page.getByRole('heading', { name: 'Flash boot chip firmware 1.03' }).waitFor();
    expect(await page.getByText('Proposed, not agreed yet').count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('lets the customer mark their action done and sign the new version', async () => {
    const { page, errors, close } = await open('as=customer');
    await tab(page, 'agreements');
    await page.getByTestId('sign-version').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Sign version 2' }).click();
    await page.getByTestId('version-2').getByRole('rowheader', { name: 'Sam Carter' }).waitFor();
    expect(await page.getByTestId('version-2').getByText('Valid').count()).toBe(1);
    expect(await page.getByTestId('agreement-state').textContent()).toBe(
      'Awaiting signatures from Northwind PCs and Contoso OS',
    );
    await saveScreenshot(page, 'workspace-customer-signed');
    await tab(page, 'conversation');
    await page.getByLabel('Message to all parties').fill('Flashing tonight at 8.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Flashing tonight at 8.').waitFor();
    await page.getByLabel('New private note').fill('Receipt is in the blue folder.');
    await page.getByRole('button', { name: 'Save note' }).click();
    await page.getByTestId('private-notes').getByText('Receipt is in the blue folder.').waitFor();
    await saveScreenshot(page, 'workspace-customer-conversation');
    expect(errors).toEqual([]);
    await close();
  });

  it('makes an invite link with a Copy button, and shows offline and rejected changes plainly', async () => {
    const { page, errors, close } = await open('as=agent&sync=offline&rejected=1');
    expect(await page.getByTestId('sync-state').textContent()).toBe('Offline');
    expect(await page.getByTestId('verification-state').textContent()).toBe('2 changes rejected');
    await tab(page, 'rejected');
    await page.getByText('only Sam Carter’s party may report progress').waitFor();
    await saveScreenshot(page, 'workspace-offline-rejected');
    await expectAccessible(page);
    await tab(page, 'members');
    await page.getByTestId('invite').click();
    await page.getByLabel('Role').selectOption('observer');
    await page.getByTestId('create-invite').click();
    const link = page.getByLabel('Invite link', { exact: true });
    await link.waitFor();
    expect(await link.inputValue()).toMatch(/^casepact:\/\/join\/[A-Za-z0-9_-]+#[A-Za-z0-9_-]+$/);
    await page.getByRole('button', { name: 'Copy' }).waitFor();
    await saveScreenshot(page, 'workspace-invite-link');
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await close();
  });

  it('counters with a changed due date, proposes from the board and edits a data item', async () => {
    const { page, errors, close } = await open('as=engineer');
    await tab(page, 'negotiation');
    await page.getByTestId('proposal-answer').getByRole('button', { name: 'Counter…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Counter the proposal' });
    expect(await dialog.getByLabel('Action', { exact: true }).inputValue()).toBe(
      'Flash boot chip firmware 1.03',
    );
    await dialog.getByLabel('Due (optional)').fill('2030-05-04T18:00');
    await dialog
      .getByLabel('Note to the other parties (optional)')
      .fill('Tomorrow at six works for our hotline.');
    await saveScreenshot(page, 'workspace-counter-dialog');
    await expectAccessible(page);
    await dialog.getByTestId('propose-submit').click();
    await page.getByRole('heading', { name: "Contoso OS counters Sam Carter's proposal" }).waitFor();

    await tab(page, 'actions');
    await page.getByRole('button', { name: 'Propose another due date for “Analyse the boot log”' }).click();
    const due = page.getByRole('dialog', { name: 'Propose a change' });
    expect(await due.getByLabel('What do you propose?').inputValue()).toBe('due-date');
    await due.getByLabel('New due date').fill('2030-05-06T12:00');
    await due.getByTestId('propose-submit').click();
    await page.getByText('Applied to the terms').waitFor();

    await tab(page, 'data');
    await page.getByRole('button', { name: 'Edit Boot chip firmware' }).click();
    const edit = page.getByRole('dialog', { name: 'Boot chip firmware' });
    await edit.getByLabel('Choice').selectOption('1.03');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: '1.03', exact: true }).waitFor();
    expect(errors).toEqual([]);
    await close();
  });

  it('prints the contract with every party, action and checked signature', async () => {
    const { page, errors, close } = await open('as=customer#/print/demo');
    const contract = page.getByTestId('printable-contract');
    await contract.waitFor();
    const text = (await contract.textContent()) ?? '';
    expect(text).toContain('Collect the boot log with the recovery stick');
    expect(text).toContain('Version 1 — agreed by every party');
    expect(text.match(/signature valid/g)?.length).toBe(3);
    await page.emulateMedia({ media: 'print' });
    await saveScreenshot(page, 'print-contract');
    await page.emulateMedia({ media: 'screen' });
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await close();
  });

  it('works from the keyboard alone, with a visible focus ring', async () => {
    const { page, errors, close } = await open('as=customer');
    await page.getByTestId('case-header').waitFor();
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const style = el ? getComputedStyle(el) : null;
        return { text: el?.textContent?.trim() ?? '', outline: style?.outlineStyle ?? 'none' };
      });
    let found = false;
    for (let i = 0; i < 40 && !found; i++) {
      await page.keyboard.press('Tab');
      found = (await focused()).text.startsWith('Negotiation');
    }
    expect(found).toBe(true);
    expect((await focused()).outline).toBe('solid');
    await page.keyboard.press('Enter');
    await page.getByTestId('panel-negotiation').waitFor();
    found = false;
    for (let i = 0; i < 20 && !found; i++) {
      await page.keyboard.press('Tab');
      found = (await focused()).text === 'Propose a change';
    }
    expect(found).toBe(true);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Propose a change' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(errors).toEqual([]);
    await close();
  });

  it('reads well in the dark theme', async () => {
    const { page, close } = await open('as=customer', true);
    await tab(page, 'negotiation');
    await saveScreenshot(page, 'workspace-dark-negotiation');
    await expectAccessible(page);
    await tab(page, 'actions');
    await saveScreenshot(page, 'workspace-dark-actions');
    await expectAccessible(page);
    await close();
  });
});
