/**
 * "Save as template" in the built app: an ISP agent and a customer agree the broadband
 * renegotiation plan, the agent resolves the case and saves it as a template, reloads, and
 * starts the next case from "Your templates" — with the same actions, data items and SLA clocks.
 */
import { describe, expect, it } from 'vitest';
import type { Party } from './harness/party';
import { saveElementScreenshot } from './harness/screenshots';
import { invite, join, openTab } from './harness/case-steps';
import { stageForFile } from './harness/stage';

const stage = stageForFile();
let agent: Party;
let customer: Party;

const TITLE = 'Broadband price doubled after the fixed term';
const PLAN = [
  'Confirm the account holder once',
  'Name one case owner for this negotiation',
  'Call back at the agreed time with a price offer',
  'Accept the offer or counter it',
  'Apply the new price from the next bill',
];

describe('save a resolved case as a template and start the next case from it', () => {
  it('agrees the plan of a broadband renegotiation between the ISP and the customer', async () => {
    [agent, customer] = await Promise.all([
      stage.party({ name: 'Dana Whitfield', organisation: 'Fibrenet' }),
      stage.party({ name: 'Keith Brown', organisation: 'Private customer' }),
    ]);
    const page = agent.page;
    await page.getByRole('button', { name: 'New case' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New case' });
    // Nothing saved yet: the section says how to make one.
    await expect
      .poll(() => dialog.getByTestId('saved-templates').textContent())
      .toMatch(/None yet\. On a resolved case, choose Save as template/);
    await dialog.getByText('Broadband contract renegotiation').click();
    await dialog.getByLabel('Title', { exact: true }).fill(TITLE);
    await dialog.getByTestId('create-case').click();
    await page.getByTestId('case-header').waitFor({ timeout: 30_000 });
    // Not resolved: no Save as template.
    expect(await page.getByTestId('save-template').count()).toBe(0);

    await join(customer, await invite(page, 'Customer'));

    await openTab(customer.page, 'negotiation');
    const answer = customer.page.getByTestId('proposal').first().getByTestId('proposal-answer');
    await answer.waitFor({ timeout: 30_000 });
    await answer.getByRole('button', { name: 'Accept' }).click();
    await openTab(page, 'actions');
    await expect
      .poll(() => page.locator('[data-testid="action-card"][data-source="terms"]').count(), {
        timeout: 30_000,
      })
      .toBe(PLAN.length);
  });

  it('resolves the case and saves it as a template from the case header', async () => {
    const page = agent.page;
    await page.getByRole('button', { name: 'Update status' }).click();
    const status = page.getByRole('dialog', { name: 'Update status' });
    await status.getByLabel('Status').selectOption('resolved');
    await status.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('case-header').textContent()).toMatch(/Resolved/);

    await page.getByTestId('save-template').click();
    const dialog = page.getByRole('dialog', { name: 'Save as template' });
    expect(await dialog.getByLabel('Template name').inputValue()).toBe(TITLE);
    const facts = await dialog.getByTestId('save-template-facts').textContent();
    expect(facts).toContain('5 agreed actions, in order');
    expect(facts).toMatch(/\d+ data items, empty: the values stay with this case/);
    expect(facts).toContain('2 parties as roles (people’s names are left out)');
    expect(facts).toMatch(/SLA terms: \d+ time targets, working hours in Europe\/London/);
    await dialog.getByLabel('Template name').fill('');
    await dialog.getByTestId('save-template-confirm').click();
    expect(await dialog.getByRole('alert').textContent()).toContain('Give the template a name');
    await dialog.getByLabel('Template name').fill('Broadband renegotiation (Fibrenet)');
    await dialog
      .getByLabel('Description (optional)')
      .fill(
        'Out-of-contract price rise: one case owner, a callback with an offer, new price from the next bill.',
      );
    await agent.shot('save-template-1-dialog');
    await saveElementScreenshot(dialog, 'save-template-dialog');
    await dialog.getByTestId('save-template-confirm').click();
    await page.getByText('Saved the template “Broadband renegotiation (Fibrenet)”').waitFor();
    expect(await dialog.isVisible()).toBe(false);
  });

  it('after a reload, starts the next case from “Your templates” with the same process', async () => {
    const page = agent.page;
    await page.reload();
    await page.getByLabel('Passphrase').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByTestId('case-header').waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: '← All cases' }).click();
    await page.getByRole('button', { name: 'New case' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New case' });
    const yours = dialog.getByTestId('saved-templates');
    await yours.getByText('Broadband renegotiation (Fibrenet)').waitFor({ timeout: 10_000 });
    expect(await yours.textContent()).toMatch(
      /2 parties · 5 planned actions · \d+ data items · \d+ time targets/,
    );
    await yours.getByText('Broadband renegotiation (Fibrenet)').click();
    await dialog.getByLabel('Title', { exact: true }).fill('Fibre price went up again');
    await yours.scrollIntoViewIfNeeded();
    await agent.shot('save-template-2-new-case');
    await saveElementScreenshot(dialog, 'new-case-your-templates');
    await dialog.getByTestId('create-case').click();
    await page.getByTestId('case-header').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Fibre price went up again');

    // The plan: the same actions, proposed to the customer party again.
    await openTab(page, 'actions');
    const board = await page.getByTestId('panel-actions').textContent();
    for (const title of PLAN) expect(board).toContain(title);
    // The data items, empty.
    await openTab(page, 'data');
    const data = await page.getByTestId('panel-data').textContent();
    expect(data).toContain('Account number');
    expect(data).toContain('Offered price (GBP/month)');
    // The SLA terms: clocks run on the new case.
    await expect
      .poll(() => page.getByTestId('sla-clocks').getAttribute('data-state'), { timeout: 10_000 })
      .not.toBe('none');
    await agent.shot('save-template-3-new-case-created');
  });

  it('deletes the saved template from the New case dialog', async () => {
    const page = agent.page;
    await page.getByRole('link', { name: '← All cases' }).click();
    await page.getByRole('button', { name: 'New case' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New case' });
    await dialog
      .getByRole('button', { name: 'Delete the template Broadband renegotiation (Fibrenet)' })
      .click();
    const confirm = page.getByRole('dialog', { name: 'Delete this template?' });
    await confirm.getByRole('button', { name: 'Delete template' }).click();
    await expect.poll(() => dialog.getByTestId('saved-templates').textContent()).toMatch(/None yet/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    for (const party of [agent, customer]) expect(party.errors).toEqual([]);
  });
});
