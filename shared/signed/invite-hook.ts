import type * as Y from 'yjs';
import type { Envelope } from './envelope';

/**
 * The one place where joining by invite becomes a verified fact for the rights table
 * ('invited-self'). Invite links are issue 6: until they exist nobody joins by invite, so this
 * answers false. It must be a pure function of the envelope and the document, so every peer and
 * every replay of a signed copy decides alike.
 */
export function verifiedInviteJoin(_envelope: Envelope, _doc: Y.Doc): boolean {
  return false;
}
