import { sodium } from '../crypto/sodium';
import { concatBytes, utf8 } from '../identity/bytes';

/**
 * Yjs client ids bound to authors (design.md §4: "bind client ids to authors in the envelope").
 * An author writes only with ids derived from its own public key:
 *
 *   clientId = top 53 bits of BLAKE2b-256("casepact/client-id/v1" || publicKey || epoch as u32 BE)
 *
 * so nobody can claim another author's id without a ~2^53 search, and the binding holds on every
 * peer whatever order envelopes arrive in. 53 bits keep ids exact JavaScript integers; Yjs encodes
 * client ids as variable-length integers and accepts them.
 */
export interface ClientBinding {
  readonly clientId: number;
  /** Any u32 the author picks per document session; it only feeds the derivation. */
  readonly epoch: number;
}

const DOMAIN = utf8('casepact/client-id/v1');

export function deriveClientId(publicKey: Uint8Array, epoch: number): number {
  const input = concatBytes(DOMAIN, publicKey, new Uint8Array(4));
  new DataView(input.buffer).setUint32(DOMAIN.length + publicKey.length, epoch >>> 0);
  const digest = sodium().crypto_generichash(32, input, null);
  const view = new DataView(digest.buffer, digest.byteOffset, 8);
  return view.getUint32(0) * 2 ** 21 + (view.getUint32(4) >>> 11);
}

/** A fresh binding for a new document session of this author. */
export function newClientBinding(publicKey: Uint8Array): ClientBinding {
  const bytes = sodium().randombytes_buf(4);
  const epoch = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
  return { clientId: deriveClientId(publicKey, epoch), epoch };
}
