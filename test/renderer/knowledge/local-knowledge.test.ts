/** The app's local knowledge index over real signed cases: resolutions become searchable, updates are incremental. */
import { afterEach, beforeAll, expect, it } from 'vitest';
import { resolveCase } from '../../../shared/contract/index';
import { knowledgeEntryOf, LocalKnowledge } from '../../../renderer/src/knowledge/local-knowledge';
import { ready } from '../../shared/signed/fixtures';
import { type ReplicaWorld, replicaWorld } from '../../shared/sla/replica-world';
import { ReplicaSession } from '../sla/replica-session';

let world: ReplicaWorld | undefined;
beforeAll(ready);
afterEach(() => world?.destroy());

it('indexes every local case with its current resolution, re-indexing only what changed', () => {
  world = replicaWorld();
  const session = new ReplicaSession(world.providerReplica);
  const knowledge = new LocalKnowledge();
  knowledge.sync([session]);
  expect(knowledge.index.size).toBe(1);
  expect(knowledge.index.search('firmware flash')).toEqual([]);
  const first = knowledge.revision;
  knowledge.sync([session]);
  expect(knowledge.revision).toBe(first);

  const resolved = world.providerReplica.run((ctx) =>
    resolveCase(ctx, {
      problem: 'Black screen after the firmware update',
      cause: 'Boot chip left in legacy mode',
      fix: 'Flash firmware 1.0.7 from USB',
    }),
  );
  expect(resolved.ok).toBe(true);
  expect(knowledgeEntryOf(session.snapshot())?.resolution).toMatchObject({
    fix: 'Flash firmware 1.0.7 from USB',
  });
  knowledge.sync([session]);
  expect(knowledge.revision).toBeGreaterThan(first);
  const [hit] = knowledge.index.search('firmwre flash');
  expect(hit).toMatchObject({
    caseId: session.caseId,
    resolution: { cause: 'Boot chip left in legacy mode' },
  });
  const [similar] = knowledge.index.similarResolved({ title: 'PC black screen after firmware update' });
  expect(similar?.caseId).toBe(session.caseId);

  knowledge.sync([]);
  expect(knowledge.index.size).toBe(0);
});
