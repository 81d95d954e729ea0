/**
 * One case shared by a test file's scenarios: a CASEPACT_HOME per person under a fresh temp
 * folder, their identities, our signaling server on 127.0.0.1, and the case made by the founder
 * with every other person joined by invite link over real WebRTC. Set up before the file's tests,
 * removed after them (every child process killed, the folder deleted).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { caseWithMembers, identities, killAllChildren, tempBase } from './cli-harness';
import { SignalingFixture } from './signaling-fixture';

export interface Joiner {
  readonly role: string;
  readonly party: string;
}

export interface CaseWorld<N extends string> {
  /** Each person's CASEPACT_HOME, by display name (known at once; filled in before the tests). */
  readonly homes: Readonly<Record<N, string>>;
  readonly caseId: string;
  readonly signaling: SignalingFixture;
}

export function caseForFile<F extends string, J extends string>(
  prefix: string,
  founder: F,
  joiners: Readonly<Record<J, Joiner>>,
  timeoutMs = 180_000,
): CaseWorld<F | J> {
  const base = tempBase(prefix);
  const names = [founder, ...(Object.keys(joiners) as J[])];
  const homes = Object.fromEntries(names.map((name) => [name, join(base, name.toLowerCase())])) as Record<
    F | J,
    string
  >;
  let ready: { caseId: string; signaling: SignalingFixture } | undefined;
  let signaling: SignalingFixture | undefined;
  beforeAll(async () => {
    signaling = await SignalingFixture.start();
    await identities(homes);
    const members = (Object.entries(joiners) as [J, Joiner][]).map(([name, joiner]) => ({
      home: homes[name],
      ...joiner,
    }));
    ready = { caseId: await caseWithMembers(homes[founder], members, signaling.url), signaling };
  }, timeoutMs);
  afterAll(async () => {
    await killAllChildren();
    await signaling?.stop();
    rmSync(base, { recursive: true, force: true });
  });
  const get = () => {
    if (!ready) throw new Error('the shared case is not set up (use it inside a test or a later beforeAll)');
    return ready;
  };
  return {
    homes,
    get caseId() {
      return get().caseId;
    },
    get signaling() {
      return get().signaling;
    },
  };
}
