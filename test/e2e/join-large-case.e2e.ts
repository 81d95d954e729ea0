/**
 * A case bigger than one data-channel message reaches a party who joins it later, in the built
 * app over real WebRTC between two isolated browser contexts. y-webrtc sends a joiner the whole
 * log it lacks as one message; Chromium refuses messages past 256 KiB (and y-webrtc ignores the
 * error), so without the transport's framing (shared/sync/message-frames.ts) the customer would
 * wait forever on a case whose log passed that size. Here the agent writes ~330 KB of
 * conversation before inviting anyone.
 */
import { describe, expect, it } from 'vitest';
import { invite, join, newCase, openTab, say, sees } from './harness/case-steps';
import type { Party } from './harness/party';
import { stageForFile } from './harness/stage';

const MESSAGES = 33;
const MESSAGE_CHARS = 10_000; // the composer's limit

const stage = stageForFile();
let agent: Party;
let customer: Party;

/** A long diagnostic log line by line, different in every message (nothing repeats). */
function diagnosticLog(n: number): string {
  const lines: string[] = [`Boot log ${n + 1} of ${MESSAGES}, captured from the serial console:`];
  let seed = n * 7919 + 17;
  while (lines.join('\n').length < MESSAGE_CHARS - 120) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    const code = seed.toString(16).padStart(8, '0');
    lines.push(`[${(seed % 100_000) / 1000}s] POST stage ${seed % 97}: checksum ${code} mismatch, retrying`);
  }
  return lines.join('\n').slice(0, MESSAGE_CHARS);
}

describe('joining a case larger than one WebRTC message', () => {
  it('delivers the whole case to a party who joins afterwards', async () => {
    [agent, customer] = await Promise.all([
      stage.party({ name: 'Dana Whitfield', organisation: 'Northwind PCs' }),
      stage.party({ name: 'Sam Carter', organisation: 'Private customer' }),
    ]);
    const page = agent.page;
    await newCase(page, 'Hardware fault involving other vendors', 'Fleet of desktops stuck in POST');
    await openTab(page, 'conversation');
    for (let n = 0; n < MESSAGES; n++) {
      await page.getByLabel('Message to all parties').fill(diagnosticLog(n));
      await page.getByRole('button', { name: 'Send' }).click();
      await expect
        .poll(() => page.getByTestId('panel-conversation').textContent())
        .toContain(`Boot log ${n + 1} of`);
    }
    await say(agent, 'That is every boot log we have.');

    const link = await invite(page, 'Customer', 'Customer');
    await join(customer, link, 90_000);
    await sees(customer, 'That is every boot log we have.', 60_000);
    const seen = (await customer.page.getByTestId('panel-conversation').textContent()) ?? '';
    for (let n = 0; n < MESSAGES; n++) expect(seen).toContain(`Boot log ${n + 1} of ${MESSAGES}`);
    expect(await customer.page.getByTestId('verification-state').textContent()).not.toContain('rejected');

    // And back: the customer's reply reaches the agent over the same connection.
    await say(customer, 'Got all of them, thank you.');
    await sees(agent, 'Got all of them, thank you.');
    for (const party of [agent, customer]) expect(party.errors).toEqual([]);
  });
});
