import type * as Y from 'yjs';
import { inviteJoinHook } from '../invite/join-envelope';
import type { Envelope } from './envelope';

/**
 * The one place where joining by invite becomes a verified fact for the rights table
 * ('invited-self'): the invite engineer's verifier (shared/invite/join-envelope.ts, docs/invite-
 * link.md §2). It is a pure function of the envelope and the document before it, so every peer
 * and every replay of a signed copy decides alike. Replicas and signed-copy verification use it
 * unless a caller passes its own hook.
 */
export function verifiedInviteJoin(envelope: Envelope, doc: Y.Doc): boolean {
  return inviteJoinHook(envelope, doc);
}
