import { beforeAll, describe, expect, it } from 'vitest';
import { postMessage } from '../../../shared/contract/index';
import { exportSignedCopy } from '../../../shared/signed/signed-copy';
import type { VerifyPhase } from '../../../shared/signed/signed-copy-verify';
import { PROGRESS_EVERY, VERIFY_PHASES, verifySignedCopy } from '../../../shared/signed/signed-copy-verify';
import { ready, world } from './fixtures';

beforeAll(ready);

/** A case with a few hundred signed changes, so the signature loop reports several times. */
function busyCase(messages: number) {
  const w = world();
  for (let i = 0; i < messages; i++) {
    const posted = w.providerReplica.run((ctx) => postMessage(ctx, { text: `Update ${i}` }));
    if (!posted.ok) throw new Error(posted.message);
  }
  w.sync(w.providerReplica, w.customerReplica);
  return { w, file: exportSignedCopy(w.customerReplica, w.customer, 1_750_100_000_000) };
}

type Report = readonly [done: number, total: number, phase: VerifyPhase];

function recorded(file: string, invitedSelf?: ReturnType<typeof world>['invitedSelf']) {
  const reports: Report[] = [];
  const result = verifySignedCopy(file, {
    ...(invitedSelf ? { invitedSelf } : {}),
    onProgress: (done, total, phase) => reports.push([done, total, phase]),
  });
  return { reports, result };
}

/** Phases in order, `done` never decreasing and `total` fixed within a phase, `done` within 0..total. */
function expectMonotonic(reports: readonly Report[]): void {
  for (let i = 1; i < reports.length; i++) {
    const [done, total, phase] = reports[i] as Report;
    const [pDone, pTotal, pPhase] = reports[i - 1] as Report;
    const order = VERIFY_PHASES.indexOf(phase) - VERIFY_PHASES.indexOf(pPhase);
    expect(order, `phase ${pPhase} → ${phase}`).toBeGreaterThanOrEqual(0);
    if (order === 0) {
      expect(total).toBe(pTotal);
      expect(done).toBeGreaterThanOrEqual(pDone);
    }
  }
  for (const [done, total] of reports) expect(done >= 0 && done <= total).toBe(true);
}

describe('verifySignedCopy progress', () => {
  it('reports every phase monotonically, every 100 envelopes, and returns the same summary', () => {
    const { w, file } = busyCase(260);
    const { reports, result } = recorded(file, w.invitedSelf);
    const plain = verifySignedCopy(file, { invitedSelf: w.invitedSelf });
    expect(result.ok).toBe(true);
    expect(result).toEqual(plain);
    expectMonotonic(reports);
    const count = plain.ok ? plain.value.changes : 0;
    expect(count).toBeGreaterThan(2 * PROGRESS_EVERY);
    const signatures = reports.filter(([, , phase]) => phase === 'envelopes').map(([done]) => done);
    const steps = Array.from(
      { length: Math.floor((count - 1) / PROGRESS_EVERY) },
      (_, i) => (i + 1) * PROGRESS_EVERY,
    );
    expect(signatures).toEqual([0, ...steps, count]);
    expect(reports.filter(([, , phase]) => phase === 'replay')).toEqual([
      [0, count, 'replay'],
      [count, count, 'replay'],
    ]);
    expect(reports.at(-1)).toEqual([1, 1, 'summary']);
  });

  it('fails with the same reason with and without progress, and stops reporting at the failure', () => {
    const { w, file } = busyCase(150);
    const body = JSON.parse(file.split('\n')[0] as string) as { envelopes: string[] };
    const envelope = body.envelopes[120] as string;
    const flipped = envelope.slice(0, 40) + (envelope[40] === 'A' ? 'B' : 'A') + envelope.slice(41);
    const broken = file.replace(envelope, flipped);
    const { reports, result } = recorded(broken, w.invitedSelf);
    expect(result.ok).toBe(false);
    expect(result).toEqual(verifySignedCopy(broken, { invitedSelf: w.invitedSelf }));
    expect(!result.ok && result.error.message).toContain('envelope #121');
    expectMonotonic(reports);
    expect(reports).toEqual([
      [0, body.envelopes.length, 'envelopes'],
      [100, body.envelopes.length, 'envelopes'],
    ]);

    const refused = recorded(file);
    expect(refused.result).toEqual(verifySignedCopy(file));
    expect(!refused.result.ok && refused.result.error.code).toBe('copy-incomplete');
    expect(refused.reports.map(([, , phase]) => phase).at(-1)).toBe('replay');
  });
});
