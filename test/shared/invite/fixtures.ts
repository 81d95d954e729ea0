import type { Sodium } from '../../../shared/crypto/sodium';
import { sodium } from '../../../shared/crypto/sodium';
import { toBase32 } from '../../../shared/identity/base32';
import { memberIdFromPublicKey } from '../../../shared/identity/member-id';
import { concatBytes, encodeUtf8, toHex } from '../../../shared/invite/bytes';
import type { CaseGenesis } from '../../../shared/signed/genesis';
import { checkGenesis } from '../../../shared/signed/genesis';
import type { InviteCaseView, InviteMemberView } from '../../../shared/invite/case-checks';
import type { CreateInviteInput } from '../../../shared/invite/create-invite';
import { createInvite } from '../../../shared/invite/create-invite';
import type { InviteRole } from '../../../shared/invite/link-format';

export const T0 = Date.UTC(2026, 10, 24, 12, 0, 0);
export const DAY = 24 * 60 * 60 * 1000;

export interface TestIdentity {
  readonly publicKey: Uint8Array;
  readonly secretKey: Uint8Array;
  readonly displayName: string;
  readonly organisation: string;
}

export function identity(
  na: Sodium,
  seedByte: number,
  displayName = `Person ${seedByte}`,
  organisation = 'Org',
): TestIdentity {
  const pair = na.crypto_sign_seed_keypair(new Uint8Array(32).fill(seedByte));
  return { publicKey: pair.publicKey, secretKey: pair.privateKey, displayName, organisation };
}

/** A deterministic randomBytes for invites: counter-based, so tests and vectors are stable. */
export function seededRandom(seed: number): (length: number) => Uint8Array {
  let counter = seed;
  return (length) => {
    counter += 1;
    return Uint8Array.from({ length }, (_, i) => (counter * 31 + i * 7) & 0xff);
  };
}

/** A valid case genesis (shared/signed/genesis.ts) for a founder key and a salt filled with `saltByte`. */
export function genesisFor(founderKey: Uint8Array, saltByte = 7): CaseGenesis {
  const salt = new Uint8Array(16).fill(saltByte);
  const digest = sodium().crypto_generichash(
    32,
    concatBytes(encodeUtf8('casepact/case-id/v1'), founderKey, salt),
    null,
  );
  const caseId = `c${toBase32(digest.subarray(0, 15))}`;
  const checked = checkGenesis({ caseId, founder: memberIdFromPublicKey(founderKey), salt: toHex(salt) });
  if (!checked.ok) throw new Error(checked.error.message);
  return checked.value;
}

/** The founder every test case shares unless a test names another (identity seed 100). */
export function testGenesis(saltByte = 7): CaseGenesis {
  return genesisFor(sodium().crypto_sign_seed_keypair(new Uint8Array(32).fill(100)).publicKey, saltByte);
}

export function makeLink(overrides: Partial<CreateInviteInput> & { inviter: TestIdentity }): string {
  const result = createInvite({
    genesis: testGenesis(),
    party: 'os-vendor',
    caseKey: new Uint8Array(32).fill(9),
    role: 'partner',
    singleUse: true,
    issuedAt: T0,
    expiresAt: T0 + 7 * DAY,
    ...overrides,
  });
  if (!result.ok) throw new Error(result.message);
  return result.link;
}

interface PlainMember extends InviteMemberView {
  readonly key: Uint8Array;
}

/**
 * An in-memory case for the checks: members by key, parties with roles, used invites, and the
 * contract's invite rule (customers and providers invite into any party, others into their own).
 * Mutations are explicit so tests can prove nothing changed.
 */
export class PlainCase implements InviteCaseView {
  readonly members: PlainMember[] = [];
  readonly parties = new Map<string, InviteRole>();
  readonly usedInvites = new Map<string, string>();

  constructor(readonly caseId: string) {}

  add(
    key: Uint8Array,
    role: InviteRole,
    party: string,
    status: 'active' | 'removed' = 'active',
    removedAt: number | null = status === 'removed' ? T0 : null,
  ): this {
    this.members.push({ id: toHex(key), key, role, party, status, removedAt });
    if (!this.parties.has(party)) this.parties.set(party, role);
    return this;
  }

  memberByKey(publicKey: Uint8Array): InviteMemberView | undefined {
    return this.members.find((member) => member.id === toHex(publicKey));
  }

  resolveParty(party: string | null, role: InviteRole): string | undefined {
    if (party !== null) return this.parties.get(party) === role ? party : undefined;
    const withRole = [...this.parties].filter(([, r]) => r === role);
    return withRole.length === 1 ? withRole[0]?.[0] : undefined;
  }

  isInviteUsedByOther(inviteId: string, joinerKey: Uint8Array | undefined): boolean {
    const usedBy = this.usedInvites.get(inviteId);
    return usedBy !== undefined && (joinerKey === undefined || usedBy !== toHex(joinerKey));
  }

  mayInvite(inviter: InviteMemberView, _offered: InviteRole, party: string): boolean {
    return inviter.role === 'customer' || inviter.role === 'provider' || inviter.party === party;
  }

  snapshot(): string {
    return JSON.stringify({
      members: this.members.map((m) => [m.id, m.role, m.party, m.status, m.removedAt]),
      parties: [...this.parties],
      used: [...this.usedInvites],
    });
  }
}
