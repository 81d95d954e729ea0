import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  IPC_CHANNELS,
  IPC_CONTRACT,
  IPC_PROTOCOL_VERSION,
  type IpcChannel,
  PUSH_CHANNELS,
} from '../../electron/ipc/contract';
import type { ArgsParser } from '../../electron/ipc/schema';

interface Vectors {
  ipcVersion: number;
  channels: string[];
  pushChannels: Record<string, string>;
  valid: { channel: IpcChannel; args: unknown[] }[];
  invalid: { channel: IpcChannel; args: unknown[]; issue: { path: string; expected: string } }[];
}

const vectors = JSON.parse(
  readFileSync(new URL('./vectors/ipc-v1.json', import.meta.url), 'utf8'),
) as Vectors;

/** Expands the vector file's {"$bytes": N} and {"$string": N} placeholders. */
function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.$bytes === 'number') return new Uint8Array(record.$bytes).fill(7);
    if (typeof record.$string === 'number') return 'a'.repeat(record.$string);
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

const parse = (channel: IpcChannel, args: unknown[]) =>
  (IPC_CONTRACT[channel] as ArgsParser<readonly unknown[]>)(args);

describe('IPC contract v1 vectors', () => {
  it('pins the version and the channel names', () => {
    expect(vectors.ipcVersion).toBe(IPC_PROTOCOL_VERSION);
    expect(IPC_CHANNELS).toEqual(vectors.channels);
    expect(PUSH_CHANNELS).toEqual(vectors.pushChannels);
  });

  it.each(vectors.valid.map((v) => [v.channel, v] as const))('accepts %s %#', (_channel, vector) => {
    const args = decode(vector.args) as unknown[];
    const parsed = parse(vector.channel, args);
    expect(parsed).toEqual({ ok: true, value: args });
  });

  it.each(vectors.invalid.map((v) => [v.channel, v] as const))('refuses %s %#', (_channel, vector) => {
    expect(parse(vector.channel, decode(vector.args) as unknown[])).toEqual({
      ok: false,
      issue: vector.issue,
    });
  });

  it('has a valid vector for every channel', () => {
    expect(new Set(vectors.valid.map((v) => v.channel))).toEqual(new Set(IPC_CHANNELS));
  });
});
