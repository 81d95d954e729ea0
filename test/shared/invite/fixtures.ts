import type { Sodium } from '../../../shared/crypto/sodium';
import { toHex } from '../../../shared/invite/bytes';
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

export function makeLink(overrides: Partial<CreateInviteInput> & { inviter: TestIdentity }): string {
  const result = createInvite({
    caseId: 'case-volleyball',
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
 * An in-memory case for the checks: members by key, parties, used invites, and the rights
 * rule "customers invite customers and observers; providers and partners invite anyone but
 * providers; providers invite anyone". Mutations are explicit so tests can prove nothing changed.
 */
export class PlainCase implements InviteCaseView {
  readonly members: PlainMember[] = [];
  readonly parties = new Set<string>();
  readonly usedInvites = new Map<string, string>();

  constructor(readonly caseId: string) {}

  add(
    key: Uint8Array,
    role: InviteRole,
    party: string | null,
    status: 'active' | 'removed' = 'active',
  ): this {
    this.members.push({ key, role, party, status });
    if (party) this.parties.add(party);
    return this;
  }

  memberByKey(publicKey: Uint8Array): InviteMemberView | undefined {
    return this.members.find((member) => toHex(member.key) === toHex(publicKey));
  }

  hasParty(partyId: string): boolean {
    return this.parties.has(partyId);
  }

  isInviteUsedByOther(inviteId: string, joinerKey: Uint8Array | undefined): boolean {
    const usedBy = this.usedInvites.get(inviteId);
    return usedBy !== undefined && (joinerKey === undefined || usedBy !== toHex(joinerKey));
  }

  mayInvite(inviter: InviteMemberView, offered: InviteRole): boolean {
    if (inviter.role === 'provider') return true;
    if (inviter.role === 'observer') return false;
    if (inviter.role === 'customer') return offered === 'customer' || offered === 'observer';
    return offered !== 'provider';
  }

  snapshot(): string {
    return JSON.stringify({
      members: this.members.map((m) => [toHex(m.key), m.role, m.party, m.status]),
      parties: [...this.parties],
      used: [...this.usedInvites],
    });
  }
}
