import { installNodeEd25519 } from './node-ed25519';
import { installNodeXChaCha } from './node-xchacha';

/**
 * Node's native crypto behind shared/'s ports (Ed25519 signing, XChaCha20-Poly1305 of large
 * messages), for every CLI and peer process: same bytes as libsodium, less CPU.
 */
export function installNodeCrypto(): void {
  installNodeEd25519();
  installNodeXChaCha();
}
