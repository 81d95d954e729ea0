/**
 * Agreement versions (design.md §5). A member signs the hash of the current terms; a version is
 * agreed when every negotiating party named in that version's terms has a signature on its hash
 * from one of its members. Changing the terms after agreement opens version N+1: the selector shows
 * it at once (unrecorded, no signatures) and the first signature on the new terms records it.
 * While a version is not yet agreed, signing re-points it at the current terms, so signatures on an
 * earlier draft show as not current.
 */
import * as Y from 'yjs';
import { sodium } from '../crypto/sodium';
import { canonicalJson, type CanonicalValue } from './canonical-json';
import { type CommandContext, execute, nowOf, requireActor } from './context';
import type { MemberId } from './model';
import { parseMember, readAll } from './read';
import { readStoredAgreements, type StoredAgreement } from './read-negotiation';
import type { Result } from './result';
import { SIGNING_ROLES } from './rights';
import { type CaseRoots, roots } from './schema';
import { type CanonicalTerms, hashTerms, selectTerms } from './terms';
import { fail } from './validate';
import type { AgreementsView, AgreementVersionView, SignatureView } from './views';
import { prepareEvent, pushEvents, requireWrite } from './writes';

const HASH_HEX = /^[0-9a-f]{64}$/;
/** Standard padded base64 of exactly 64 bytes (an Ed25519 signature). */
const SIG_B64 = /^[A-Za-z0-9+/]{86}==$/;

function requiredParties(termsJson: string | null, fallback: CanonicalTerms | null): string[] {
  let parties: readonly { id: string; role: string }[] = fallback?.parties ?? [];
  if (termsJson) {
    try {
      const parsed = JSON.parse(termsJson) as { parties?: unknown };
      if (Array.isArray(parsed.parties)) parties = parsed.parties as { id: string; role: string }[];
    } catch {
      // A malformed snapshot falls back to the current parties.
    }
  }
  return parties
    .filter((p) => (SIGNING_ROLES as readonly string[]).includes(p.role))
    .map((p) => p.id)
    .sort();
}

function versionView(
  v: {
    version: number;
    termsHash: string;
    terms: string | null;
    openedBy: string | null;
    openedAt: number | null;
  },
  signatures: StoredAgreement['signatures'],
  memberParty: ReadonlyMap<MemberId, string>,
  current: CanonicalTerms | null,
  recorded: boolean,
  staffed: ReadonlySet<string>,
): AgreementVersionView {
  const sigs: SignatureView[] = [...signatures.entries()]
    .map(([member, s]) => ({
      member,
      party: memberParty.get(member) ?? null,
      termsHash: s.termsHash,
      signature: s.signature,
      at: s.at,
      current: s.termsHash === v.termsHash,
    }))
    .sort((a, b) => (a.member < b.member ? -1 : a.member > b.member ? 1 : 0));
  const required = requiredParties(v.terms, current).filter((p) => staffed.has(p));
  const signed = new Set(sigs.filter((s) => s.current && s.party !== null).map((s) => s.party as string));
  const signedParties = required.filter((p) => signed.has(p));
  const missingParties = required.filter((p) => !signed.has(p));
  return {
    version: v.version,
    termsHash: v.termsHash,
    openedBy: v.openedBy,
    openedAt: v.openedAt,
    recorded,
    signatures: sigs,
    signedParties,
    missingParties,
    agreedByAll: required.length > 0 && missingParties.length === 0,
  };
}

function memberParties(r: CaseRoots): Map<MemberId, string> {
  return new Map(readAll(r.members, parseMember).map((m) => [m.id, m.party]));
}

/**
 * Parties with at least one active member. A party a template named but nobody has joined
 * yet cannot sign, so it is not asked to: it becomes a signatory when its first member joins
 * (and the version it joins into then waits for it).
 */
function staffedParties(r: CaseRoots): Set<string> {
  return new Set(
    readAll(r.members, parseMember)
      .filter((m) => m.status === 'active')
      .map((m) => m.party),
  );
}

function computeAgreements(r: CaseRoots, current: CanonicalTerms | null): AgreementsView {
  const currentTermsHash = current ? hashTerms(current) : '';
  const parties = memberParties(r);
  const staffed = staffedParties(r);
  const versions = readStoredAgreements(r).map((a) =>
    versionView(a, a.signatures, parties, current, true, staffed),
  );
  const latest = versions[versions.length - 1];
  if (current && (!latest || (latest.agreedByAll && latest.termsHash !== currentTermsHash))) {
    const next = {
      version: (latest?.version ?? 0) + 1,
      termsHash: currentTermsHash,
      terms: null,
      openedBy: null,
      openedAt: null,
    };
    versions.push(versionView(next, new Map(), parties, current, false, staffed));
  }
  const agreed = versions.filter((v) => v.agreedByAll);
  const latestAgreed = agreed[agreed.length - 1];
  return {
    currentTermsHash,
    versions,
    latestAgreedVersion: latestAgreed?.version ?? null,
    currentTermsAgreed: latestAgreed !== undefined && latestAgreed.termsHash === currentTermsHash,
  };
}

