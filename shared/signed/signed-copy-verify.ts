import * as Y from 'yjs';
import { roots } from '../contract/schema';
import { sodium } from '../crypto/sodium';
import { concatBytes, fromBase64, fromUtf8, utf8 } from '../identity/bytes';
import { fingerprintOfMemberId, parseMemberId } from '../identity/member-id';
import type { Result } from '../identity/result';
import { err, ok } from '../identity/result';
import { verifyTermsSignature } from './agreement';
import type { Envelope } from './envelope';
import { decodeEnvelope, verifyEnvelopeSignature } from './envelope';
import { checkGenesis } from './genesis';
import { verifiedInviteJoin } from './invite-hook';
import { VerificationPipeline } from './pipeline';
import { REASON_TEXT } from './policy';
import type { SignedCopyBody, SignedCopyTrailer } from './signed-copy';
import { SIGNED_COPY_DOMAIN, SIGNED_COPY_FORMAT, SIGNED_COPY_VERSION, summarise } from './signed-copy';

/** Why a signed copy does not verify: the first problem found, stated precisely. */
export type CopyErrorCode =
  | 'copy-truncated'
  | 'copy-json'
  | 'copy-format'
  | 'copy-field'
  | 'copy-genesis'
  | 'copy-envelope'
  | 'copy-signature'
  | 'copy-refused'
  | 'copy-incomplete'
  | 'copy-summary-mismatch'
  | 'copy-agreement-signature'
  | 'copy-export-signature';

export interface CopyError {
  readonly code: CopyErrorCode;
  readonly message: string;
}

export interface PersonSummary {
  readonly id: string;
  readonly displayName: string;
  readonly organisation: string;
  readonly fingerprint: string;
}

export interface CopySummary {
  readonly caseId: string;
  readonly title: string;
  readonly founder: PersonSummary;
  readonly exportedBy: PersonSummary;
  readonly exportedAt: number;
  readonly termsHash: string;
  readonly changes: number;
  readonly parties: readonly {
    readonly id: string;
    readonly name: string;
    readonly role: string;
    readonly members: readonly (PersonSummary & { readonly role: string; readonly status: string })[];
  }[];
  readonly versions: readonly {
    readonly version: number;
    readonly termsHash: string;
    readonly agreed: boolean;
    readonly signers: readonly (PersonSummary & { readonly at: number; readonly current: boolean })[];
  }[];
}

/**
 * The stages of verification, in the order they run: each envelope's signature, the replay of
 * the signed log through the pipeline, then the summary, agreement and exporter checks.
 */
export type VerifyPhase = 'envelopes' | 'replay' | 'summary';
export const VERIFY_PHASES: readonly VerifyPhase[] = ['envelopes', 'replay', 'summary'];

/**
 * Progress of {@link verifySignedCopy}: `done` of `total` steps of `phase`. Phases come in the
 * order of {@link VERIFY_PHASES}; within a phase `done` never decreases and `total` stays the same.
 */
export type VerifyProgress = (done: number, total: number, phase: VerifyPhase) => void;

/** How many envelopes pass between two progress reports in the signature loop. */
export const PROGRESS_EVERY = 100;

export interface VerifyCopyOptions {
  /** Same hook as the replicas use; default verifiedInviteJoin. */
  readonly invitedSelf?: (envelope: Envelope, doc: Y.Doc) => boolean;
  /** Called every {@link PROGRESS_EVERY} envelopes and around the replay; never changes the result. */
  readonly onProgress?: VerifyProgress;
}

const fail = (code: CopyErrorCode, message: string) => err<CopyError>({ code, message });
const BODY_KEYS = [
  'format',
  'version',
  'genesis',
  'title',
  'termsHash',
  'parties',
  'members',
  'agreements',
  'exportedAt',
  'exportedBy',
  'envelopes',
].sort();

function parseJsonLine(line: string, what: string): Result<Record<string, unknown>, CopyError> {
  try {
    const value = JSON.parse(line) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return ok(value as Record<string, unknown>);
  } catch {
    // fall through
  }
  return fail('copy-json', `${what} is not a JSON object (the file is garbled or cut short)`);
}

