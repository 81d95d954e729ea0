import * as Y from 'yjs';
import { equalBytes } from '../identity/bytes';
import type { MemberId } from '../identity/member-id';
import { deriveClientId } from './client-id';
import type { Envelope } from './envelope';
import { decodeEnvelope, verifyEnvelopeSignature, ZERO_HASH } from './envelope';
import type { CaseGenesis } from './genesis';
import type { QuarantineReason, WaitReason } from './policy';
import { checkRights } from './rights-check';
import { removedAuthorBuildsOnRefused } from './rotation-check';
import { inspectUpdate } from './update-inspect';

/**
 * The verification pipeline (design.md §4; the steps are VERIFICATION_STEPS in policy.ts). Every
 * envelope passes it before its update touches the contract document; failures are quarantined
 * with a typed reason, gaps and missing dependencies wait, forks are kept as evidence.
 */

/** Transaction origin of updates the pipeline applies: local signers ignore these. */
export const PIPELINE_ORIGIN: { readonly source: 'casepact/signed-pipeline' } = {
  source: 'casepact/signed-pipeline',
};

export interface AppliedChange {
  readonly key: string;
  readonly author: MemberId;
  readonly seq: number;
  readonly timestamp: number;
  readonly local: boolean;
}

export interface QuarantineEntry {
  readonly key: string;
  readonly reason: QuarantineReason;
  /** Precise, without secrets or written values. */
  readonly detail: string;
  readonly author?: MemberId;
  readonly seq?: number;
  readonly timestamp?: number;
  /** Local time the entry was refused. */
  readonly refusedAt: number;
}

export interface WaitingEntry {
  readonly key: string;
  readonly reason: WaitReason;
  readonly detail: string;
  readonly author: MemberId;
  readonly seq: number;
  readonly timestamp: number;
}

/** Two envelopes one author signed that cannot both be in its chain. */
export interface ForkEvidence {
  readonly author: MemberId;
  readonly seq: number;
  readonly envelopes: readonly [Uint8Array, Uint8Array];
}

export interface IngestReport {
  readonly applied: readonly AppliedChange[];
  readonly quarantined: readonly QuarantineEntry[];
  readonly waiting: readonly WaitingEntry[];
}

export interface PipelineOptions {
  readonly genesis: CaseGenesis;
  readonly doc: Y.Doc;
  readonly now?: () => number;
  /** Issue 6 plugs invite verification in here; without it nobody joins by invite. */
  readonly invitedSelf?: (envelope: Envelope, doc: Y.Doc) => boolean;
}

interface Candidate {
  readonly key: string;
  readonly envelope: Envelope;
  trusted: boolean;
  /** Why it waits, and the pipeline's state then: retried only once something relevant changed. */
  wait?: { reason: WaitReason; detail: string; applied: number; membership: number };
}

interface Chain {
  seq: number;
  hash: Uint8Array;
  /** Authentic envelope of each seq (index seq-1), applied or refused: fork evidence needs them. */
  readonly envelopes: Envelope[];
}

type Outcome = 'applied' | 'refused' | 'wait';

export class VerificationPipeline {
  readonly doc: Y.Doc;
  private readonly genesis: CaseGenesis;
  private readonly now: () => number;
  private readonly invitedSelf: (envelope: Envelope, doc: Y.Doc) => boolean;
  private readonly chains = new Map<MemberId, Chain>();
  private readonly pending = new Map<MemberId, Map<number, Candidate[]>>();
  private readonly pendingKeys = new Set<string>();
  private readonly appliedLog: { change: AppliedChange; envelope: Envelope }[] = [];
  private readonly appliedKeys = new Set<string>();
  private readonly quarantined = new Map<string, QuarantineEntry>();
  private readonly forkEvidence: ForkEvidence[] = [];
  private readonly derived = new Map<string, number>();
  /** Bumped whenever an applied update writes under members/: not-a-member waiters retry then. */
  private membership = 0;
  private report: { applied: AppliedChange[]; quarantined: QuarantineEntry[] } = {
    applied: [],
    quarantined: [],
  };

  constructor(options: PipelineOptions) {
    this.doc = options.doc;
    this.genesis = options.genesis;
    this.now = options.now ?? (() => Date.now());
    this.invitedSelf = options.invitedSelf ?? (() => false);
  }

  /** Whether any envelope waits (gap, dependency, membership). */
  hasPending(): boolean {
    return this.pendingKeys.size > 0;
  }

  /** Whether the pipeline has already decided on (or holds) this entry key. */
  knows(key: string): boolean {
    return this.appliedKeys.has(key) || this.quarantined.has(key) || this.pendingKeys.has(key);
  }

