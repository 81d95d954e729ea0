import { randomBytes } from '../../../shared/crypto/random';
import { sodium } from '../../../shared/crypto/sodium';

/** 16 random bytes, base64url: unique across peers without coordination. */
export function randomId(): string {
  const s = sodium();
  return s.to_base64(randomBytes(16), s.base64_variants.URLSAFE_NO_PADDING);
}
