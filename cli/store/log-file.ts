import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { sodium } from '../../shared/crypto/sodium';
import { fromHex, toHex } from '../../shared/identity/bytes';

/**
 * The append-only file of a case's sealed log entries (docs/envelope.md "CLI store").
 *
 *   file   = "CPLOG1\n" record*
 *   record = u32 BE n | payload [n] | BLAKE2b-128(payload) [16]
 *   payload = entry key (the envelope hash, 32 raw bytes) | sealed entry
 *
 * Appends are fsynced before a command reports success. A record cut short by a crash (kill -9,
 * power loss) is detected by its length or checksum and dropped on open; damage in the middle is
 * moved aside to a ".damaged" file, so the store always opens with every intact record before it.
 */
const MAGIC = Buffer.from('CPLOG1\n', 'latin1');
const MAX_RECORD = 8 * 1024 * 1024;

export interface LogRecord {
  readonly key: string;
  readonly sealed: Uint8Array;
}

export interface LogReadResult {
  readonly records: readonly LogRecord[];
  /** Bytes dropped from the end (a torn final record) or set aside (damage), if any. */
  readonly repaired?: {
    readonly kind: 'torn-tail' | 'damaged';
    readonly bytes: number;
    readonly aside?: string;
  };
}

function checksum(payload: Uint8Array): Uint8Array {
  return sodium().crypto_generichash(16, payload, null);
}

export function encodeRecord(key: string, sealed: Uint8Array): Uint8Array {
  const raw = fromHex(key);
  if (raw?.length !== 32) throw new RangeError('a log key is 64 lowercase hex characters');
  const payload = Buffer.concat([raw, sealed]);
  const out = Buffer.alloc(4 + payload.length + 16);
  out.writeUInt32BE(payload.length, 0);
  payload.copy(out, 4);
  Buffer.from(checksum(payload)).copy(out, 4 + payload.length);
  return out;
}

/** Reads every intact record, repairing the file in place when its end is torn or damaged. */
export function readLog(path: string): LogReadResult {
  if (!existsSync(path)) return { records: [] };
  const data = readFileSync(path);
  if (data.length < MAGIC.length || !data.subarray(0, MAGIC.length).equals(MAGIC)) {
    if (MAGIC.subarray(0, data.length).equals(data)) {
      // Crashed while writing the header of a new file.
      writeFileSync(path, MAGIC);
      return { records: [], repaired: { kind: 'torn-tail', bytes: data.length } };
    }
    throw new Error(`${path} is not a Casepact log file`);
  }
  const records: LogRecord[] = [];
  let at = MAGIC.length;
  while (at < data.length) {
    const remaining = data.length - at;
    const length = remaining >= 4 ? data.readUInt32BE(at) : -1;
    const fits = length >= 33 && length <= MAX_RECORD && 4 + length + 16 <= remaining;
    if (fits) {
      const payload = data.subarray(at + 4, at + 4 + length);
      const sum = data.subarray(at + 4 + length, at + 4 + length + 16);
      if (Buffer.from(checksum(payload)).equals(sum)) {
        records.push({ key: toHex(payload.subarray(0, 32)), sealed: new Uint8Array(payload.subarray(32)) });
        at += 4 + length + 16;
        continue;
      }
    }
    // Everything from here on is unreadable. A file that simply ends inside a record is a torn
    // final append (dropped); anything else is damage, kept aside for inspection.
    const plausible = length >= 33 && length <= MAX_RECORD;
    const tail = remaining < 4 || (plausible && 4 + length + 16 > remaining) ? 'torn-tail' : 'damaged';
    let aside: string | undefined;
    if (tail === 'damaged') {
      aside = `${path}.damaged-${Date.now()}`;
      writeFileSync(aside, data.subarray(at));
    }
    const fd = openSync(path, 'r+');
    try {
      ftruncateSync(fd, at);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return { records, repaired: { kind: tail, bytes: data.length - at, ...(aside ? { aside } : {}) } };
  }
  return { records };
}

/** Appends records and fsyncs once; returns when they are durable. */
export function appendLog(path: string, records: readonly LogRecord[]): void {
  if (records.length === 0) return;
  const fresh = !existsSync(path);
  const fd = openSync(path, 'a', 0o600);
  try {
    const chunks = records.map((r) => encodeRecord(r.key, r.sealed));
    const bytes = Buffer.concat(fresh ? [MAGIC, ...chunks] : chunks);
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
