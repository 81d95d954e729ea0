import * as Y from 'yjs';
import type { CommandContext } from '../../shared/contract/context';
import { ROOT, createCase, postMessage, selectMessages, termsHashOf } from '../../shared/contract/index';
import { randomBytes } from '../../shared/crypto/random';
import { toBase64Url } from '../../shared/identity/bytes';
import { sodium } from '../../shared/crypto/sodium';
import type { Identity } from '../../shared/identity/identity';
import { CaseKeyring, caseKeyFromBytes } from '../../shared/signed/case-key';
import { foundCase } from '../../shared/signed/found';
import type { CaseGenesis } from '../../shared/signed/genesis';
import { CaseReplica, LOG_MAP } from '../../shared/signed/replica';
import { contentKey, interimOpen, interimSeal, interimSealKey } from './interim-seal';

/**
 * What a harness writes into and reads from the log document. The transport only ever sees
 * the log document; these decide what goes in it and when an entry counts as "visible".
 */
export interface LogApp {
  /** The document the transport syncs. */
  readonly doc: Y.Doc;
  add(tag: string, count: number): void;
  /** Writes one ping; the receiving side reports it through `onSeen`. */
  ping(id: number): void;
  /** Entries refused (could not be opened / verified). */
  rejected(): number;
  /** Extra, non-secret facts for the `state` event (e.g. the contract's terms hash). */
  facts(): Record<string, string | number>;
  /** `remoteOrigin()` is the transaction origin of updates that came from peers. */
  start(remoteOrigin: () => unknown, onSeen: (id: number, at: number) => void): void;
}

const wallClock = () => performance.timeOrigin + performance.now();
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Raw entries (`plain`) or the interim sealed entries (`casepact`, interim-seal.ts):
 * payload `<text>`, key = content hash. Visible when the entry arrives (and opens).
 */
export function interimApp(name: string, caseKey: Uint8Array, sealed: boolean, doc = new Y.Doc()): LogApp {
  const log = doc.getMap<Uint8Array>(LOG_MAP);
  const key = sealed ? interimSealKey(caseKey) : null;
  let refused = 0;
  const append = (text: string) => {
    const bytes = key ? interimSeal(key, encoder.encode(text)) : encoder.encode(text);
    log.set(contentKey(bytes), bytes);
  };
  return {
    doc,
    add: (tag, count) =>
      doc.transact(() => {
        for (let i = 0; i < count; i++) append(`${name}/${tag}/${i}`);
      }),
    ping: (id) => append(`ping:${id}`),
    rejected: () => refused,
    facts: () => ({}),
    start(remoteOrigin, onSeen) {
      log.observe((event) => {
        if (event.transaction.origin !== remoteOrigin()) return;
        const at = wallClock();
        for (const [entryKey, change] of event.changes.keys) {
          if (change.action !== 'add') continue;
          const value = log.get(entryKey);
          const payload = value instanceof Uint8Array ? (key ? interimOpen(key, value) : value) : null;
          if (!payload) {
            refused++;
            continue;
          }
          const text = decoder.decode(payload);
          if (text.startsWith('ping:')) onSeen(Number(text.slice(5)), at);
        }
      });
    },
  };
}

/**
 * The same edit without Casepact: contract commands run on a contract document that stock
 * y-webrtc syncs as it is (no envelope, no signature, no encryption, no verification). The
 * baseline that isolates what signing and encryption cost: the founder runs the same
 * postMessage as in `signedApp`, and a ping is visible once it is in the reader's contract.
 */
