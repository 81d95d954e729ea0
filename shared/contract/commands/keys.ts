/**
 * Case key records (docs/invite-link.md §3): key rotations (also written by removeMember) and key
 * histories. The contract checks their form and that they fit the change; the cryptography (who
 * may open what, that the author rotated) is checked by shared/signed/rotation-check.ts.
 */
import { parseStoredKeyHistory } from '../../membership/key-history';
import type { RotationReason } from '../../membership/rotation';
import { parseStoredKeyRotation, rotationRecordKey, toStoredKeyRotation } from '../../membership/rotation';
import { type CommandContext, execute, requireActor, requireCase } from '../context';
import type { Result } from '../result';
import type { Author } from '../rights';
import type { CaseRoots } from '../schema';
import { fail } from '../validate';
import { requireWrite } from '../writes';

/**
 * A rotation record ready to write: parsed from untrusted input (refused as 'invalid-input' when
 * malformed), for this case, with the reason and number of removed members the change implies,
 * under a key no record holds yet. Its normalised stored form is what gets written.
 */
export function checkedRotation(
  ctx: CommandContext,
  r: CaseRoots,
  author: Author,
  value: unknown,
  reason: RotationReason,
  removedCount: number,
): { readonly key: string; readonly value: Record<string, unknown> } {
  const rotation = parseStoredKeyRotation(value);
  if (!rotation) fail('invalid-input', 'the key rotation record is malformed');
  if (rotation.caseId !== requireCase(r)) fail('invalid-input', 'the key rotation is for another case');
  if (rotation.reason !== reason)
    fail('invalid-input', `the key rotation must give the reason "${reason}" for this change`);
  if (rotation.removed.length !== removedCount)
    fail('invalid-input', 'the key rotation must list exactly the members this change removes');
  const stored = toStoredKeyRotation(rotation);
  const key = rotationRecordKey(stored);
  if (r.keyRotations.has(key)) fail('duplicate-id', 'this key rotation is already recorded');
  requireWrite(ctx, author, ['keyRotations', key], 'set');
  return { key, value: { ...stored } };
}

/**
 * Rotates the case key without removing anyone (reason 'scheduled'): when the key in force was
 * sealed to someone who is no longer a member (two removals at once, `rotationNeeded`), or on
 * a schedule. `rotation` comes from shared/membership `createKeyRotation` with no removed member.
 */
export function rotateCaseKey(
  ctx: CommandContext,
  input: { readonly rotation: unknown },
): Result<{ readonly rotationKey: string }> {
  return execute(ctx, 'rotateCaseKey', (r) => {
    const author = requireActor(ctx, r);
    const rotation = checkedRotation(ctx, r, author, input?.rotation, 'scheduled', 0);
    return {
      value: { rotationKey: rotation.key },
      write: () => r.keyRotations.set(rotation.key, rotation.value),
    };
  });
}

/**
 * Records the older case keys sealed under the key of an epoch (shared/membership
 * `sealKeyHistory`), so a member invited with that key reads the whole signed log. Written by a
 * holder of that key, in a change sealed with it.
 */
export function recordKeyHistory(
  ctx: CommandContext,
  input: { readonly history: unknown },
): Result<{ readonly historyKey: string }> {
  return execute(ctx, 'recordKeyHistory', (r) => {
    const author = requireActor(ctx, r);
    const history = parseStoredKeyHistory(input?.history);
    if (!history) fail('invalid-input', 'the key history record is malformed');
    if (history.caseId !== requireCase(r)) fail('invalid-input', 'the key history is for another case');
    const key = rotationRecordKey(history);
    if (r.keyHistory.has(key)) fail('duplicate-id', 'this key history is already recorded');
    requireWrite(ctx, author, ['keyHistory', key], 'set');
    return {
      value: { historyKey: key },
      write: () => r.keyHistory.set(key, { ...history }),
    };
  });
}
