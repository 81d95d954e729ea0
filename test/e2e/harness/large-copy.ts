/** A real signed copy of a long case, made in Node with shared/ (what `casepact export` writes). */
import { createCase, postMessage } from '../../../shared/contract/index';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { identityFromSeed } from '../../../shared/identity/identity';
import { foundCase } from '../../../shared/signed/found';
import { exportSignedCopy } from '../../../shared/signed/signed-copy';

/** One founder, then `messages` signed conversation messages: `messages + 1` changes in all. */
export async function largeSignedCopy(title: string, messages: number): Promise<Buffer> {
  await sodiumReady();
  const identity = identityFromSeed(new Uint8Array(32).fill(7), 'Priya Raman', 'Northwind PCs');
  if (!identity.ok) throw new Error(identity.error.message);
  const founded = foundCase({
    identity: identity.value,
    create: (ctx) =>
      createCase(ctx, {
        title,
        party: { name: 'Northwind PCs', role: 'provider' },
        member: { displayName: 'Priya Raman', organisation: 'Northwind PCs' },
      }),
  });
  if (!founded.result.ok) throw new Error(founded.result.message);
  for (let i = 0; i < messages; i++) {
    const posted = founded.replica.run((ctx) => postMessage(ctx, { text: `Boot attempt ${i + 1}: no POST` }));
    if (!posted.ok) throw new Error(posted.message);
  }
  const copy = exportSignedCopy(founded.replica, identity.value, Date.now());
  founded.replica.destroy();
  return Buffer.from(copy, 'utf8');
}
