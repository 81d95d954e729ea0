import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { casepact, expectOneLineError, tempHome } from './cli-helpers';

describe('casepact case commands (separate processes, temp CASEPACT_HOME)', () => {
  it('runs a case from identity to a verified export', () => {
    const home = tempHome();
    const created = casepact(home, ['id', 'new', '--name', 'Priya Provider', '--org', 'Acme Support']);
    expect(created.status, created.stderr).toBe(0);
    const id = created.stdout.trim().split('\n').at(-1) as string;
    expect(id).toMatch(/^cp[a-z2-7]{56}$/);
    const identityFile = readFileSync(join(home, 'identity.json'), 'utf8');
    expect(identityFile).not.toContain('correct horse');

    const shown = casepact(home, ['id', 'show']);
    expect(shown.stdout).toContain('Priya Provider');
    expect(shown.stdout).toMatch(/Fingerprint: +[A-Z2-7]{4}(-[A-Z2-7]{4}){3}/);

    const started = casepact(home, ['case', 'new', '--title', 'Laptop does not boot after firmware update']);
    expect(started.status, started.stderr).toBe(0);
    const caseId = started.stdout.trim().split('\n').at(-1) as string;
    expect(caseId).toMatch(/^c[a-z2-7]{24}$/);

    const action = casepact(home, [
      'action',
      'add',
      caseId,
      '--title',
      'Replace the boot chip',
      '--owner',
      'provider',
      '--due',
      '2025-07-01T17:00:00Z',
    ]);
    expect(action.status, action.stderr).toBe(0);
    expect(action.stdout).toContain('Added action "Replace the boot chip"');
    expect(casepact(home, ['message', caseId, 'Board', 'ships', 'tomorrow']).status).toBe(0);
    const signed = casepact(home, ['sign', caseId]);
    expect(signed.status, signed.stderr).toBe(0);
    expect(signed.stdout).toContain('Version 1 is agreed by every party');

    const json = casepact(home, ['show', caseId, '--json']);
    expect(json.status, json.stderr).toBe(0);
    const view = JSON.parse(json.stdout);
    expect(view.case.title).toBe('Laptop does not boot after firmware update');
    expect(view.actions.map((a: { title: string; status: string }) => [a.title, a.status])).toEqual([
      ['Replace the boot chip', 'agreed'],
    ]);
    expect(view.messages.some((m: { text: string }) => m.text === 'Board ships tomorrow')).toBe(true);
    expect(view.verification).toMatchObject({ changes: 4, refused: [], waiting: [], forks: [] });
    expect(view.agreements.latestAgreedVersion).toBe(1);

    const out = join(home, 'copy.casepact');
    const exported = casepact(home, ['export', caseId, '--out', out]);
    expect(exported.status, exported.stderr).toBe(0);
    const verified = casepact(home, ['verify', out]);
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stdout).toContain('VALID signed copy of "Laptop does not boot after firmware update"');
    expect(verified.stdout).toContain('Acme Support (provider)');
    expect(verified.stdout).toMatch(/v1 AGREED/);
    expect(verified.stdout).toMatch(/signed by Priya Provider \(Acme Support\) [A-Z2-7]{4}(-[A-Z2-7]{4}){3}/);
    expect(verified.stdout).toContain('Changes: 4 signed changes, all verified');

    // Any flipped byte makes verify fail with exit 1 and one precise line.
    const file = readFileSync(out);
    const flipped = Uint8Array.from(file);
    flipped[Math.floor(file.length / 2)] = (flipped[Math.floor(file.length / 2)] as number) ^ 0x02;
    writeFileSync(out, flipped);
    const bad = casepact(home, ['verify', out]);
    expect(bad.status).toBe(1);
    expect(expectOneLineError(bad)).toMatch(/^casepact: verify failed: .+/);
    writeFileSync(out, file.subarray(0, file.length - 100));
    const truncated = casepact(home, ['verify', out]);
    expect(truncated.status).toBe(1);
    expect(expectOneLineError(truncated)).toContain('cut short');

    // The store survives a torn final record (kill -9 during an append) and says so.
    const log = join(home, 'cases', caseId, 'log.bin');
    writeFileSync(log, Buffer.concat([readFileSync(log), Buffer.from([0, 0, 1, 0, 9, 9, 9])]));
    const after = casepact(home, ['show', caseId, '--json']);
    expect(after.status, after.stderr).toBe(0);
    expect(after.stderr).toContain('dropped an incomplete last record');
    expect(JSON.parse(after.stdout).verification.changes).toBe(4);
  }, 240_000);
});
