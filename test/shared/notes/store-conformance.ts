/**
 * Behaviour every PrivateNotesStore adapter must show. Persistence adapters (IndexedDB, files)
 * call this with their own factory so they are held to the same contract as the in-memory store.
 */
import { describe, expect, test } from 'vitest';
import type { PrivateNotesStore } from '../../../shared/notes';

/** Makes a fresh, empty store whose clock and ids the test controls. */
export type StoreFactory = (clock: {
  now: () => number;
  newId: () => string;
}) => PrivateNotesStore | Promise<PrivateNotesStore>;

export function privateNotesStoreConformance(name: string, make: StoreFactory): void {
  const setup = async () => {
    let t = 1_700_000_000_000;
    let n = 0;
    return make({ now: () => (t += 1000), newId: () => `note-${++n}` });
  };

  describe(`${name}: PrivateNotesStore contract`, () => {
    test('add, list (per case and owner, oldest first), get, update, remove', async () => {
      const store = await setup();
      const a = await store.add('case-1', { owner: 'me', text: 'Customer sounded upset; offer a callback.' });
      const b = await store.add('case-1', {
        owner: 'me',
        text: 'Ask legal before agreeing to a refund',
        ref: { kind: 'topic', id: 't-7' },
      });
      await store.add('case-1', { owner: 'colleague', text: 'Not yours' });
      await store.add('case-2', { owner: 'me', text: 'Other case' });
      if (!a.ok || !b.ok) throw new Error('add failed');
      expect(a.value).toMatchObject({ caseId: 'case-1', owner: 'me', ref: null });
      expect((await store.list('case-1', 'me')).map((x) => x.id)).toEqual([a.value.id, b.value.id]);
      expect(await store.get('case-1', b.value.id)).toEqual(b.value);
      const u = await store.update('case-1', a.value.id, {
        text: 'Customer calmer after the call',
        ref: { kind: 'action', id: 'act-1' },
      });
      expect(u.ok && u.value).toMatchObject({
        text: 'Customer calmer after the call',
        ref: { kind: 'action', id: 'act-1' },
        createdAt: a.value.createdAt,
      });
      expect(u.ok && u.value.updatedAt).toBeGreaterThan(a.value.updatedAt);
      const unpinned = await store.update('case-1', a.value.id, { ref: null });
      expect(unpinned.ok && unpinned.value.ref).toBeNull();
      expect((await store.remove('case-1', b.value.id)).ok).toBe(true);
      expect((await store.list('case-1', 'me')).map((x) => x.id)).toEqual([a.value.id]);
      expect(await store.removeCase('case-1')).toBe(2);
      expect(await store.list('case-1', 'me')).toEqual([]);
      expect(await store.list('case-2', 'me')).toHaveLength(1);
    });

    test('refusals are typed and change nothing', async () => {
      const store = await setup();
      expect(await store.add('case-1', { owner: 'me', text: '   ' })).toMatchObject({
        ok: false,
        error: 'invalid-input',
      });
      expect(await store.add('case-1', { owner: 'me', text: 'x'.repeat(20_001) })).toMatchObject({
        ok: false,
        error: 'invalid-input',
      });
      expect(await store.add('bad case id!', { owner: 'me', text: 'x' })).toMatchObject({
        ok: false,
        error: 'invalid-input',
      });
      expect(await store.add('case-1', { owner: '', text: 'x' })).toMatchObject({
        ok: false,
        error: 'invalid-input',
      });
      expect(
        await store.add('case-1', { owner: 'me', text: 'x', ref: { kind: 'planet', id: 'p' } as never }),
      ).toMatchObject({ ok: false, error: 'invalid-input' });
      expect(await store.update('case-1', 'nope', { text: 'x' })).toMatchObject({
        ok: false,
        error: 'unknown-note',
      });
      expect(await store.remove('case-1', 'nope')).toMatchObject({ ok: false, error: 'unknown-note' });
      const a = await store.add('case-1', { owner: 'me', text: 'keep' });
      if (!a.ok) throw new Error('add failed');
      expect(await store.update('case-1', a.value.id, { text: '' })).toMatchObject({
        ok: false,
        error: 'invalid-input',
      });
      expect((await store.get('case-1', a.value.id))?.text).toBe('keep');
      expect(await store.list('case-1', 'me')).toHaveLength(1);
    });

    test('results cannot be used to alter the store', async () => {
      const store = await setup();
      const a = await store.add('case-1', { owner: 'me', text: 'original' });
      if (!a.ok) throw new Error('add failed');
      try {
        (a.value as { text: string }).text = 'tampered';
      } catch {
        // frozen: fine
      }
      const list = (await store.list('case-1', 'me')) as unknown[];
      list.length = 0;
      expect((await store.get('case-1', a.value.id))?.text).toBe('original');
      expect(await store.list('case-1', 'me')).toHaveLength(1);
    });

    test('subscribers get the owner’s notes of the case after each change, until they unsubscribe', async () => {
      const store = await setup();
      const seen: string[][] = [];
      const stop = store.subscribe('case-1', 'me', (notes) => seen.push(notes.map((n) => n.text)));
      const a = await store.add('case-1', { owner: 'me', text: 'one' });
      await store.add('case-1', { owner: 'someone-else', text: 'not mine' });
      await store.add('case-2', { owner: 'me', text: 'other case' });
      if (!a.ok) throw new Error('add failed');
      await store.update('case-1', a.value.id, { text: 'one, edited' });
      stop();
      await store.remove('case-1', a.value.id);
      expect(seen).toEqual([['one'], ['one, edited']]);
    });
  });
}
