/**
 * The commands and the rights table must agree: every write any successful command makes is one
 * the table allows for its actor (see rights-watch.ts), over random commands and the case set-up.
 */
import { beforeAll, expect, test } from 'vitest';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { scenario } from './helpers';
import { Dice, prng, randomCommand } from './random-commands';
import { watchRights } from './rights-watch';

beforeAll(async () => {
  await sodiumReady();
});

test('every write of every successful command is allowed by WRITE_RULES', () => {
  let checked = 0;
  for (let seed = 1; seed <= 40; seed++) {
    const d = new Dice(prng(seed));
    let watch: ReturnType<typeof watchRights> | undefined;
    const s = scenario((doc) => {
      watch = watchRights(doc);
    });
    if (!watch) throw new Error('watch not attached');
    const ctxs = [s.alice, s.bob, s.carol, s.dave];
    for (let i = 0; i < 60; i++) randomCommand(d, d.pick(ctxs) ?? s.alice);
    expect(watch.violations, `seed ${seed}`).toEqual([]);
    checked += watch.checked();
  }
  expect(checked).toBeGreaterThan(500);
});