export function contractApp(founder: boolean, doc = new Y.Doc({ gc: false })): LogApp {
  const actor = toBase64Url(randomBytes(32));
  const ctx: CommandContext = {
    doc,
    actor,
    now: () => Date.now(),
    newId: () => toBase64Url(randomBytes(16)),
  };
  if (founder) {
    const created = createCase(ctx, {
      title: 'Bench case',
      party: { name: 'Acme Support', role: 'provider' },
      member: { displayName: 'Bench founder' },
    });
    if (!created.ok) throw new Error(created.message);
  }
  const post = (text: string) => {
    const posted = postMessage(ctx, { text });
    if (!posted.ok) throw new Error(posted.message);
  };
  const messages = doc.getArray<{ text?: unknown }>(ROOT.messages);
  return {
    doc,
    add: (tag, count) => {
      for (let i = 0; i < count; i++) post(`${tag}/${i}`);
    },
    ping: (id) => post(`ping:${id}`),
    rejected: () => 0,
    facts: () => ({ terms: termsHashOf(doc), messages: messages.length }),
    start(remoteOrigin, onSeen) {
      messages.observe((event) => {
        if (event.transaction.origin !== remoteOrigin()) return;
        const at = wallClock();
        for (const item of event.changes.added) {
          for (const message of item.content.getContent() as { text?: unknown }[]) {
            const text = typeof message?.text === 'string' ? message.text : '';
            if (text.startsWith('ping:')) onSeen(Number(text.slice(5)), at);
          }
        }
      });
    },
  };
}

/**
 * The real Casepact path (shared/signed): the founder writes contract commands that are signed
 * into envelopes and sealed into the log; a reader's CaseReplica opens, verifies and applies
 * them. A ping is a conversation message; it is visible once it is in the reader's contract.
 */
export function signedApp(
  caseKey: Uint8Array,
  role: { readonly founder: Identity } | { readonly genesis: CaseGenesis },
): { app: LogApp; genesis: CaseGenesis } {
  const keyring = new CaseKeyring(caseKeyFromBytes(caseKey));
  let replica: CaseReplica;
  if ('founder' in role) {
    const founded = foundCase({
      identity: role.founder,
      keyring,
      create: (ctx) =>
        createCase(ctx, {
          title: 'Bench case',
          party: { name: 'Acme Support', role: 'provider' },
          member: { displayName: role.founder.displayName, organisation: role.founder.organisation },
        }),
    });
    if (!founded.result.ok) throw new Error(founded.result.message);
    replica = founded.replica;
  } else {
    replica = new CaseReplica({ genesis: role.genesis, keyring });
  }
  const post = (text: string) => {
    const posted = replica.run((ctx) => postMessage(ctx, { text }));
    if (!posted.ok) throw new Error(posted.message);
  };
  let seenMessages = 0;
  const app: LogApp = {
    doc: replica.log,
    add: (tag, count) => {
      for (let i = 0; i < count; i++) post(`${tag}/${i}`);
    },
    ping: (id) => post(`ping:${id}`),
    rejected: () => replica.quarantine().refused.length,
    facts: () => ({
      terms: termsHashOf(replica.contract),
      messages: selectMessages(replica.contract).length,
      applied: replica.applied().length,
    }),
    start(_remoteOrigin, onSeen) {
      replica.onChange((event) => {
        if (event.applied.length === 0) return;
        const at = wallClock();
        // Only the new tail of the (append-only) conversation: selectMessages would copy it all.
        const messages = replica.contract.getArray<{ text?: unknown }>(ROOT.messages);
        for (const message of messages.slice(seenMessages)) {
          const text = typeof message?.text === 'string' ? message.text : '';
          if (text.startsWith('ping:')) onSeen(Number(text.slice(5)), at);
        }
        seenMessages = messages.length;
      });
    },
  };
  return { app, genesis: replica.genesis };
}

/** Digest of the log's keys (content hashes), to compare replicas. */
export function logDigest(doc: Y.Doc): string {
  const na = sodium();
  const hash = na.crypto_generichash_init(null, 32);
  for (const key of [...doc.getMap(LOG_MAP).keys()].sort())
    na.crypto_generichash_update(hash, encoder.encode(`${key}\n`));
  return na.to_hex(na.crypto_generichash_final(hash, 32));
}
