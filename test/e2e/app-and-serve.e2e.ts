/**
 * The app and the CLI's always-on peer hold one case together, over real WebRTC between Chromium
 * and node-datachannel: Acme's help desk runs `casepact serve` on its own CASEPACT_HOME (design
 * §7: "an always-on peer … run by an organisation as one of its own members' devices"); the
 * customer, in the app, joins by the desk's invite link, gets the case as the desk wrote it and
 * sees the desk online (its signed presence);
 * what the customer writes reaches the desk's store through serve; what the desk writes with
 * another CLI command while serve runs reaches the customer's open workspace.
 */
import { rmSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonChild, killAllChildren, ok, PASSPHRASE, show, tempBase } from '../integration/cli-harness';
import { join, say, sees } from './harness/case-steps';
import { stageForFile } from './harness/stage';

const stage = stageForFile();
const base = tempBase('casepact-app-serve-');
const desk = joinPath(base, 'desk');

afterAll(async () => {
  await killAllChildren();
  rmSync(base, { recursive: true, force: true });
});

/** Polls the desk's store (a CLI command beside the running serve) until `test` holds. */
async function deskSees(caseId: string, test: (texts: string[]) => boolean, ms = 30_000): Promise<string[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const texts = (await show(desk, caseId)).messages.map((m) => m.text);
    if (test(texts) || Date.now() > deadline) return texts;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('an app party and `casepact serve` in one case', () => {
  it('the customer joins from the app through the desk’s always-on peer; messages flow both ways', async () => {
    await ok(desk, 'id', 'new', '--name', 'Acme Help Desk', '--org', 'Acme Support');
    const caseId = (
      await ok(desk, 'case', 'new', '--title', 'Docking station drops the external monitors')
    ).at(-1) as string;
    await ok(desk, 'message', caseId, 'Hello Dana, we have your ticket. Which firmware is on the dock?');
    const link = (await ok(desk, 'invite', caseId, '--role', 'customer', '--party', 'Northwind PCs')).at(
      -1,
    ) as string;

    // No --bind: Chromium offers its host address, not loopback; both stay on this machine.
    const serve = new JsonChild(
      ['bin/casepact.mjs', 'serve', '--signal', stage.signaling.url, '--json', '--scan', '0.5'],
      { ...process.env, CASEPACT_HOME: desk, CASEPACT_PASSPHRASE: PASSPHRASE },
    );
    await serve.until((line) => line.type === 'online');

    const dana = await stage.party({ name: 'Dana Whitfield', organisation: 'Northwind PCs' });
    await join(dana, link);
    await expect
      .poll(() => dana.page.getByTestId('case-header').textContent())
      .toContain('Docking station drops the external monitors');
    await sees(dana, 'Which firmware is on the dock?');
    // The always-on peer signs its presence: the desk shows as online, verified.
    await expect
      .poll(() => dana.page.getByRole('list', { name: 'Parties' }).textContent(), { timeout: 30_000 })
      .toContain('Acme Help Desk, online');

    await say(dana, 'Firmware 1.4.2, updated last night.');
    expect(
      await deskSees(caseId, (texts) => texts.includes('Firmware 1.4.2, updated last night.')),
    ).toContain('Firmware 1.4.2, updated last night.');
    const members = (await show(desk, caseId)).parties.flatMap((p) => p.members.map((m) => m.displayName));
    expect(members).toEqual(expect.arrayContaining(['Acme Help Desk', 'Dana Whitfield']));

    // Written by another command while serve runs: serve takes it to the customer.
    await ok(desk, 'message', caseId, 'Thanks. Please try firmware 1.4.3; steps are in the action.');
    await sees(dana, 'Please try firmware 1.4.3');
    await dana.shot('app-with-serve');

    expect((await show(desk, caseId)).verification.refused).toEqual([]);
    expect(dana.errors).toEqual([]);
    expect(await serve.stop()).toBe(0);
  }, 180_000);
});