  /** Next sequence number and previous hash for an author's new envelope. */
  headOf(author: MemberId): { readonly seq: number; readonly hash: Uint8Array } {
    const chain = this.chains.get(author);
    return chain ? { seq: chain.seq, hash: chain.hash } : { seq: 0, hash: ZERO_HASH };
  }

  /**
   * Records an envelope whose update the local replica already applied (its own change). The
   * signer built it from headOf(), so it continues the chain by construction.
   */
  recordLocal(envelope: Envelope): AppliedChange {
    const chain = this.chainOf(envelope.author);
    if (envelope.seq !== chain.seq + 1 || !equalBytes(envelope.prev, chain.hash)) {
      throw new Error('local envelope does not continue its author chain');
    }
    this.membership++; // a local change may admit someone whose envelopes wait
    return this.accept(chain, envelope, true);
  }

  /** Verifies and applies what it can of a batch of (key, envelope bytes) pairs. */
  ingest(items: Iterable<{ readonly key: string; readonly envelope: Uint8Array }>): IngestReport {
    this.report = { applied: [], quarantined: [] };
    const touched = new Set<MemberId>();
    const stale: Candidate[] = [];
    for (const { key, envelope: bytes } of items) {
      if (this.knows(key)) continue;
      const decoded = decodeEnvelope(bytes);
      if (!decoded.ok) {
        this.refuse(key, 'envelope-malformed', decoded.error.message);
        continue;
      }
      const envelope = decoded.value;
      const meta = { author: envelope.author, seq: envelope.seq, timestamp: envelope.timestamp };
      if (envelope.hashHex !== key) {
        this.refuse(key, 'entry-key-mismatch', 'the entry key is not the hash of its envelope', meta);
      } else if (envelope.caseId !== this.genesis.caseId) {
        this.refuse(key, 'wrong-case', `the envelope belongs to case ${envelope.caseId}`, meta);
      } else {
        const candidate: Candidate = { key, envelope, trusted: false };
        this.addPending(candidate);
        // A seq this author already used: the same envelope again, or a fork. Settled at once, so
        // advance() never has to scan for stale candidates.
        if (envelope.seq <= this.headOf(envelope.author).seq) stale.push(candidate);
        else touched.add(envelope.author);
      }
    }
    for (const candidate of stale) this.settleStale(this.chainOf(candidate.envelope.author), candidate);
    for (const author of touched) this.trustRuns(author);
    // One Yjs transaction for the whole batch: each accepted update integrates at once (so the next
    // envelope is inspected against it), but observers and cleanup run once, not per envelope.
    this.doc.transact(() => {
      let progress = true;
      while (progress) {
        progress = false;
        for (const author of [...this.pending.keys()].sort()) if (this.advance(author)) progress = true;
      }
    }, PIPELINE_ORIGIN);
    return { ...this.report, waiting: this.waiting() };
  }

  /** Refuses an entry the replica could not even open (unknown key, tampered ciphertext). */
  refuseEntry(key: string, reason: QuarantineReason, detail: string): QuarantineEntry {
    this.refuse(key, reason, detail);
    return this.quarantined.get(key) as QuarantineEntry;
  }

  /** Applied changes in the order this replica applied them (the order a signed copy replays). */
  applied(): readonly AppliedChange[] {
    return this.appliedLog.map((entry) => entry.change);
  }

  appliedEnvelopes(): readonly Envelope[] {
    return this.appliedLog.map((entry) => entry.envelope);
  }

  quarantine(): readonly QuarantineEntry[] {
    return [...this.quarantined.values()];
  }

  forks(): readonly ForkEvidence[] {
    return this.forkEvidence;
  }

  waiting(): WaitingEntry[] {
    const out: WaitingEntry[] = [];
    for (const [author, bySeq] of this.pending) {
      const next = this.headOf(author).seq + 1;
      for (const [seq, candidates] of bySeq) {
        for (const { key, envelope, wait } of candidates) {
          const gap = seq > next;
          out.push({
            key,
            author,
            seq,
            timestamp: envelope.timestamp,
            reason: gap ? 'sequence-gap' : (wait?.reason ?? 'missing-dependency'),
            detail: gap ? `waits for ${author} #${next}` : (wait?.detail ?? 'not processed yet'),
          });
        }
      }
    }
    return out;
  }

  private chainOf(author: MemberId): Chain {
    let chain = this.chains.get(author);
    if (!chain) {
      chain = { seq: 0, hash: ZERO_HASH, envelopes: [] };
      this.chains.set(author, chain);
    }
    return chain;
  }