/** Agreement versions with signatures and "agreed by all". Needs libsodium ready (see terms.ts). */
export function selectAgreements(doc: Y.Doc): AgreementsView {
  return computeAgreements(roots(doc), selectTerms(doc));
}

/** Current terms and their agreements view, or a 'crypto-not-ready' refusal, for commands. */
export function agreementsForCommand(doc: Y.Doc): { terms: CanonicalTerms | null; view: AgreementsView } {
  try {
    sodium();
  } catch {
    return fail('crypto-not-ready', 'libsodium is not loaded: await sodiumReady() at start-up');
  }
  const terms = selectTerms(doc);
  return { terms, view: computeAgreements(roots(doc), terms) };
}

export interface RecordSignatureInput {
  /** The hash the member signed: must be the hash of the current terms. */
  readonly termsHash: string;
  /** Base64 (standard, padded) of the 64-byte Ed25519 signature, made and verified by shared/signed. */
  readonly signature: string;
}

/**
 * Records the actor's signature on the current terms. Only the signature's form is checked here:
 * shared/signed makes it (over its domain-separated encoding of the hash) and verifies it on receipt.
 */
export function recordSignature(
  ctx: CommandContext,
  input: RecordSignatureInput,
): Result<{ readonly version: number; readonly agreed: boolean }> {
  return execute(ctx, 'recordSignature', (r) => {
    const author = requireActor(ctx, r);
    if (typeof input?.termsHash !== 'string' || !HASH_HEX.test(input.termsHash)) {
      fail('invalid-input', 'termsHash must be 64 lowercase hex characters');
    }
    if (typeof input.signature !== 'string' || !SIG_B64.test(input.signature)) {
      fail('invalid-input', 'signature must be the padded base64 of 64 bytes');
    }
    const { terms, view } = agreementsForCommand(ctx.doc);
    if (!terms || input.termsHash !== view.currentTermsHash) {
      fail('hash-mismatch', 'the terms changed since you signed: review the current terms and sign again');
    }
    const recorded = view.versions.filter((v) => v.recorded);
    const latest = recorded[recorded.length - 1];
    // Which version this signature lands on, and whether that version must be (re)written.
    const target =
      !latest || (latest.agreedByAll && latest.termsHash !== input.termsHash)
        ? { version: (latest?.version ?? 0) + 1, open: true, repoint: false }
        : { version: latest.version, open: false, repoint: latest.termsHash !== input.termsHash };
    const key = String(target.version);
    requireWrite(ctx, author, ['agreements', key, 'signatures', ctx.actor], 'set');
    if (target.open) requireWrite(ctx, author, ['agreements', key], 'create');
    const existing = target.open ? undefined : latest?.signatures.find((s) => s.member === ctx.actor);
    const signedParties = new Set(target.open || target.repoint ? [] : (latest?.signedParties ?? []));
    signedParties.add(author.partyId);
    const staffed = staffedParties(r);
    const required = terms.parties
      .filter((p) => SIGNING_ROLES.includes(p.role) && staffed.has(p.id))
      .map((p) => p.id);
    const agreed = required.every((p) => signedParties.has(p));
    if (
      existing?.current &&
      existing.termsHash === input.termsHash &&
      existing.signature === input.signature
    ) {
      return { value: { version: target.version, agreed } };
    }
    const at = nowOf(ctx);
    const termsJson = canonicalJson(terms as unknown as CanonicalValue);
    const events = [prepareEvent(ctx, author, at, 'signed', `Signed version ${target.version}`, key)];
    const wasAgreed = !target.open && !target.repoint && latest?.agreedByAll === true;
    if (agreed && !wasAgreed) {
      events.push(
        prepareEvent(ctx, author, at, 'agreed', `Version ${target.version} agreed by every party`, key),
      );
    }
    return {
      value: { version: target.version, agreed },
      write: () => {
        const found = r.agreements.get(key);
        let m = found instanceof Y.Map ? (found as Y.Map<unknown>) : undefined;
        if (target.open || !m) {
          m = new Y.Map<unknown>();
          r.agreements.set(key, m);
          m.set('version', target.version);
          m.set('openedBy', ctx.actor);
          m.set('openedAt', at);
          m.set('signatures', new Y.Map<unknown>());
        }
        if (target.open || target.repoint) {
          m.set('termsHash', input.termsHash);
          m.set('terms', termsJson);
        }
        let sigs = m.get('signatures');
        if (!(sigs instanceof Y.Map)) {
          sigs = new Y.Map<unknown>();
          m.set('signatures', sigs);
        }
        (sigs as Y.Map<unknown>).set(ctx.actor, {
          termsHash: input.termsHash,
          signature: input.signature,
          at,
        });
        pushEvents(r, events);
      },
    };
  });
}