function firstDifference(label: string, claimed: unknown, proved: unknown): string | undefined {
  if (JSON.stringify(claimed) === JSON.stringify(proved)) return undefined;
  if (Array.isArray(claimed) && Array.isArray(proved)) {
    if (claimed.length !== proved.length)
      return `${label} lists ${claimed.length} entries, the signed log proves ${proved.length}`;
    for (let i = 0; i < claimed.length; i++) {
      const inner = firstDifference(`${label}[${i}]`, claimed[i], proved[i]);
      if (inner) return inner;
    }
  }
  if (
    typeof claimed === 'object' &&
    claimed !== null &&
    typeof proved === 'object' &&
    proved !== null &&
    !Array.isArray(proved)
  ) {
    for (const key of Object.keys(proved)) {
      const inner = firstDifference(
        `${label}.${key}`,
        (claimed as Record<string, unknown>)[key],
        (proved as Record<string, unknown>)[key],
      );
      if (inner) return inner;
    }
  }
  return `${label} does not match what the signed log proves`;
}

/** Verifies a signed copy file completely, offline. Never throws for bad input. */
export function verifySignedCopy(
  file: Uint8Array | string,
  options: VerifyCopyOptions = {},
): Result<CopySummary, CopyError> {
  const text = typeof file === 'string' ? file : fromUtf8(file);
  if (text === undefined) return fail('copy-format', 'the file is not UTF-8 text');
  if (text.length === 0) return fail('copy-truncated', 'the file is empty');
  const lines = text.split('\n');
  if (lines.length < 3 || lines[lines.length - 1] !== '') {
    return fail('copy-truncated', 'the file is cut short: expected two complete lines (body and signature)');
  }
  if (lines.length > 3) return fail('copy-format', 'the file has data after its signature line');
  const [bodyLine, trailerLine] = lines as [string, string, string];
  const parsedBody = parseJsonLine(bodyLine, 'line 1 (the body)');
  if (!parsedBody.ok) return parsedBody;
  const raw = parsedBody.value;
  if (raw.format !== SIGNED_COPY_FORMAT) return fail('copy-format', 'this is not a Casepact signed copy');
  if (raw.version !== SIGNED_COPY_VERSION)
    return fail('copy-format', `unsupported signed copy version ${String(raw.version)}`);
  const keys = Object.keys(raw).sort();
  if (keys.join() !== BODY_KEYS.join()) {
    const odd = keys.find((k) => !BODY_KEYS.includes(k)) ?? BODY_KEYS.find((k) => !keys.includes(k));
    return fail('copy-field', `the body has a missing or unknown field "${odd}"`);
  }
  const body = raw as unknown as SignedCopyBody;
  if (!Array.isArray(body.envelopes) || !body.envelopes.every((e) => typeof e === 'string')) {
    return fail('copy-field', '"envelopes" must be a list of base64 strings');
  }
  if (typeof body.exportedAt !== 'number' || !Number.isSafeInteger(body.exportedAt)) {
    return fail('copy-field', '"exportedAt" must be milliseconds since the epoch');
  }
  const genesis = checkGenesis(body.genesis);
  if (!genesis.ok) return fail('copy-genesis', genesis.error.message);
  const progress = options.onProgress;
  const count = body.envelopes.length;

  // Every envelope on its own: base64, structure, case, signature (precise per-envelope reasons).
  const envelopes: Envelope[] = [];
  const seen = new Map<string, number>();
  progress?.(0, count, 'envelopes');
  for (let i = 0; i < count; i++) {
    const bytes = fromBase64(body.envelopes[i] as string);
    const at = `envelope #${i + 1}`;
    if (!bytes) return fail('copy-envelope', `${at} is not valid base64`);
    const decoded = decodeEnvelope(bytes);
    if (!decoded.ok) return fail('copy-envelope', `${at} is malformed: ${decoded.error.message}`);
    const envelope = decoded.value;
    const who = `${at} (${envelope.author} #${envelope.seq})`;
    if (envelope.caseId !== genesis.value.caseId)
      return fail('copy-envelope', `${who} belongs to another case`);
    if (!verifyEnvelopeSignature(envelope))
      return fail('copy-signature', `${who}: the signature does not verify`);
    const twin = seen.get(envelope.hashHex);
    if (twin !== undefined) return fail('copy-envelope', `${at} repeats envelope #${twin}`);
    seen.set(envelope.hashHex, i + 1);
    envelopes.push(envelope);
    if (progress && (i + 1) % PROGRESS_EVERY === 0 && i + 1 < count) progress(i + 1, count, 'envelopes');
  }
  progress?.(count, count, 'envelopes');

  // Replay through the same pipeline every peer runs.
  const doc = new Y.Doc({ gc: false });
  roots(doc);
  const pipeline = new VerificationPipeline({
    genesis: genesis.value,
    doc,
    now: () => 0,
    invitedSelf: options.invitedSelf ?? verifiedInviteJoin,
  });
  progress?.(0, count, 'replay');
  const report = pipeline.ingest(envelopes.map((e) => ({ key: e.hashHex, envelope: e.bytes })));
  progress?.(count, count, 'replay');
  const index = (key: string) => seen.get(key) ?? 0;
  const refused = [...report.quarantined].sort((a, b) => index(a.key) - index(b.key))[0];
  if (refused) {
    return fail(
      'copy-refused',
      `envelope #${index(refused.key)} (${refused.author} #${refused.seq}) ${REASON_TEXT[refused.reason]}: ${refused.detail}`,
    );
  }
  const stuck = [...report.waiting].sort((a, b) => index(a.key) - index(b.key))[0];
  if (stuck) {
    return fail(
      'copy-incomplete',
      `envelope #${index(stuck.key)} (${stuck.author} #${stuck.seq}) ${REASON_TEXT[stuck.reason]}: ${stuck.detail}`,
    );
  }

  // The summary must say exactly what the log proves.
  progress?.(0, 1, 'summary');
  const proved = summarise(doc);
  for (const field of ['title', 'termsHash', 'parties', 'members', 'agreements'] as const) {
    const difference = firstDifference(field, body[field], proved[field]);
    if (difference) return fail('copy-summary-mismatch', difference);
  }
  for (const agreement of proved.agreements) {
    for (const s of agreement.signatures) {
      if (!verifyTermsSignature(genesis.value.caseId, s.member, s.termsHash, s.signature)) {
        return fail(
          'copy-agreement-signature',
          `version ${agreement.version}: the signature of ${s.member} does not verify`,
        );
      }
    }
  }

  // Finally the exporter's signature over line 1.
  const parsedTrailer = parseJsonLine(trailerLine, 'line 2 (the signature)');
  if (!parsedTrailer.ok) return parsedTrailer;
  const trailer = parsedTrailer.value as Partial<SignedCopyTrailer>;
  if (trailer.exportedBy !== body.exportedBy)
    return fail('copy-export-signature', 'the signature line names another exporter');
  const exporter = parseMemberId(String(body.exportedBy));
  if (!exporter.ok || !proved.members.some((m) => m.id === body.exportedBy)) {
    return fail('copy-export-signature', 'the exporter is not a member of the case');
  }
  const signature = typeof trailer.signature === 'string' ? fromBase64(trailer.signature) : undefined;
  const valid =
    signature?.length === 64 &&
    sodium().crypto_sign_verify_detached(
      signature,
      concatBytes(SIGNED_COPY_DOMAIN, utf8(bodyLine)),
      exporter.value.publicKey,
    );
  if (!valid)
    return fail(
      'copy-export-signature',
      "the exporter's signature over the file does not verify (altered after export)",
    );

  progress?.(1, 1, 'summary');
  return ok(buildSummary(body, proved, envelopes.length));
}