  private addPending(candidate: Candidate): void {
    const { author, seq } = candidate.envelope;
    let bySeq = this.pending.get(author);
    if (!bySeq) {
      bySeq = new Map();
      this.pending.set(author, bySeq);
    }
    const list = bySeq.get(seq) ?? [];
    list.push(candidate);
    list.sort((a, b) => (a.key < b.key ? -1 : 1));
    bySeq.set(seq, list);
    this.pendingKeys.add(candidate.key);
  }

  private dropPending(candidate: Candidate): void {
    const bySeq = this.pending.get(candidate.envelope.author);
    const list = bySeq?.get(candidate.envelope.seq);
    if (!bySeq || !list) return;
    const rest = list.filter((c) => c !== candidate);
    if (rest.length > 0) bySeq.set(candidate.envelope.seq, rest);
    else bySeq.delete(candidate.envelope.seq);
    if (bySeq.size === 0) this.pending.delete(candidate.envelope.author);
    this.pendingKeys.delete(candidate.key);
  }

  /**
   * Fast path: in a contiguous run of one author's envelopes that continues its verified chain,
   * each envelope's hash is committed to by the next one's `prev`, so one valid signature on the
   * last envelope authenticates the whole run (as hypercore signs only a tree root). Any break in
   * the run falls back to checking each signature, which also gives the precise reason.
   */
  private trustRuns(author: MemberId): void {
    const bySeq = this.pending.get(author);
    if (!bySeq) return;
    const head = this.headOf(author);
    const run: Candidate[] = [];
    let prev = head.hash;
    for (let seq = head.seq + 1; ; seq++) {
      const candidates = bySeq.get(seq);
      if (candidates?.length !== 1) break;
      const candidate = candidates[0] as Candidate;
      if (!equalBytes(candidate.envelope.prev, prev)) break;
      run.push(candidate);
      prev = candidate.envelope.hash;
    }
    if (run.length < 2) return;
    if (verifyEnvelopeSignature((run[run.length - 1] as Candidate).envelope))
      for (const c of run) c.trusted = true;
  }

  private advance(author: MemberId): boolean {
    const bySeq = this.pending.get(author);
    if (!bySeq) return false;
    const chain = this.chainOf(author);
    let progress = false;
    for (;;) {
      const candidates = this.pending.get(author)?.get(chain.seq + 1);
      if (!candidates || candidates.length === 0) return progress;
      let outcome: Outcome | undefined;
      for (const candidate of [...candidates]) {
        outcome = this.consider(chain, candidate);
        if (outcome !== 'wait') progress = true;
        if (outcome !== undefined) break;
      }
      if (outcome === 'wait') return progress;
      if (outcome === undefined) continue;
      for (const rest of this.pending.get(author)?.get(chain.seq) ?? []) this.settleStale(chain, rest);
    }
  }

  /** A candidate at a seq already decided: the same envelope again, or a fork. */
  private settleStale(chain: Chain, candidate: Candidate): void {
    this.dropPending(candidate);
    const accepted = chain.envelopes[candidate.envelope.seq - 1];
    if (accepted && accepted.hashHex === candidate.key) return;
    if (!candidate.trusted && !verifyEnvelopeSignature(candidate.envelope)) {
      this.refuse(
        candidate.key,
        'bad-signature',
        'the signature does not verify with the author key',
        candidate.envelope,
      );
      return;
    }
    if (accepted)
      this.forkEvidence.push({
        author: candidate.envelope.author,
        seq: candidate.envelope.seq,
        envelopes: [accepted.bytes, candidate.envelope.bytes],
      });
    this.refuse(
      candidate.key,
      'fork',
      `a different #${candidate.envelope.seq} of this author is already accepted`,
      candidate.envelope,
    );
  }

