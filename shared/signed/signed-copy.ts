import { selectAgreements } from '../contract/agreements';
import { selectParties } from '../contract/selectors';
import { sodium } from '../crypto/sodium';
import { concatBytes, toBase64, utf8 } from '../identity/bytes';
import type { Identity } from '../identity/identity';
import type { CaseGenesis } from './genesis';
import type { CaseReplica } from './replica';

/**
 * Signed copy file v1 (docs/signed-copy.md): a party's verifiable copy of a case, as two lines of
 * UTF-8 JSON, each ending in "\n":
 *
 *   line 1  the body: genesis, summary (members, parties, agreements, terms hash) and every applied
 *           envelope in application order, base64
 *   line 2  {"exportedBy": memberId, "signature": base64 Ed25519 over
 *           "casepact/signed-copy/v1" || 0x00 || the exact bytes of line 1}
 *
 * Everything in the summary is proved by the envelopes; the verifier replays them and refuses a
 * summary that says anything else. The exporter's signature covers the rest (export time).
 */
export const SIGNED_COPY_FORMAT = 'casepact-signed-copy';
export const SIGNED_COPY_VERSION = 1;
export const SIGNED_COPY_DOMAIN = utf8('casepact/signed-copy/v1\u0000');

export interface CopyMember {
  readonly id: string;
  readonly displayName: string;
  readonly organisation: string;
  readonly party: string;
  readonly role: string;
  readonly status: string;
}

export interface CopyParty {
  readonly id: string;
  readonly name: string;
  readonly role: string;
}

export interface CopySignature {
  readonly member: string;
  readonly termsHash: string;
  readonly signature: string;
  readonly at: number;
}

export interface CopyAgreement {
  readonly version: number;
  readonly termsHash: string;
  readonly agreed: boolean;
  readonly signatures: readonly CopySignature[];
}

export interface SignedCopyBody {
  readonly format: typeof SIGNED_COPY_FORMAT;
  readonly version: typeof SIGNED_COPY_VERSION;
  readonly genesis: CaseGenesis;
  readonly title: string;
  readonly exportedAt: number;
  readonly exportedBy: string;
  readonly termsHash: string;
  readonly parties: readonly CopyParty[];
  readonly members: readonly CopyMember[];
  readonly agreements: readonly CopyAgreement[];
  /** Base64 of each envelope's exact bytes, in the order the exporter applied them. */
  readonly envelopes: readonly string[];
}

export interface SignedCopyTrailer {
  readonly exportedBy: string;
  readonly signature: string;
}

/** The summary part of a body, derived from a contract document (export and verification share it). */
export function summarise(
  doc: CaseReplica['contract'],
): Pick<SignedCopyBody, 'title' | 'termsHash' | 'parties' | 'members' | 'agreements'> {
  const parties = selectParties(doc);
  const agreements = selectAgreements(doc);
  const title = doc.getMap('case').get('title');
  return {
    title: typeof title === 'string' ? title : '',
    termsHash: agreements.currentTermsHash,
    parties: parties.map((p) => ({ id: p.id, name: p.name, role: p.role })),
    members: parties
      .flatMap((p) => p.members)
      .map((m) => ({
        id: m.id,
        displayName: m.displayName,
        organisation: m.organisation,
        party: m.party,
        role: m.role,
        status: m.status,
      }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    agreements: agreements.versions
      .filter((v) => v.recorded)
      .map((v) => ({
        version: v.version,
        termsHash: v.termsHash,
        agreed: v.agreedByAll,
        signatures: v.signatures.map((s) => ({
          member: s.member,
          termsHash: s.termsHash,
          signature: s.signature,
          at: s.at,
        })),
      })),
  };
}

/** Writes the signed copy of a replica's current state, signed by `identity` (a member). */
export function exportSignedCopy(replica: CaseReplica, identity: Identity, exportedAt: number): string {
  replica.flush();
  const body: SignedCopyBody = {
    format: SIGNED_COPY_FORMAT,
    version: SIGNED_COPY_VERSION,
    genesis: { caseId: replica.genesis.caseId, founder: replica.genesis.founder, salt: replica.genesis.salt },
    ...summarise(replica.contract),
    exportedAt,
    exportedBy: identity.id,
    envelopes: replica.appliedEnvelopes().map((e) => toBase64(e.bytes)),
  };
  const line = JSON.stringify(body);
  const signature = sodium().crypto_sign_detached(
    concatBytes(SIGNED_COPY_DOMAIN, utf8(line)),
    identity.secretKey,
  );
  const trailer: SignedCopyTrailer = { exportedBy: identity.id, signature: toBase64(signature) };
  return `${line}\n${JSON.stringify(trailer)}\n`;
}
