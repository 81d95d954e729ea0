/** Parsed command line of the peer harness (see peer-process.ts for the usage). */
export interface PeerArgs {
  readonly name: string;
  /**
   * casepact: our transport + interim sealed entries; plain: stock y-webrtc + raw entries;
   * contract: stock y-webrtc syncing a contract document directly (founder with an identity seed);
   * signed: our transport + shared/signed replica (founder with an identity seed, reader with
   * CASEPACT_PEER_GENESIS); rogue: y-webrtc in the case's room, its channel sealed with the case
   * key, writing raw junk; stock: the same junk from stock y-webrtc, channel not sealed.
   */
  readonly mode: 'casepact' | 'plain' | 'contract' | 'signed' | 'rogue' | 'stock';
  /** Case genesis JSON (reader in signed mode). Not secret. */
  readonly genesis: unknown;
  readonly signalingUrls: readonly string[];
  readonly caseKey: Uint8Array;
  readonly identitySeed: Uint8Array | null;
  readonly bindAddress: string | null;
  readonly stateFile: string | null;
  readonly connect: boolean;
}

function hexBytes(text: string | undefined, length: number): Uint8Array | null {
  if (!text || !new RegExp(`^[0-9a-fA-F]{${length * 2}}$`).test(text)) return null;
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** Parses argv and env; the error message never echoes a secret. */
export function parsePeerArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): { ok: true; args: PeerArgs } | { ok: false; message: string } {
  let name = '';
  let mode: PeerArgs['mode'] = 'casepact';
  const signalingUrls: string[] = [];
  let bindAddress: string | null = null;
  let stateFile: string | null = null;
  let connect = true;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const takesValue = ['--name', '--mode', '--signal', '--bind', '--state'].includes(flag ?? '');
    if (takesValue && value === undefined) return { ok: false, message: `${flag} needs a value` };
    if (takesValue) i++;
    if (flag === '--name') name = value ?? '';
    else if (
      flag === '--mode' &&
      ['casepact', 'plain', 'contract', 'signed', 'rogue', 'stock'].includes(value ?? '')
    )
      mode = value as PeerArgs['mode'];
    else if (flag === '--signal') signalingUrls.push(...(value ?? '').split(',').filter(Boolean));
    else if (flag === '--bind') bindAddress = value ?? null;
    else if (flag === '--state') stateFile = value ?? null;
    else if (flag === '--no-connect') connect = false;
    else return { ok: false, message: `unknown or invalid argument: ${flag}` };
  }
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(name))
    return { ok: false, message: '--name must be 1..32 of [A-Za-z0-9_-]' };
  const caseKey = hexBytes(env.CASEPACT_PEER_CASE_KEY, 32);
  if (!caseKey) return { ok: false, message: 'CASEPACT_PEER_CASE_KEY must hold 64 hex digits' };
  const seedText = env.CASEPACT_PEER_IDENTITY_SEED;
  const identitySeed = seedText ? hexBytes(seedText, 32) : null;
  if (seedText && !identitySeed)
    return { ok: false, message: 'CASEPACT_PEER_IDENTITY_SEED must hold 64 hex digits' };
  let genesis: unknown = null;
  if (env.CASEPACT_PEER_GENESIS) {
    try {
      genesis = JSON.parse(env.CASEPACT_PEER_GENESIS);
    } catch {
      return { ok: false, message: 'CASEPACT_PEER_GENESIS is not JSON' };
    }
  }
  if (mode === 'signed' && !identitySeed && !genesis) {
    return {
      ok: false,
      message: 'signed mode needs CASEPACT_PEER_IDENTITY_SEED (founder) or CASEPACT_PEER_GENESIS',
    };
  }
  return {
    ok: true,
    args: { name, mode, genesis, signalingUrls, caseKey, identitySeed, bindAddress, stateFile, connect },
  };
}
