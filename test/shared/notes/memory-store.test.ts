import { expect, test } from 'vitest';
import * as Y from 'yjs';
import { createCase, postMessage } from '../../../shared/contract';
import { MemoryPrivateNotesStore } from '../../../shared/notes';
import { makeCtx, must } from '../contract/helpers';
import { privateNotesStoreConformance } from './store-conformance';

privateNotesStoreConformance('MemoryPrivateNotesStore', (clock) => new MemoryPrivateNotesStore(clock));

test('notes never reach the case document or its updates', async () => {
  const doc = new Y.Doc();
  const ctx = makeCtx(doc, 'ed25519-agent');
  const { caseId } = must(
    createCase(ctx, {
      title: 'Router drops every evening',
      party: { name: 'ISP', role: 'provider' },
      member: { displayName: 'Agent' },
    }),
  );
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const before = Y.encodeStateAsUpdate(doc);
  const store = new MemoryPrivateNotesStore({ now: () => 1, newId: () => 'n1' });
  const secret = 'PRIVATE: customer threatened to cancel, do not mention the retention offer';
  expect((await store.add(caseId, { owner: ctx.actor, text: secret })).ok).toBe(true);
  expect(updates).toHaveLength(0);
  expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  must(postMessage(ctx, { text: 'We are looking into it.' }));
  const wire = new TextDecoder().decode(Y.encodeStateAsUpdate(doc));
  expect(wire).toContain('We are looking into it.');
  expect(wire).not.toContain('PRIVATE');
});
