/**
 * The founding story, as three real people would live it: three isolated browser contexts
 * (own identity, own IndexedDB), meeting over real WebRTC through Casepact's own signaling
 * server started here. A customer's PC will not boot; the PC maker's agent opens the case and
 * brings in the customer and the OS vendor's engineer by link.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignalingServer } from '../../cli/signaling/index';
import { launchChromium } from './harness/chromium';
import { openParty, type Party } from './harness/party';
import { startTestSignaling } from './harness/signaling';
import { type RunningServer, startNpmServer } from './harness/web-server';

let app: RunningServer;
let signaling: SignalingServer;
let browser: Browser;
let agent: Party;
let customer: Party;
let engineer: Party;

beforeAll(async () => {
  [app, signaling, browser] = await Promise.all([startNpmServer('preview'), startTestSignaling(), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await signaling?.close();
  await app?.stop();
});

async function openTab(page: Page, tab: string): Promise<void> {
  await page.getByTestId(`tab-${tab}`).click();
  await page.getByTestId(`panel-${tab}`).waitFor();
}

async function invite(page: Page, role: string, party: string): Promise<string> {
  await openTab(page, 'members');
  await page.getByTestId('invite').click();
  const dialog = page.getByRole('dialog', { name: 'Invite someone' });
  await dialog.getByLabel('Role').selectOption({ label: role });
  await dialog.getByLabel('Joins').selectOption({ label: party });
  await dialog.getByTestId('create-invite').click();
  const ready = page.getByRole('dialog', { name: 'Invite link ready' });
  const link = await ready.getByLabel('Invite link').inputValue();
  await ready.getByRole('button', { name: 'Done' }).click();
  return link;
}

async function join(party: Party, link: string): Promise<void> {
  const { page } = party;
  await page.getByRole('button', { name: 'Open invite link' }).first().click();
  await page.getByLabel('Invite link').fill(link);
  await page.getByTestId('invite-offer').waitFor();
  await page.getByTestId('join').click();
  await page.getByTestId('case-header').waitFor({ timeout: 60_000 });
}

async function partiesOnHeader(page: Page): Promise<string> {
  return (await page.getByTestId('case-header').textContent()) ?? '';
}

describe('the customer-volleyball case, end to end', () => {
  it('brings the three parties into one case by invite link', async () => {
    [agent, customer, engineer] = await Promise.all([
      openParty(browser, app.url, { name: 'Dana Whitfield', organisation: 'Northwind PCs' }, signaling.url),
      openParty(browser, app.url, { name: 'Sam Carter', organisation: 'Private customer' }, signaling.url),
      openParty(browser, app.url, { name: 'Priya Raman', organisation: 'Contoso OS' }, signaling.url),
    ]);

    const page = agent.page;
    await page.getByRole('button', { name: 'New case' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New case' });
    await dialog.getByText('Hardware fault involving other vendors').click();
    await dialog.getByLabel('Title', { exact: true }).fill('New desktop PC does not boot');
    await dialog.getByTestId('create-case').click();
    await page.getByTestId('case-header').waitFor({ timeout: 30_000 });
    await agent.shot('journey-1-case-created');

    const customerLink = await invite(page, 'Customer', 'Customer');
    const engineerLink = await invite(page, 'Partner', 'Operating system vendor');
    expect(customerLink).toMatch(/^casepact:\/\/join\/[A-Za-z0-9_-]+#[A-Za-z0-9_-]+$/);

    await join(customer, customerLink);
    await join(engineer, engineerLink);
    await customer.shot('journey-2-customer-joined');

    for (const party of [agent, customer, engineer]) {
      await expect
        .poll(async () => partiesOnHeader(party.page), { timeout: 30_000 })
        .toMatch(/Sam Carter[\s\S]*|Priya Raman/);
      const header = await partiesOnHeader(party.page);
      expect(header).toContain('New desktop PC does not boot');
    }
    await openTab(agent.page, 'members');
    await expect.poll(() => agent.page.getByTestId('panel-members').textContent(), { timeout: 30_000 }).toMatch(
      /Sam Carter[\s\S]*Priya Raman|Priya Raman[\s\S]*Sam Carter/,
    );
    await agent.shot('journey-3-members');
    for (const party of [agent, customer, engineer]) expect(party.errors).toEqual([]);
  });
});
