import { beforeAll, describe, expect, it } from 'vitest';
import { postMessage, proposeChange } from '../../../shared/contract/index';
import { exportSignedCopy } from '../../../shared/signed/signed-copy';
import { verifySignedCopy } from '../../../shared/signed/signed-copy-verify';
import { signCurrentTerms } from '../../../shared/signed/sign-terms';
import { ready, world } from './fixtures';

beforeAll(ready);

/** A case where both parties signed version 1, exported by the customer. */
function signedCase() {
  const w = world();
  const proposed = w.providerReplica.run((ctx) =>
    proposeChange(ctx, {
      changes: [{ kind: 'add-action', action: { title: 'Replace the boot chip', party: w.providerParty } }],
    }),
  );
  if (!proposed.ok) throw new Error(proposed.message);
  w.providerReplica.run((ctx) => postMessage(ctx, { text: 'We will replace the chip' }));
  const first = signCurrentTerms(w.providerReplica);
  if (!first.ok) throw new Error(first.message);
  w.sync(w.providerReplica, w.customerReplica);
  const second = signCurrentTerms(w.customerReplica);
  if (!second.ok) throw new Error(second.message);
  expect(second.value).toMatchObject({ version: 1, agreed: true });
  w.sync(w.customerReplica, w.providerReplica);
  const file = exportSignedCopy(w.customerReplica, w.customer, 1_750_100_000_000);
  return { w, file };
}

describe('signed copy v1', () => {
  it('verifies offline and summarises parties, versions, signers and changes', () => {
    const { w, file } = signedCase();
    const result = verifySignedCopy(file, { invitedSelf: w.invitedSelf });
    if (!result.ok) throw new Error(result.error.message);
    const summary = result.value;
    expect(summary.caseId).toBe(w.providerReplica.caseId);
    expect(summary.parties.map((p) => p.role).sort()).toEqual(['customer', 'provider']);
    expect(summary.versions).toHaveLength(1);
    expect(summary.versions[0]?.agreed).toBe(true);
    expect(summary.versions[0]?.signers.map((s) => s.displayName).sort()).toEqual([
      'Carl Customer',
      'Priya Provider',
    ]);
    expect(
      summary.versions[0]?.signers.every((s) => /^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/.test(s.fingerprint)),
    ).toBe(true);
    expect(summary.changes).toBe(w.customerReplica.applied().length);
    expect(summary.exportedBy.displayName).toBe('Carl Customer');
  });

  it('fails with a precise reason for a flipped byte in an envelope, a summary field or the signature', () => {
    const { w, file } = signedCase();
    const verify = (text: string) => verifySignedCopy(text, { invitedSelf: w.invitedSelf });
    const body = JSON.parse(file.split('\n')[0] as string);
    const envelope = body.envelopes[3] as string;
    const flipped = envelope.slice(0, 40) + (envelope[40] === 'A' ? 'B' : 'A') + envelope.slice(41);
    const inEnvelope = verify(file.replace(envelope, flipped));
    expect(!inEnvelope.ok && inEnvelope.error.code).toMatch(/copy-(signature|envelope)/);
    expect(!inEnvelope.ok && inEnvelope.error.message).toContain('envelope #4');

    const renamed = verify(file.replace('"displayName":"Carl Customer"', '"displayName":"Carl Custoner"'));
    expect(!renamed.ok && renamed.error).toMatchObject({ code: 'copy-summary-mismatch' });
    expect(!renamed.ok && renamed.error.message).toContain('displayName');

    const exportedAt = verify(file.replace('"exportedAt":1750100000000', '"exportedAt":1750100000001'));
    expect(!exportedAt.ok && exportedAt.error.code).toBe('copy-export-signature');

    const [line1, line2] = file.split('\n') as [string, string];
    const trailer = JSON.parse(line2) as { signature: string };
    const sig = trailer.signature;
    const badSig = `${line1}\n${line2.replace(sig, (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1))}\n`;
    const signature = verify(badSig);
    expect(!signature.ok && signature.error.code).toBe('copy-export-signature');

    const memberId = w.customer.id;
    const typo = memberId.slice(0, 10) + (memberId[10] === 'a' ? 'b' : 'a') + memberId.slice(11);
    const key = verify(file.replace(`"id":"${memberId}"`, `"id":"${typo}"`));
    expect(!key.ok && key.error.code).toBe('copy-summary-mismatch');
  });

  it('never accepts and never throws for any single flipped byte or any truncation', () => {
    const { w, file } = signedCase();
    const bytes = new TextEncoder().encode(file);
    const step = Math.max(1, Math.floor(bytes.length / 300));
    for (let i = 0; i < bytes.length; i += step) {
      const copy = bytes.slice();
      copy[i] = (copy[i] as number) ^ 0x01;
      const result = verifySignedCopy(copy, { invitedSelf: w.invitedSelf });
      expect(result.ok, `flipped byte ${i} was accepted`).toBe(false);
    }
    for (const cut of [0, 1, 100, Math.floor(bytes.length / 2), bytes.length - 5, bytes.length - 1]) {
      const result = verifySignedCopy(bytes.slice(0, cut), { invitedSelf: w.invitedSelf });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toMatch(/copy-(truncated|json|export-signature)/);
    }
    expect(verifySignedCopy(new Uint8Array([0xff, 0xfe, 0x00])).ok).toBe(false);
    expect(verifySignedCopy('hello\nworld\n').ok).toBe(false);
  });

  it('refuses a copy whose log contains a change its author had no right to make', () => {
    const { w, file } = signedCase();
    const withoutInvites = verifySignedCopy(file);
    // Without the invite hook the customer's join is unproven: the copy must not verify.
    expect(!withoutInvites.ok && withoutInvites.error.code).toBe('copy-incomplete');
    expect(verifySignedCopy(file, { invitedSelf: w.invitedSelf }).ok).toBe(true);
  });
});
