/**
 * The line protocol of the peer harness (cli/peer/peer-process.ts): one JSON object per line,
 * commands on stdin, events on stdout. Multi-process tests and the latency bench drive peers
 * with it. Events never carry key material.
 */

/** Commands a harness accepts. */
export type PeerCommand =
  | { readonly cmd: 'connect' }
  | { readonly cmd: 'disconnect' }
  /** Appends `count` entries whose payloads are `<name>/<tag>/<i>`. */
  | { readonly cmd: 'add'; readonly count: number; readonly tag: string }
  /** Bench: appends one entry carrying `id`; the receiving peers report `seen`. */
  | { readonly cmd: 'ping'; readonly id: number }
  | { readonly cmd: 'state' }
  /** Publishes our presence (signed when the harness has an identity seed). */
  | {
      readonly cmd: 'presence';
      readonly displayName: string;
      readonly activity: 'active' | 'idle' | 'typing';
    }
  /** Member public keys (hex) the presence verifier accepts, by member id. */
  | { readonly cmd: 'members'; readonly keys: Readonly<Record<string, string>> }
  | { readonly cmd: 'peers' }
  | { readonly cmd: 'save' }
  | { readonly cmd: 'exit' };

/** Events a harness prints. */
export type PeerEvent =
  | {
      readonly type: 'ready';
      readonly name: string;
      readonly mode: string;
      readonly room: string;
      /** signed mode: the case genesis (public), for readers to start from. */
      readonly genesis?: unknown;
    }
  | { readonly type: 'status'; readonly state: string; readonly peers: number; readonly signaling: number }
  | {
      readonly type: 'state';
      readonly count: number;
      readonly rejected: number;
      readonly digest: string;
      readonly state: string;
      readonly peers: number;
      /** Mode-specific facts, e.g. signed mode's contract terms hash and message count. */
      readonly facts: Readonly<Record<string, string | number>>;
    }
  | { readonly type: 'sent'; readonly id: number; readonly at: number }
  | { readonly type: 'seen'; readonly id: number; readonly at: number }
  | { readonly type: 'added'; readonly count: number }
  | { readonly type: 'presence'; readonly peers: readonly unknown[] }
  | { readonly type: 'saved' }
  | { readonly type: 'error'; readonly code: string; readonly message: string };

/** Why a command line was refused. */
export type PeerCommandError = { readonly code: 'bad-json' | 'bad-command'; readonly message: string };

const MAX_ADD = 100_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses one stdin line into a command, or says why not. */
export function parsePeerCommand(
  line: string,
): { ok: true; command: PeerCommand } | { ok: false; error: PeerCommandError } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, error: { code: 'bad-json', message: 'command is not JSON' } };
  }
  const bad = (message: string) => ({ ok: false as const, error: { code: 'bad-command' as const, message } });
  if (!isRecord(value) || typeof value.cmd !== 'string') return bad('expected {"cmd": ...}');
  switch (value.cmd) {
    case 'connect':
    case 'disconnect':
    case 'state':
    case 'peers':
    case 'save':
    case 'exit':
      return { ok: true, command: { cmd: value.cmd } };
    case 'add': {
      const { count, tag } = value;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_ADD) {
        return bad(`add.count must be an integer in 1..${MAX_ADD}`);
      }
      if (typeof tag !== 'string' || tag.length === 0 || tag.length > 64)
        return bad('add.tag must be 1..64 chars');
      return { ok: true, command: { cmd: 'add', count, tag } };
    }
    case 'ping': {
      const { id } = value;
      if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0)
        return bad('ping.id must be an integer');
      return { ok: true, command: { cmd: 'ping', id } };
    }
    case 'presence': {
      const { displayName, activity } = value;
      if (typeof displayName !== 'string' || displayName.length === 0)
        return bad('presence.displayName required');
      if (activity !== 'active' && activity !== 'idle' && activity !== 'typing') return bad('bad activity');
      return { ok: true, command: { cmd: 'presence', displayName, activity } };
    }
    case 'members': {
      const { keys } = value;
      if (!isRecord(keys) || !Object.values(keys).every((key) => typeof key === 'string')) {
        return bad('members.keys must map member ids to hex keys');
      }
      return { ok: true, command: { cmd: 'members', keys: keys as Record<string, string> } };
    }
    default:
      return bad('unknown command');
  }
}
