/**
 * Removal really removes (issue 6), in the built app: isolated browser contexts (own identity,
 * own IndexedDB) over real WebRTC through Casepact's own signaling server. The PC maker's agent
 * removes the OS vendor's engineer from the Members panel; the case key rotates, the agent and
 * the customer move to the new key's room and keep working; the engineer's app, still running,
 * says it was removed and receives nothing written after.
 *
 * What a removed member writes afterwards: its app offers no way to write (no composer; the
 * contract commands refuse a non-member) and it has left every room of the case, so nothing is
 * ever delivered. What a member writes before it learns of its removal (offline meanwhile) is
 * delivered through the old key's room, which the others keep open as a mirror, and every one of
 * them refuses it ('author-removed', listed in Rejected changes). The second part of this test
 * shows that with a second engineer, invited after the first removal (so also over the key
 * history) and removed while offline.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { invite, join, newCase, openTab, say, sees } from './harness/case-steps';
import type { Party } from './harness/party';
import { stageForFile } from './harness/stage';

const stage = stageForFile();
let agent: Party;
let customer: Party;
let engineer: Party;
let second: Party;

async function conversation(party: Party): Promise<string> {
  await openTab(party.page, 'conversation');
  return (await party.page.getByTestId('panel-conversation').textContent()) ?? '';
}

async function remove(page: Page, name: string): Promise<void> {
  await openTab(page, 'members');
  await page.getByRole('button', { name: `Remove ${name}` }).click();
  await page
    .getByRole('dialog', { name: `Remove ${name}?` })
    .getByRole('button', { name: 'Remove' })
    .click();
  await page.getByText(`${name} was removed`).waitFor();
}

const banner = (party: Party) => party.page.getByTestId('membership-banner');

describe('removing a member, end to end', () => {
  it('brings the customer and the OS vendor engineer into the case', async () => {
    [agent, customer, engineer] = await Promise.all([
      stage.party({ name: 'Dana Whitfield', organisation: 'Northwind PCs' }),
      stage.party({ name: 'Sam Carter', organisation: 'Private customer' }),
      stage.party({ name: 'Priya Raman', organisation: 'Contoso OS' }),
    ]);
    const page = agent.page;
    await newCase(page, 'Hardware fault involving other vendors', 'New desktop PC does not boot');
    const customerLink = await invite(page, 'Customer', 'Customer');
    const engineerLink = await invite(page, 'Partner', 'Operating system vendor');
    await join(customer, customerLink);
    await join(engineer, engineerLink);
    await say(customer, 'The PC shows a black screen after the update.');
    for (const party of [agent, engineer]) await sees(party, 'The PC shows a black screen after the update.');
  });

  it('removes the engineer from the Members panel; the other two keep syncing, the engineer gets nothing new', async () => {
    await remove(agent.page, 'Priya Raman');
    await agent.shot('removal-1-removed');

    // The engineer's app, still running, learns of it at once and says so.
    await banner(engineer).waitFor({ timeout: 30_000 });
    expect(await banner(engineer).textContent()).toContain('Dana Whitfield removed you from this case');
    await openTab(engineer.page, 'conversation');
    await engineer.page
      .getByText('You are no longer a member of this case, so you cannot write to it.')
      .waitFor();
    expect(await engineer.page.getByLabel('Message to all parties').count()).toBe(0);
    await expect
      .poll(() => engineer.page.getByTestId('sync-state').textContent(), { timeout: 15_000 })
      .toBe('Stopped');
    await engineer.shot('removal-2-engineer-removed');

    // The customer's app adopts the new key and moves with the agent.
    await say(customer, 'Only the two of us should read this.');
    await sees(agent, 'Only the two of us should read this.');
    await say(agent, 'Understood, sending a technician.');
    await sees(customer, 'Understood, sending a technician.');
    // Give the removed engineer's app every chance to receive them: it must not.
    await engineer.page.waitForTimeout(3000);
    const seen = await conversation(engineer);
    expect(seen).toContain('The PC shows a black screen after the update.');
    expect(seen).not.toContain('Only the two of us should read this.');
    expect(seen).not.toContain('Understood, sending a technician.');
    expect(await banner(agent).count()).toBe(0);
    expect(await banner(customer).count()).toBe(0);
    await customer.shot('removal-3-customer-after');

    // A new link does not quietly "join" through the retired copy: the app says what it cannot do.
    const link = await invite(agent.page, 'Partner', 'Operating system vendor');
    const caseHash = await engineer.page.evaluate(() => location.hash);
    await engineer.page.getByRole('link', { name: '← All cases' }).click();
    await engineer.page.getByRole('button', { name: 'Open invite link' }).first().click();
    await engineer.page.getByLabel('Invite link').fill(link);
    await engineer.page.getByTestId('join').click();
    await expect
      .poll(() => engineer.page.getByTestId('join-error').textContent(), { timeout: 15_000 })
      .toContain('You are no longer a member of this case');
    await engineer.page.evaluate((hash) => {
      location.hash = hash;
    }, caseHash);
    await engineer.page.getByTestId('case-header').waitFor();
  });

  it('refuses everywhere what a member wrote before it learned of its removal (offline meanwhile)', async () => {
    // Invited after the rotation: the link carries the new key; the older log opens through the key history.
    second = await stage.party({ name: 'Ines Moreau', organisation: 'Contoso OS' });
    await join(second, await invite(agent.page, 'Partner', 'Operating system vendor'));
    await sees(second, 'The PC shows a black screen after the update.');
    await sees(second, 'Only the two of us should read this.');

    await second.context.setOffline(true);
    await expect
      .poll(() => second.page.getByTestId('sync-state').textContent(), { timeout: 15_000 })
      .toBe('Offline');
    await remove(agent.page, 'Ines Moreau');
    // Written once the customer's copy knows of the removal: sealed with the new key. (Written
    // before it, it would be sealed with the key Ines holds, and she would rightly read it.)
    await sees(customer, 'removed Ines Moreau');
    await say(customer, 'Ines is no longer on this case.');
    await sees(agent, 'Ines is no longer on this case.');
    // Still unaware, her app lets her write; the change is signed and waits for a peer.
    await say(second, 'Late words from a removed member.');

    await second.context.setOffline(false);
    await banner(second).waitFor({ timeout: 45_000 });
    expect(await banner(second).textContent()).toContain('Dana Whitfield removed you from this case');
    for (const party of [agent, customer]) {
      await openTab(party.page, 'rejected');
      const panel = party.page.getByTestId('panel-rejected');
      await panel.getByText('was written by a removed member').waitFor({ timeout: 45_000 });
      expect(await panel.textContent()).toContain('Signed by Ines Moreau (Contoso OS)');
      expect(await party.page.getByTestId('verification-state').textContent()).toBe('1 change rejected');
      expect(await conversation(party)).not.toContain('Late words from a removed member.');
    }
    await agent.shot('removal-4-rejected');
    await second.page.waitForTimeout(2000);
    expect(await conversation(second)).not.toContain('Ines is no longer on this case.');
    expect(await conversation(engineer)).not.toContain('Ines is no longer on this case.');
    for (const party of [agent, customer, engineer, second]) expect(party.errors).toEqual([]);
  });
});
