import type { DesktopBridge } from '../../../electron/ipc/contract';
import { fromBase64, toBase64 } from '../../../shared/identity/bytes';
import type { KeySeal, SealedSecret, SealError } from '../../../shared/identity/key-seal';
import type { Result } from '../../../shared/identity/result';

/** The `kind` of secrets sealed by the OS key store through the desktop bridge. */
export const SAFE_STORAGE_SEAL_KIND = 'safe-storage-v1';

const refuse = (code: SealError['code'], message: string): Result<never, SealError> => ({
  ok: false,
  error: { code, message } as SealError,
});

/**
 * shared/identity's KeySeal over Electron safeStorage: `{ kind: "safe-storage-v1", sealed:
 * base64 }`, where `sealed` is what `vault.seal` returned (main's "CPV1" header and the
 * OS-encrypted bytes). Only openable by this OS user on this machine.
 */
export function safeStorageKeySeal(
  vault: DesktopBridge['vault'],
  options: { readonly onResealRecommended?: () => void } = {},
): KeySeal {
  return {
    kind: SAFE_STORAGE_SEAL_KIND,
    async seal(secret: Uint8Array): Promise<SealedSecret> {
      const reply = await vault.seal(secret);
      // KeySeal.seal has no error channel: a refusal here (keychain gone since the status
      // check) must stop the caller, who then falls back to the passphrase seal.
      if (!reply.ok) throw new Error(`the system keychain refused to seal (${reply.error.code})`);
      return { kind: SAFE_STORAGE_SEAL_KIND, sealed: toBase64(reply.value) };
    },
    async open(sealed: SealedSecret): Promise<Result<Uint8Array, SealError>> {
      if (sealed.kind !== SAFE_STORAGE_SEAL_KIND) {
        return refuse(
          'seal-wrong-kind',
          `this secret is sealed with "${sealed.kind}", not the system keychain`,
        );
      }
      const bytes = typeof sealed.sealed === 'string' ? fromBase64(sealed.sealed) : undefined;
      if (!bytes || bytes.length === 0) return refuse('seal-malformed', 'the sealed secret is damaged');
      const reply = await vault.unseal(bytes);
      if (reply.ok) {
        if (reply.value.resealRecommended) options.onResealRecommended?.();
        return { ok: true, value: reply.value.secret };
      }
      switch (reply.error.code) {
        case 'vault-unavailable':
          return refuse('seal-unavailable', 'the system keychain is not available on this device');
        case 'not-a-vault-seal':
        case 'invalid-arguments':
          return refuse('seal-malformed', 'the sealed secret is damaged');
        default:
          return refuse(
            'seal-open-failed',
            'the system keychain could not open the key (another user, another device, or a reset keychain)',
          );
      }
    },
  };
}
