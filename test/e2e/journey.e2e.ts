/**
 * The founding story, as three real people would live it: three isolated browser contexts
 * (own identity, own IndexedDB), meeting over real WebRTC through Casepact's own signaling
 * server started here. A customer's PC will not boot; the PC maker's agent opens the case and
 * brings in the customer and the OS vendor's engineer by link.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { invite, join, newCase, openTab } from './harness/case-steps';
import type { Party } from './harness/party';
import { stageForFile } from './harness/stage';

const stage = stageForFile();
let agent: Party;
let customer: Party;
let engineer: Party;

async function partiesOnHeader(page: Page): Promise<string> {
  return (await page.getByTestId('case-header').textContent()) ?? '';
}

describe('the customer-volleyball case, end to end', () => {
  it('brings the three parties into one case by invite link', async () => {
    [agent, customer, engineer] = await Promise.all([
      stage.party({ name: 'Dana Whitfield', organisation: 'Northwind PCs' }),
      stage.party({ name: 'Sam Carter', organisation: 'Private customer' }),
      stage.party({ name: 'Priya Raman', organisation: 'Contoso OS' }),
    ]);

    const page = agent.page;
    await newCase(page, 'Hardware fault involving other vendors', 'New desktop PC does not boot');
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
    await expect
      .poll(() => agent.page.getByTestId('panel-members').textContent(), { timeout: 30_000 })
      .toMatch(/Sam Carter[\s\S]*Priya Raman|Priya Raman[\s\S]*Sam Carter/);
    await agent.shot('journey-3-members');
    for (const party of [agent, customer, engineer]) expect(party.errors).toEqual([]);
  });

  const diagnostic = 'Run the vendor boot diagnostic and send the log';

  it('lets the engineer propose a diagnostic the customer must do, and the customer counter the due date', async () => {
    await openTab(engineer.page, 'negotiation');
    await engineer.page.getByRole('button', { name: 'Propose a change' }).click();
    const propose = engineer.page.getByRole('dialog', { name: 'Propose a change' });
    await propose.getByLabel('Action', { exact: true }).fill(diagnostic);
    await propose.getByLabel('Done by').selectOption({ label: 'Customer (customer)' });
    await propose.getByLabel('Due (optional)').fill('2030-05-03T09:00');
    await propose.getByTestId('propose-submit').click();
    await engineer.page.getByText(diagnostic).first().waitFor();
    await engineer.shot('journey-4-proposed');

    await openTab(customer.page, 'negotiation');
    const answer = customer.page
      .getByTestId('proposal')
      .filter({ hasText: diagnostic })
      .first()
      .getByTestId('proposal-answer');
    await answer.waitFor({ timeout: 30_000 });
    await answer.getByRole('button', { name: 'Counter…' }).click();
    const counter = customer.page.getByRole('dialog', { name: 'Counter the proposal' });
    await counter.getByLabel('Due (optional)').fill('2030-05-04T18:00');
    await counter
      .getByLabel('Note to the other parties (optional)')
      .fill('I can only do this tomorrow evening.');
    await counter.getByTestId('propose-submit').click();
    await customer.page.getByText('I can only do this tomorrow evening.').first().waitFor();
    await customer.shot('journey-5-countered');
  });

  it('applies the plan once both accept, and every party sees the same action board', async () => {
    await openTab(engineer.page, 'negotiation');
    const answer = engineer.page
      .getByTestId('proposal')
      .filter({ hasText: 'tomorrow evening' })
      .first()
      .getByTestId('proposal-answer');
    await answer.waitFor({ timeout: 30_000 });
    await answer.getByRole('button', { name: 'Accept' }).click();
    for (const party of [agent, customer, engineer]) {
      await openTab(party.page, 'actions');
      const agreed = party.page
        .locator('[data-testid="action-card"][data-source="terms"]')
        .filter({ hasText: diagnostic });
      await agreed.locator('[title*="May 4, 2030"]').waitFor({ timeout: 30_000 });
      expect(await agreed.count()).toBe(1);
    }
    await agent.shot('journey-6-board');
  });

  it('has all three parties sign the same version, and shows it agreed by all', async () => {
    for (const party of [agent, customer, engineer]) {
      await openTab(party.page, 'agreements');
      await party.page.getByTestId('sign-version').click();
      await party.page
        .getByRole('dialog')
        .getByRole('button', { name: /^Sign version \d+$/ })
        .click();
    }
    for (const party of [agent, customer, engineer]) {
      await expect
        .poll(() => party.page.getByTestId('agreement-state').textContent(), { timeout: 30_000 })
        .toMatch(/^Version \d+ agreed by all$/);
    }
    const states = await Promise.all(
      [agent, customer, engineer].map((party) => party.page.getByTestId('agreement-state').textContent()),
    );
    expect(new Set(states).size).toBe(1);
    await customer.shot('journey-7-agreed');
  });

  it('keeps the customer working offline and shares the result when they are back', async () => {
    await customer.context.setOffline(true);
    await expect
      .poll(() => customer.page.getByTestId('sync-state').textContent(), { timeout: 15_000 })
      .toBe('Offline');
    await openTab(customer.page, 'actions');
    const start = customer.page.getByRole('button', { name: `Start “${diagnostic}”` });
    if (await start.count()) await start.click();
    await customer.page.getByRole('button', { name: `Mark “${diagnostic}” done` }).click();
    await customer.shot('journey-8-done-offline');
    await openTab(agent.page, 'actions');
    const agentCard = agent.page.locator('[data-source="terms"]').filter({ hasText: diagnostic });
    expect(await agentCard.getAttribute('data-status')).not.toBe('done');

    await customer.context.setOffline(false);
    for (const party of [agent, engineer]) {
      await openTab(party.page, 'actions');
      await party.page
        .locator('[data-source="terms"][data-status="done"]')
        .filter({ hasText: diagnostic })
        .waitFor({ timeout: 45_000 });
    }
    await agent.shot('journey-9-done-seen');
  });

  it('lets the agent resolve the case, and every party sees it resolved', async () => {
    await agent.page.getByRole('button', { name: 'Update status' }).click();
    const dialog = agent.page.getByRole('dialog', { name: 'Update status' });
    await dialog.getByLabel('Status').selectOption('resolved');
    await dialog.getByRole('button', { name: 'Save' }).click();
    for (const party of [agent, customer, engineer]) {
      await expect
        .poll(() => party.page.getByTestId('case-header').textContent(), { timeout: 30_000 })
        .toMatch(/Resolved/);
    }
    await engineer.shot('journey-10-resolved');
    for (const party of [agent, customer, engineer]) expect(party.errors).toEqual([]);
  });
});