function person(id: string, members: readonly SignedCopyBody['members'][number][]): PersonSummary {
  const member = members.find((m) => m.id === id);
  return {
    id,
    displayName: member?.displayName ?? '(unknown)',
    organisation: member?.organisation ?? '',
    fingerprint: fingerprintOfMemberId(id) ?? '',
  };
}

function buildSummary(
  body: SignedCopyBody,
  proved: ReturnType<typeof summarise>,
  changes: number,
): CopySummary {
  return {
    caseId: body.genesis.caseId,
    title: proved.title,
    founder: person(body.genesis.founder, proved.members),
    exportedBy: person(body.exportedBy, proved.members),
    exportedAt: body.exportedAt,
    termsHash: proved.termsHash,
    changes,
    parties: proved.parties.map((p) => ({
      ...p,
      members: proved.members
        .filter((m) => m.party === p.id)
        .map((m) => ({ ...person(m.id, proved.members), role: m.role, status: m.status })),
    })),
    versions: proved.agreements.map((a) => ({
      version: a.version,
      termsHash: a.termsHash,
      agreed: a.agreed,
      signers: a.signatures.map((s) => ({
        ...person(s.member, proved.members),
        at: s.at,
        current: s.termsHash === a.termsHash,
      })),
    })),
  };
}
