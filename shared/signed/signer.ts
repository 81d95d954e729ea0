import * as Y from 'yjs';
import type { Identity } from '../identity/identity';
import type { ClientBinding } from './client-id';
import { newClientBinding } from './client-id';
import type { Envelope } from './envelope';
import { signEnvelope } from './envelope';
import type { VerificationPipeline } from './pipeline';

/**
 * Wraps the local Yjs updates of a contract document into signed envelopes (design.md §4).
 * One envelope per transaction (a contract command is one transaction), except typing: updates
 * from coalescing origins are buffered and signed together once the typist pauses (coalesceMs) or
 * at the latest after maxDelayMs, so a long text does not cost one signature per keystroke.
 */

/** Transaction origin for editor bindings (summary text): their updates are coalesced. */
export const TYPING_ORIGIN: { readonly source: 'casepact/typing' } = { source: 'casepact/typing' };

export interface LocalSignerOptions {
  readonly identity: Identity;
  readonly caseId: string;
  readonly doc: Y.Doc;
  readonly pipeline: VerificationPipeline;
  readonly now: () => number;
  /** Receives every envelope, in order, right after it is signed and recorded. */
  readonly onEnvelope: (envelope: Envelope) => void;
  readonly coalesceMs?: number;
  readonly maxDelayMs?: number;
  /** Which transaction origins coalesce; default: TYPING_ORIGIN only. */
  readonly coalesces?: (origin: unknown) => boolean;
}

export class LocalSigner {
  /** The client id this session writes with, derived from the identity key. */
  readonly binding: ClientBinding;
  private readonly options: LocalSignerOptions;
  private buffer: Uint8Array[] = [];
  private timer: unknown;
  private firstBufferedAt = 0;
  private readonly listener: (
    update: Uint8Array,
    origin: unknown,
    doc: Y.Doc,
    transaction: Y.Transaction,
  ) => void;

  constructor(options: LocalSignerOptions) {
    this.options = options;
    this.binding = newClientBinding(options.identity.publicKey);
    options.doc.clientID = this.binding.clientId;
    this.listener = (update, origin, _doc, transaction) => {
      if (!transaction.local) return; // remote and pipeline-applied updates are someone else's
      this.buffer.push(update);
      const coalesces = options.coalesces ?? ((o: unknown) => o === TYPING_ORIGIN);
      if (coalesces(origin)) this.schedule();
      else this.flush();
    };
    options.doc.on('update', this.listener);
  }

  /** Signs everything buffered now. Returns the envelope, or undefined when nothing was pending. */
  flush(): Envelope | undefined {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.buffer.length === 0) return undefined;
    const update = this.buffer.length === 1 ? (this.buffer[0] as Uint8Array) : Y.mergeUpdates(this.buffer);
    this.buffer = [];
    const { identity, doc, pipeline } = this.options;
    if (doc.clientID !== this.binding.clientId) {
      // Yjs re-rolls the client id if a remote update used ours; writes under a non-derived id would be refused.
      throw new Error('the contract document changed its client id; local changes cannot be signed');
    }
    const head = pipeline.headOf(identity.id);
    const envelope = signEnvelope(
      {
        caseId: this.options.caseId,
        authorKey: identity.publicKey,
        seq: head.seq + 1,
        prev: head.hash,
        timestamp: this.options.now(),
        clients: [this.binding],
        update,
      },
      identity.secretKey,
    );
    pipeline.recordLocal(envelope);
    this.options.onEnvelope(envelope);
    return envelope;
  }

  /** Pending typing not yet signed. */
  get pending(): boolean {
    return this.buffer.length > 0;
  }

  destroy(): void {
    this.flush();
    this.options.doc.off('update', this.listener);
  }

  private schedule(): void {
    const now = this.options.now();
    if (this.buffer.length === 1) this.firstBufferedAt = now;
    if (this.timer !== undefined) clearTimeout(this.timer);
    const maxDelay = this.options.maxDelayMs ?? 3000;
    const wait = Math.max(0, Math.min(this.options.coalesceMs ?? 600, this.firstBufferedAt + maxDelay - now));
    this.timer = setTimeout(() => this.flush(), wait);
  }
}
