import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addMember,
  hashTerms,
  postMessage,
  proposeChange,
  selectContract,
  selectTerms,
} from '../../../shared/contract/index';
import { CaseReplica, LOG_MAP } from '../../../shared/signed/replica';
import { signCurrentTerms } from '../../../shared/signed/sign-terms';
import { TYPING_ORIGIN } from '../../../shared/signed/signer';
import { person, ready, world } from './fixtures';

beforeAll(ready);

describe('CaseReplica', () => {
  it('signs each command as one envelope and replays the log into an equal contract', () => {
    const w = world();
    const p = w.providerReplica;
    const proposal = p.run((ctx) =>
      proposeChange(ctx, {
        changes: [
          { kind: 'add-action', action: { title: 'Ship a replacement board', party: w.providerParty } },
        ],
      }),
    );
    expect(proposal.ok).toBe(true);
    expect(p.run((ctx) => postMessage(ctx, { text: 'Board ships tomorrow' })).ok).toBe(true);
    expect(p.applied().every((c) => c.author === w.provider.id || c.author === w.customer.id)).toBe(true);
    expect(p.quarantine().refused).toEqual([]);

    const fresh = new CaseReplica({
      genesis: p.genesis,
      keyring: w.keyring,
      log: cloneLog(p.log),
      invitedSelf: w.invitedSelf,
    });
    expect(fresh.quarantine()).toEqual({ refused: [], waiting: [], forks: [] });
    expect(selectContract(fresh.contract)).toEqual(selectContract(p.contract));
    const terms = selectTerms(fresh.contract);
    expect(terms && hashTerms(terms)).toBe(hashTerms(selectTerms(p.contract) ?? fail()));
    expect(fresh.applied().length).toBe(p.applied().length);
  });

  it('replays any interleaving of two parties into the live contract (seeded runs)', () => {
    for (let seed = 1; seed <= 6; seed++) {
      let state = seed;
      const random = () => {
        state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
        return state / 2_147_483_648;
      };
      const w = world();
      const sides = [w.providerReplica, w.customerReplica] as const;
      for (let step = 0; step < 40; step++) {
        const side = sides[Math.floor(random() * 2)] as CaseReplica;
        const other = side === w.providerReplica ? w.customerReplica : w.providerReplica;
        const roll = random();
        if (roll < 0.4) side.run((ctx) => postMessage(ctx, { text: `seed ${seed} step ${step}` }));
        else if (roll < 0.6) {
          const text = side.contract.getText('summary');
          side.contract.transact(
            () => text.insert(Math.floor(random() * (text.length + 1)), `s${step} `),
            TYPING_ORIGIN,
          );
          side.flush();
        } else if (roll < 0.75) {
          const party = side === w.providerReplica ? w.providerParty : w.customerParty;
          side.run((ctx) =>
            proposeChange(ctx, { changes: [{ kind: 'add-action', action: { title: `a${step}`, party } }] }),
          );
        } else if (roll < 0.85) signCurrentTerms(side);
        else w.sync(side, other);
      }
      w.sync(w.providerReplica, w.customerReplica);
      w.sync(w.customerReplica, w.providerReplica);
      for (const live of sides) {
        expect(live.quarantine().refused, `seed ${seed}`).toEqual([]);
        const replay = new CaseReplica({
          genesis: live.genesis,
          keyring: w.keyring,
          log: cloneLog(live.log),
          invitedSelf: w.invitedSelf,
        });
        expect(selectContract(replay.contract), `seed ${seed}`).toEqual(selectContract(live.contract));
      }
      expect(selectContract(w.providerReplica.contract)).toEqual(selectContract(w.customerReplica.contract));
    }
  });

  it('applies a waiting envelope once its author is admitted by a local command', async () => {
    const w = world();
    const pat = person(9, 'Pat Provider', 'Acme Support');
    const patReplica = new CaseReplica({
      genesis: w.providerReplica.genesis,
      keyring: w.keyring,
      identity: pat,
      invitedSelf: w.invitedSelf,
    });
    w.sync(w.providerReplica, patReplica);
    // Pat writes before being a member (its own document lets it; nobody else applies it yet).
    patReplica.contract
      .getArray('messages')
      .push([
        { id: 'early', kind: 'message', author: pat.id, party: w.providerParty, at: 1, text: 'early bird' },
      ]);
    w.sync(patReplica, w.providerReplica);
    expect(w.providerReplica.quarantine().waiting.map((q) => q.reason)).toEqual(['not-a-member']);
    expect(w.providerReplica.run((ctx) => addMember(ctx, { memberId: pat.id, displayName: 'Pat' })).ok).toBe(
      true,
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(w.providerReplica.quarantine().waiting).toEqual([]);
    expect(selectContract(w.providerReplica.contract).messages.map((m) => m.text)).toContain('early bird');
  });

  it('verifies remote entries as they arrive and tells listeners', () => {
    const w = world();
    const events: number[] = [];
    w.customerReplica.onChange((event) => events.push(event.applied.length));
    w.providerReplica.run((ctx) => postMessage(ctx, { text: 'Hello Carl' }));
    w.sync(w.providerReplica, w.customerReplica);
    expect(events).toEqual([1]);
    const texts = selectContract(w.customerReplica.contract).messages.map((m) => m.text);
    expect(texts).toContain('Hello Carl');
  });

  it('coalesces typing into one envelope per pause', async () => {
    const w = world();
    const p = w.providerReplica;
    const before = p.applied().length;
    const text = p.contract.getText('summary');
    for (const char of 'The laptop shows a black screen')
      p.contract.transact(() => text.insert(text.length, char), TYPING_ORIGIN);
    expect(p.applied().length).toBe(before);
    p.flush();
    expect(p.applied().length).toBe(before + 1);
    w.sync(p, w.customerReplica);
    expect(w.customerReplica.contract.getText('summary').toString()).toBe('The laptop shows a black screen');
    expect(w.customerReplica.quarantine().refused).toEqual([]);
  });

  it('restores a log entry a peer deletes or overwrites', async () => {
    const w = world();
    const key = [...w.providerReplica.log.getMap(LOG_MAP).keys()][0] as string;
    const good = w.providerReplica.log.getMap<Uint8Array>(LOG_MAP).get(key);
    const vandal = new Y.Doc();
    Y.applyUpdate(vandal, Y.encodeStateAsUpdate(w.providerReplica.log));
    vandal.getMap(LOG_MAP).set(key, new Uint8Array([1, 2, 3]));
    Y.applyUpdate(w.providerReplica.log, Y.encodeStateAsUpdate(vandal));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(w.providerReplica.log.getMap<Uint8Array>(LOG_MAP).get(key)).toEqual(good);
  });
});

function cloneLog(log: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(log));
  return copy;
}

function fail(): never {
  throw new Error('no terms');
}
