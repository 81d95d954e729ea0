import * as Y from 'yjs';
import type { CommandContext, Result } from '../../../shared/contract';

/** A deterministic context: a clock that ticks one second per call and sequential ids. */
export function makeCtx(
  doc: Y.Doc,
  actor: string,
  opts: { start?: number; idPrefix?: string } = {},
): CommandContext {
  let t = opts.start ?? Date.UTC(2024, 2, 4, 9, 0, 0);
  let n = 0;
  const prefix = opts.idPrefix ?? actor.slice(0, 8).replace(/[^A-Za-z0-9_-]/g, '_');
  return { doc, actor, now: () => (t += 1000), newId: () => `${prefix}-${++n}` };
}

/** Unwraps an ok result, failing the test with the refusal otherwise. */
export function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error}: ${r.message}`);
  return r.value;
}

/** Asserts a refusal with the given code and that the document did not change. */
export function refusedWith<T>(doc: Y.Doc, run: () => Result<T>, code: string): void {
  const before = Y.encodeStateVector(doc);
  const updates: Uint8Array[] = [];
  const onUpdate = (u: Uint8Array): void => {
    updates.push(u);
  };
  doc.on('update', onUpdate);
  const r = run();
  doc.off('update', onUpdate);
  if (r.ok) throw new Error(`expected refusal ${code}, got ok`);
  if (r.error !== code) throw new Error(`expected refusal ${code}, got ${r.error}: ${r.message}`);
  if (updates.length > 0 || !equalBytes(before, Y.encodeStateVector(doc))) {
    throw new Error(`refusal ${code} changed the document`);
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Fully syncs documents with each other (both directions, every pair). */
export function syncAll(...docs: Y.Doc[]): void {
  for (const a of docs)
    for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

/** A 64-byte signature in padded base64, made of a repeated byte (the contract checks only its form). */
export function fakeSignatureB64(byte: number): string {
  return Buffer.from(new Uint8Array(64).fill(byte)).toString('base64');
}

/** Member ids in the shape shared/signed uses (readable public-key ids); any opaque id works here. */
export const ALICE = 'ed25519-alice';
export const BOB = 'ed25519-bob';
export const CAROL = 'ed25519-carol';
export const DAVE = 'ed25519-dave';
export const ERIN = 'ed25519-erin';

import { addParty, createCase, joinViaInvite } from '../../../shared/contract';

export interface Scenario {
  readonly doc: Y.Doc;
  readonly alice: CommandContext;
  readonly bob: CommandContext;
  readonly carol: CommandContext;
  readonly dave: CommandContext;
  readonly customer: string;
  readonly provider: string;
  readonly partner: string;
  readonly observer: string;
}

/**
 * One document with four parties: Alice (customer, creator), Bob (provider's agent), Carol
 * (partner vendor), Dave (observer). Each joined through an invite from an allowed inviter.
 */
export function scenario(onDoc?: (doc: Y.Doc) => void): Scenario {
  const doc = new Y.Doc();
  onDoc?.(doc);
  const alice = makeCtx(doc, ALICE, { idPrefix: 'a' });
  const bob = makeCtx(doc, BOB, { idPrefix: 'b' });
  const carol = makeCtx(doc, CAROL, { idPrefix: 'c' });
  const dave = makeCtx(doc, DAVE, { idPrefix: 'd' });
  const { partyId: customer } = must(
    createCase(alice, {
      title: 'Laptop does not boot after BIOS update',
      summary: 'Black screen after the vendor BIOS update.',
      party: { name: 'Alice Smith', kind: 'person', role: 'customer' },
      member: { displayName: 'Alice Smith' },
    }),
  );
  const { partyId: provider } = must(addParty(alice, { name: 'Northwind PCs', role: 'provider' }));
  const { partyId: partner } = must(addParty(alice, { name: 'Contoso OS', role: 'partner' }));
  const { partyId: observer } = must(addParty(alice, { name: 'Consumer Ombudsman', role: 'observer' }));
  must(
    joinViaInvite(bob, {
      party: provider,
      invitedBy: ALICE,
      displayName: 'Bob Agent',
      organisation: 'Northwind PCs',
    }),
  );
  must(
    joinViaInvite(carol, {
      party: partner,
      invitedBy: BOB,
      displayName: 'Carol Engineer',
      organisation: 'Contoso',
    }),
  );
  must(joinViaInvite(dave, { party: observer, invitedBy: ALICE, displayName: 'Dave Watcher' }));
  return { doc, alice, bob, carol, dave, customer, provider, partner, observer };
}
