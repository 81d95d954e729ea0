/** Steps the e2e stories share, as a user does them in the workspace. */
import type { Page } from 'playwright-core';
import type { Party } from './party';

export async function openTab(page: Page, tab: string): Promise<void> {
  await page.getByTestId(`tab-${tab}`).click();
  await page.getByTestId(`panel-${tab}`).waitFor();
}

/** Makes an invite link from the Members panel's dialog and returns it (`party`: the role's default when omitted). */
export async function invite(page: Page, role: string, party?: string): Promise<string> {
  await openTab(page, 'members');
  await page.getByTestId('invite').click();
  const dialog = page.getByRole('dialog', { name: 'Invite someone' });
  await dialog.getByLabel('Role').selectOption({ label: role });
  if (party) await dialog.getByLabel('Joins').selectOption({ label: party });
  await dialog.getByTestId('create-invite').click();
  const ready = page.getByRole('dialog', { name: 'Invite link ready' });
  const link = await ready.getByLabel('Invite link').inputValue();
  await ready.getByRole('button', { name: 'Done' }).click();
  return link;
}

/** Pastes the link on the inbox's join screen and joins; resolves once the case is open. */
export async function join(party: Party, link: string, timeout = 60_000): Promise<void> {
  const { page } = party;
  await page.getByRole('button', { name: 'Open invite link' }).first().click();
  await page.getByLabel('Invite link').fill(link);
  await page.getByTestId('invite-offer').waitFor();
  await page.getByTestId('join').click();
  await page.getByTestId('case-header').waitFor({ timeout });
}

export async function say(party: Party, text: string): Promise<void> {
  await openTab(party.page, 'conversation');
  await party.page.getByLabel('Message to all parties').fill(text);
  await party.page.getByRole('button', { name: 'Send' }).click();
  await party.page.getByText(text).first().waitFor();
}

export async function sees(party: Party, text: string, timeout = 30_000): Promise<void> {
  await openTab(party.page, 'conversation');
  await party.page.getByText(text).first().waitFor({ timeout });
}

/** Creates a case from the New case dialog; resolves once its workspace is open. */
export async function newCase(page: Page, template: string, title: string): Promise<void> {
  await page.getByRole('button', { name: 'New case' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New case' });
  await dialog.getByText(template).click();
  await dialog.getByLabel('Title', { exact: true }).fill(title);
  await dialog.getByTestId('create-case').click();
  await page.getByTestId('case-header').waitFor({ timeout: 30_000 });
}
