import { toBase64 } from '../../../shared/identity/bytes';

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Whether `text` shows `secret` in any encoding a slip could write it in: hex (either case),
 * base64 (standard or URL alphabet, with or without padding), or a JSON array / object of its
 * byte values. The last guard before anything identity-related is written: a bug that put the
 * seed next to its seal must not reach the disk (design.md §3: never unencrypted at rest).
 */
export function revealsSecret(text: string, secret: Uint8Array): boolean {
  if (secret.length === 0) return false;
  const lower = text.toLowerCase();
  const base64 = toBase64(secret).replace(/=+$/, '');
  const base64Url = base64.replace(/\+/g, '-').replace(/\//g, '_');
  const compact = text.replace(/\s+/g, '');
  return (
    lower.includes(hex(secret)) ||
    text.includes(base64) ||
    text.includes(base64Url) ||
    compact.includes(Array.from(secret).join(',')) ||
    compact.includes(Array.from(secret, (b, i) => `"${i}":${b}`).join(','))
  );
}
