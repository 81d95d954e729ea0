import { beforeAll, describe, expect, it } from 'vitest';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { identityFromSeed } from '../../../shared/identity/identity';
import { fingerprintOfMemberId } from '../../../shared/identity/member-id';
import type { CopySummary, VerifyPhase } from '../../../shared/signed/signed-copy-verify';
import { verifySignedCopy } from '../../../shared/signed/signed-copy-verify';
import {
  copyProblem,
  fileProblem,
  MAX_COPY_BYTES,
  partiesInOrder,
  progressView,
  versionVerdict,
} from '../../../renderer/src/verify/verify-copy-model';

beforeAll(sodiumReady);

function failure(file: string | Uint8Array) {
  const result = verifySignedCopy(file);
  if (result.ok) throw new Error('expected the copy to fail');
  return result.error;
}

describe('check a signed copy: view model', () => {
  it('refuses empty and oversized files before reading them, and lets others through', () => {
    expect(fileProblem({ name: 'a.casepact', size: 0 })?.headline).toBe('This file is empty');
    const huge = fileProblem({ name: 'backup.iso', size: MAX_COPY_BYTES + 1 });
    expect(huge?.headline).toBe('This file is too large to be a signed copy');
    expect(huge?.reason).toBe('backup.iso is 256 MB; a signed copy is at most 256 MB.');
    expect(fileProblem({ name: 'a.casepact', size: MAX_COPY_BYTES })).toBeUndefined();
    expect(fileProblem({ name: 'a.casepact', size: 1 })).toBeUndefined();
  });

  it("keeps the verifier's precise reason as a sentence and says what to do next", () => {
    const garbled = copyProblem(failure('hello\nworld\n'));
    expect(garbled.headline).toBe('This file does not check out: it is not a complete Casepact signed copy');
    expect(garbled.reason).toBe('Line 1 (the body) is not a JSON object (the file is garbled or cut short).');
    expect(garbled.next).toContain('Ask the sender for a fresh export');

    const binary = copyProblem(failure(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])));
    expect(binary.reason).toBe('The file is not UTF-8 text.');
    expect(copyProblem(failure('')).reason).toBe('The file is empty.');

    const author = identityFromSeed(new Uint8Array(32).fill(9), 'Ann', 'Acme');
    if (!author.ok) throw new Error(author.error.message);
    const { id } = author.value;
    const altered = copyProblem({
      code: 'copy-signature',
      message: `envelope #12 (${id} #5): the signature does not verify`,
    });
    const key = fingerprintOfMemberId(id);
    expect(key).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    expect(altered).toEqual({
      headline: 'This file does not check out',
      reason: `Envelope #12 (change #5 by key ${key}): the signature does not verify.`,
      next: 'The file was damaged or changed after it was signed. Ask the sender for a fresh export of the case and check that file; do not rely on this one.',
    });
    expect(
      copyProblem({
        code: 'copy-agreement-signature',
        message: `version 2: the signature of ${id} does not verify`,
      }).reason,
    ).toBe(`Version 2: the signature of key ${key} does not verify.`);
    // Not a well-formed member id: left as the verifier wrote it.
    expect(copyProblem({ code: 'copy-signature', message: 'envelope #1 (cpabc #1): bad' }).reason).toBe(
      'Envelope #1 (cpabc #1): bad.',
    );
  });

  it('turns the verifier’s reports into one bar that only moves forward, from 0 to 100 %', () => {
    const reports: [number, number, VerifyPhase][] = [
      [0, 250, 'envelopes'],
      [100, 250, 'envelopes'],
      [200, 250, 'envelopes'],
      [250, 250, 'envelopes'],
      [0, 250, 'replay'],
      [250, 250, 'replay'],
      [0, 1, 'summary'],
      [1, 1, 'summary'],
    ];
    const views = reports.map(([done, total, phase]) => progressView(done, total, phase));
    const fractions = views.map((v) => v.fraction);
    expect(fractions[0]).toBe(0);
    expect(fractions.at(-1)).toBe(1);
    for (let i = 1; i < fractions.length; i++)
      expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1] as number);
    expect(views[1]?.label).toBe('Checking the signature on each change (100 of 250)…');
    expect(views[4]?.label).toBe('Replaying 250 signed changes through the case rules…');
    expect(progressView(0, 0, 'envelopes').fraction).toBe(0.7);
  });

  it('names the state of each version and orders parties customer first', () => {
    const signer = {
      id: 'cp1',
      displayName: 'A',
      organisation: 'O',
      fingerprint: 'F',
      at: 1,
    };
    const version = (agreed: boolean, current: boolean[]): CopySummary['versions'][number] => ({
      version: 1,
      termsHash: 'h',
      agreed,
      signers: current.map((c) => ({ ...signer, current: c })),
    });
    expect(versionVerdict(version(true, [true, true]))).toBe('Agreed');
    expect(versionVerdict(version(false, [true]))).toBe('Not yet signed by every party');
    expect(versionVerdict(version(false, [false]))).toBe('Not signed on its final terms yet');
    const party = (name: string, role: string) => ({ id: name, name, role, members: [] });
    expect(
      partiesInOrder([
        party('Zeta chips', 'partner'),
        party('Acme', 'provider'),
        party('Odd', 'auditor'),
        party('Alpha chips', 'partner'),
        party('Dana', 'customer'),
      ]).map((p) => p.name),
    ).toEqual(['Dana', 'Acme', 'Alpha chips', 'Zeta chips', 'Odd']);
  });
});
