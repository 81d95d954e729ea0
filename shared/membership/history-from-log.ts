/**
 * A member invited after a key rotation holds only the key in force (its link carries it). Its
 * replica cannot verify the log yet: the entries before the rotation are sealed with older keys,
 * and the key history that holds them sits in an envelope whose author's earlier envelopes it
 * cannot open, so the pipeline would keep it waiting. This reads the key histories straight from
 * the sealed log entries it can open, before any replica is built: the history opens only with
 * the key it is sealed under, so nothing here needs trusting; the replica built afterwards with
 * the full keyring verifies the whole log from the genesis as usual.
 */
import * as Y from 'yjs';
import type { Sodium } from '../crypto/sodium';
import type { CaseKey, CaseKeyring } from '../signed/case-key';
import { caseKeyFromBytes } from '../signed/case-key';
import { decodeEnvelope } from '../signed/envelope';
import { openLogEntry } from '../signed/log-entry';
import { LOG_MAP } from '../signed/replica';
import type { StoredKeyHistory } from './key-history';
import { isHistoryKey, openKeyHistory, parseStoredKeyHistory } from './key-history';

const MARKER = new TextEncoder().encode('keyHistory');

function mentionsHistory(bytes: Uint8Array): boolean {
  const first = MARKER[0] as number;
  for (
    let i = bytes.indexOf(first);
    i >= 0 && i <= bytes.length - MARKER.length;
    i = bytes.indexOf(first, i + 1)
  ) {
    let j = 1;
    while (j < MARKER.length && bytes[i + j] === MARKER[j]) j++;
    if (j === MARKER.length) return true;
  }
  return false;
}

/** Key history records in the envelopes of `log` this keyring opens. */
export function historiesInLog(log: Y.Doc, caseId: string, keyring: CaseKeyring): StoredKeyHistory[] {
  const out: StoredKeyHistory[] = [];
  for (const [key, sealed] of log.getMap<unknown>(LOG_MAP).entries()) {
    const opened = openLogEntry(keyring, caseId, key, sealed);
    if (!opened.ok || !mentionsHistory(opened.value)) continue;
    const envelope = decodeEnvelope(opened.value);
    if (!envelope.ok || envelope.value.caseId !== caseId) continue;
    let structs: ReturnType<typeof Y.decodeUpdate>['structs'];
    try {
      structs = Y.decodeUpdate(envelope.value.update).structs;
    } catch {
      continue;
    }
    for (const struct of structs) {
      if (!(struct instanceof Y.Item) || (struct.parent as unknown) !== 'keyHistory') continue;
      for (const value of struct.content.getContent()) {
        const history = parseStoredKeyHistory(value);
        if (history && history.caseId === caseId) out.push(history);
      }
    }
  }
  return out;
}

/**
 * Adds to `keyring` (keeping its current key) every older key the histories in `log` give,
 * repeating while new keys open more entries. Returns the keys added.
 */
export function adoptHistoriesFromLog(
  na: Sodium,
  log: Y.Doc,
  caseId: string,
  keyring: CaseKeyring,
): CaseKey[] {
  const added: CaseKey[] = [];
  const current = keyring.current;
  for (let round = 0; round < 16; round++) {
    let grew = false;
    for (const history of historiesInLog(log, caseId, keyring)) {
      const sealing = keyring.all().find((key) => isHistoryKey(na, history, key.key));
      for (const bytes of (sealing && openKeyHistory(na, history, sealing.key)) ?? []) {
        const key = caseKeyFromBytes(bytes);
        if (keyring.get(key.keyId)) continue;
        keyring.rotateTo(key);
        keyring.rotateTo(current);
        added.push(key);
        grew = true;
      }
    }
    if (!grew) break;
  }
  return added;
}
