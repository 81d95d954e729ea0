import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { casepact, expectOneLineError, tempHome } from './cli-helpers';

describe('bad CLI input: one line, non-zero exit, never a stack trace', () => {
  it('before an identity exists', () => {
    const home = tempHome();
    expect(expectOneLineError(casepact(home, ['id', 'show']))).toContain('no identity yet');
    expect(expectOneLineError(casepact(home, ['case', 'new', '--title', 'x']))).toContain('no identity yet');
    expect(expectOneLineError(casepact(home, ['id', 'new', '--name', 'A']))).toContain('--org is required');
    expect(
      expectOneLineError(casepact(home, ['id', 'new', '--name', 'A', '--org', 'B', '--colour', 'red'])),
    ).toContain('unknown option --colour');
    expect(
      expectOneLineError(
        casepact(home, ['id', 'new', '--name', 'A', '--org', 'B'], { CASEPACT_PASSPHRASE: 'short' }),
      ),
    ).toContain('at least 8');
    expect(expectOneLineError(casepact(home, ['frobnicate']))).toContain('unknown command');
    expect(
      expectOneLineError(
        casepact(home, ['id', 'new', '--name', 'A', '--org', 'B'], { CASEPACT_PASSPHRASE: '' }),
      ),
    ).toContain('set CASEPACT_PASSPHRASE or run in a terminal');
    expect(expectOneLineError(casepact(home, ['verify', join(home, 'missing.casepact')]))).toContain(
      'cannot read',
    );
    const garbage = join(home, 'garbage.casepact');
    writeFileSync(garbage, 'not a signed copy at all\n{}\n');
    const verify = casepact(home, ['verify', garbage]);
    expect(verify.status).toBe(1);
    expect(expectOneLineError(verify)).toMatch(/^casepact: verify failed: /);
  }, 120_000);

  it('with an identity and a case', () => {
    const home = tempHome();
    expect(casepact(home, ['id', 'new', '--name', 'Carl', '--org', 'Contoso']).status).toBe(0);
    expect(expectOneLineError(casepact(home, ['id', 'new', '--name', 'Carl', '--org', 'Contoso']))).toContain(
      'already exists',
    );
    expect(
      expectOneLineError(
        casepact(home, ['case', 'new', '--title', 'x'], { CASEPACT_PASSPHRASE: 'wrong passphrase!' }),
      ),
    ).toContain('wrong passphrase');
    expect(expectOneLineError(casepact(home, ['case', 'new', '--title', 'x', '--role', 'pirate']))).toContain(
      '--role',
    );
    expect(
      expectOneLineError(casepact(home, ['case', 'new', '--title', 'x', '--template', 'nope'])),
    ).toContain('template');
    const made = casepact(home, ['case', 'new', '--title', 'Broken router', '--role', 'customer']);
    expect(made.status, made.stderr).toBe(0);
    const caseId = made.stdout.trim().split('\n').at(-1) as string;
    expect(expectOneLineError(casepact(home, ['show', 'cnothere']))).toContain('no case');
    expect(expectOneLineError(casepact(home, ['show']))).toContain('missing argument');
    expect(
      expectOneLineError(casepact(home, ['action', 'add', caseId, '--title', 'T', '--owner', 'provider'])),
    ).toContain('no party "provider"');
    expect(
      expectOneLineError(
        casepact(home, ['action', 'add', caseId, '--title', 'T', '--owner', 'customer', '--due', 'tomorrow']),
      ),
    ).toContain('--due');
    expect(expectOneLineError(casepact(home, ['message', caseId, '   ']))).toContain('empty');
    expect(expectOneLineError(casepact(home, ['export', caseId]))).toContain('--out is required');
    expect(
      expectOneLineError(casepact(home, ['export', caseId, '--out', join(home, 'no', 'such', 'dir', 'x')])),
    ).toContain('cannot write');
  }, 120_000);
});