  /** Decides one candidate at the chain's next seq: undefined means "dropped, try the next one". */
  private consider(chain: Chain, candidate: Candidate): Outcome | undefined {
    const { envelope, key } = candidate;
    if (!candidate.trusted && !verifyEnvelopeSignature(envelope)) {
      this.dropPending(candidate);
      this.refuse(key, 'bad-signature', 'the signature does not verify with the author key', envelope);
      return undefined;
    }
    candidate.trusted = true;
    if (!equalBytes(envelope.prev, chain.hash)) {
      this.dropPending(candidate);
      const previous = chain.envelopes[envelope.seq - 2];
      if (previous)
        this.forkEvidence.push({
          author: envelope.author,
          seq: envelope.seq - 1,
          envelopes: [previous.bytes, envelope.bytes],
        });
      this.refuse(key, 'fork', `its prev is not the hash of this author's #${envelope.seq - 1}`, envelope);
      return undefined;
    }
    const waited = candidate.wait;
    // Nothing it waits for can have changed: do not inspect it again (a flood of envelopes from
    // non-members would otherwise be re-inspected on every batch).
    if (waited?.reason === 'not-a-member' && waited.membership === this.membership) return 'wait';
    if (waited?.reason === 'missing-dependency' && waited.applied === this.appliedLog.length) return 'wait';
    const verdict = this.check(envelope);
    if (verdict.kind === 'wait') {
      candidate.wait = {
        reason: verdict.reason,
        detail: verdict.detail,
        applied: this.appliedLog.length,
        membership: this.membership,
      };
      return 'wait';
    }
    this.dropPending(candidate);
    if (verdict.kind === 'refuse') {
      this.refuse(key, verdict.reason, verdict.detail, envelope);
      chain.seq = envelope.seq;
      chain.hash = envelope.hash;
      chain.envelopes.push(envelope);
      return 'refused';
    }
    try {
      Y.applyUpdate(this.doc, envelope.update, PIPELINE_ORIGIN);
    } catch {
      this.refuse(key, 'update-malformed', 'Yjs could not apply the update', envelope);
      chain.seq = envelope.seq;
      chain.hash = envelope.hash;
      chain.envelopes.push(envelope);
      return 'refused';
    }
    if (verdict.membership) this.membership++;
    this.report.applied.push(this.accept(chain, envelope, false));
    return 'applied';
  }

  private check(
    envelope: Envelope,
  ):
    | { kind: 'ok'; membership: boolean }
    | { kind: 'wait'; reason: WaitReason; detail: string }
    | { kind: 'refuse'; reason: QuarantineReason; detail: string } {
    const own = new Set<number>();
    for (const { clientId, epoch } of envelope.clients) {
      const cacheKey = `${envelope.author}:${epoch}`;
      let derived = this.derived.get(cacheKey);
      if (derived === undefined) {
        derived = deriveClientId(envelope.authorKey, epoch);
        this.derived.set(cacheKey, derived);
      }
      if (derived !== clientId) {
        return {
          kind: 'refuse',
          reason: 'client-id-not-derived',
          detail: `client id ${clientId} is not derived from the author key`,
        };
      }
      own.add(clientId);
    }
    const inspection = inspectUpdate(this.doc, envelope.update, own);
    if (inspection.kind === 'malformed')
      return { kind: 'refuse', reason: 'update-malformed', detail: inspection.detail };
    if (inspection.kind === 'missing')
      return (
        removedAuthorBuildsOnRefused(this.doc, envelope, own) ?? {
          kind: 'wait',
          reason: 'missing-dependency',
          detail: inspection.detail,
        }
      );
    const impersonation = inspection.violations.find((v) => v.code === 'foreign-client-id');
    if (impersonation?.code === 'foreign-client-id') {
      return {
        kind: 'refuse',
        reason: 'client-id-impersonation',
        detail: `writes with client id ${impersonation.clientId}, not the author's`,
      };
    }
    const rights = checkRights({
      doc: this.doc,
      genesis: this.genesis,
      envelope,
      writes: inspection.writes,
      violations: inspection.violations,
      invitedSelf: () => this.invitedSelf(envelope, this.doc),
    });
    if (rights.ok) return { kind: 'ok', membership: inspection.writes.some((w) => w.path[0] === 'members') };
    if (
      rights.reason === 'not-a-member' ||
      rights.reason === 'sequence-gap' ||
      rights.reason === 'missing-dependency'
    ) {
      return { kind: 'wait', reason: rights.reason, detail: rights.detail };
    }
    return { kind: 'refuse', reason: rights.reason, detail: rights.detail };
  }

  private accept(chain: Chain, envelope: Envelope, local: boolean): AppliedChange {
    chain.seq = envelope.seq;
    chain.hash = envelope.hash;
    chain.envelopes.push(envelope);
    const change: AppliedChange = {
      key: envelope.hashHex,
      author: envelope.author,
      seq: envelope.seq,
      timestamp: envelope.timestamp,
      local,
    };
    this.appliedLog.push({ change, envelope });
    this.appliedKeys.add(envelope.hashHex);
    return change;
  }

  private refuse(
    key: string,
    reason: QuarantineReason,
    detail: string,
    meta?: { author: MemberId; seq: number; timestamp: number },
  ): void {
    const entry: QuarantineEntry = {
      key,
      reason,
      detail,
      refusedAt: this.now(),
      ...(meta ? { author: meta.author, seq: meta.seq, timestamp: meta.timestamp } : {}),
    };
    this.quarantined.set(key, entry);
    this.report.quarantined.push(entry);
  }
}
