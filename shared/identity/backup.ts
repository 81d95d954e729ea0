import type { Identity, PublicIdentity } from './identity';
import { identityFromSeed, validateName } from './identity';
import type { KeySeal, SealedSecret } from './key-seal';
import type { MemberId } from './member-id';
import { parseMemberId } from './member-id';
import type { Result } from './result';
import { err, ok } from './result';

/**
 * Identity file v1 (docs/identity.md): the on-disk identity and the backup file are the same JSON
 * object, holding the public parts in clear and the 32-byte seed sealed by a KeySeal.
 */
export interface IdentityFile {
  readonly format: 'casepact-identity';
  readonly version: 1;
  readonly id: MemberId;
  readonly displayName: string;
  readonly organisation: string;
  /** ms since the epoch. */
  readonly createdAt: number;
  readonly seal: SealedSecret;
}

export type IdentityFileError =
  | { readonly code: 'identity-file-json'; readonly message: string }
  | { readonly code: 'identity-file-format'; readonly message: string }
  | { readonly code: 'identity-file-version'; readonly message: string }
  | { readonly code: 'identity-file-field'; readonly message: string }
  | { readonly code: 'identity-unlock-failed'; readonly message: string }
  | { readonly code: 'identity-key-mismatch'; readonly message: string };

/** Seals an identity's seed into an identity file. */
export async function sealIdentity(
  identity: Identity,
  seal: KeySeal,
  createdAt: number,
): Promise<IdentityFile> {
  return {
    format: 'casepact-identity',
    version: 1,
    id: identity.id,
    displayName: identity.displayName,
    organisation: identity.organisation,
    createdAt,
    seal: await seal.seal(identity.seed),
  };
}

export function serialiseIdentityFile(file: IdentityFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

function field(message: string): { ok: false; error: IdentityFileError } {
  return err({ code: 'identity-file-field', message });
}

/** Parses an identity file, checking every field; never throws. */
export function parseIdentityFile(text: string): Result<IdentityFile, IdentityFileError> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return err({ code: 'identity-file-json', message: 'the identity file is not valid JSON' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return err({ code: 'identity-file-format', message: 'the identity file is not a JSON object' });
  }
  const record = value as Record<string, unknown>;
  if (record.format !== 'casepact-identity') {
    return err({ code: 'identity-file-format', message: 'this is not a Casepact identity file' });
  }
  if (record.version !== 1) {
    return err({
      code: 'identity-file-version',
      message: `unsupported identity file version ${String(record.version)}`,
    });
  }
  if (typeof record.id !== 'string' || !parseMemberId(record.id).ok)
    return field('"id" is not a valid member id');
  const displayName = validateName(record.displayName);
  if (!displayName || displayName !== record.displayName) return field('"displayName" is missing or invalid');
  const organisation = validateName(record.organisation);
  if (!organisation || organisation !== record.organisation)
    return field('"organisation" is missing or invalid');
  if (
    typeof record.createdAt !== 'number' ||
    !Number.isSafeInteger(record.createdAt) ||
    record.createdAt < 0
  ) {
    return field('"createdAt" must be milliseconds since the epoch');
  }
  const seal = record.seal;
  if (typeof seal !== 'object' || seal === null || Array.isArray(seal)) return field('"seal" is missing');
  const sealFields = Object.entries(seal as Record<string, unknown>);
  if (
    typeof (seal as Record<string, unknown>).kind !== 'string' ||
    !sealFields.every(([, v]) => typeof v === 'string' || typeof v === 'number')
  ) {
    return field('"seal" must be an object of strings and numbers with a "kind"');
  }
  return ok({
    format: 'casepact-identity',
    version: 1,
    id: record.id as MemberId,
    displayName,
    organisation,
    createdAt: record.createdAt,
    seal: seal as SealedSecret,
  });
}

/** The public part of an identity file, readable without unlocking it. */
export function publicIdentityOfFile(file: IdentityFile): PublicIdentity {
  const parsed = parseMemberId(file.id);
  if (!parsed.ok) throw new Error('identity file was not parsed with parseIdentityFile');
  return {
    id: file.id,
    publicKey: parsed.value.publicKey,
    displayName: file.displayName,
    organisation: file.organisation,
  };
}

/** Opens the seal and rebuilds the key pair; refuses a seed whose key is not the file's id. */
export async function unlockIdentity(
  file: IdentityFile,
  seal: KeySeal,
): Promise<Result<Identity, IdentityFileError>> {
  const opened = await seal.open(file.seal);
  if (!opened.ok) return err({ code: 'identity-unlock-failed', message: opened.error.message });
  const identity = identityFromSeed(opened.value, file.displayName, file.organisation);
  if (!identity.ok) return err({ code: 'identity-file-field', message: identity.error.message });
  if (identity.value.id !== file.id) {
    return err({
      code: 'identity-key-mismatch',
      message: 'the sealed key does not belong to this identity id',
    });
  }
  return identity;
}
