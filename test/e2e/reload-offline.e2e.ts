/**
 * A party reloads mid-case with nobody to sync from: the signaling server is gone and the other
 * party has closed its app. Everything the party had — the case, the conversation, the
 * signatures — comes back from its own IndexedDB, replayed and verified, with no network.
 */
import { describe, expect, it } from 'vitest';
import { invite, join, openTab } from './harness/case-steps';
import { stageForFile } from './harness/stage';

const stage = stageForFile();

describe('reload with no network', () => {
  it('restores the whole case from IndexedDB and says it is not connected', async () => {
    const agent = await stage.party({ name: 'Dana Whitfield', organisation: 'Northwind PCs' });
    const customer = await stage.party({ name: 'Sam Carter', organisation: 'Private customer' });

    await agent.page.getByRole('button', { name: 'New case' }).first().click();
    const dialog = agent.page.getByRole('dialog', { name: 'New case' });
    await dialog.getByLabel('Title', { exact: true }).fill('Laptop battery swells after update');
    await dialog.getByTestId('create-case').click();
    await agent.page.getByTestId('case-header').waitFor({ timeout: 30_000 });
    await join(customer, await invite(agent.page, 'Customer'));
    await openTab(customer.page, 'conversation');
    await customer.page.getByLabel('Message to all parties').fill('It swelled again this morning.');
    await customer.page.getByRole('button', { name: 'Send' }).click();
    await openTab(agent.page, 'conversation');
    await agent.page.getByText('It swelled again this morning.').waitFor({ timeout: 30_000 });
    await agent.page
      .getByLabel('Message to all parties')
      .fill('Please stop using it; a replacement is on its way.');
    await agent.page.getByRole('button', { name: 'Send' }).click();
    await customer.page.getByText('a replacement is on its way').waitFor({ timeout: 30_000 });
    await openTab(customer.page, 'agreements');
    await customer.page.getByTestId('sign-version').click();
    await customer.page
      .getByRole('dialog')
      .getByRole('button', { name: /^Sign version \d+$/ })
      .click();
    const headerBefore = await customer.page.getByTestId('agreement-state').textContent();

    // Nobody left to sync from.
    await agent.context.close();
    await stage.signaling.close();

    await customer.page.reload();
    await customer.page.getByLabel('Passphrase').fill('correct horse battery staple');
    await customer.page.getByRole('button', { name: 'Unlock' }).click();
    // The address still names the case: it reopens in place, from this device alone.
    await customer.page.getByTestId('case-header').waitFor({ timeout: 30_000 });
    expect(await customer.page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Laptop battery swells after update',
    );
    expect(await customer.page.getByTestId('verification-state').textContent()).toContain('Verified');
    expect(await customer.page.getByTestId('agreement-state').textContent()).toBe(headerBefore);
    expect(await customer.page.getByTestId('sync-state').textContent()).not.toMatch(/Online/);
    await openTab(customer.page, 'conversation');
    await customer.page.getByText('It swelled again this morning.').waitFor();
    await customer.page.getByText('a replacement is on its way').waitFor();
    await customer.shot('reload-offline-conversation');
    expect(customer.errors).toEqual([]);
  });
});
