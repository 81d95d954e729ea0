/**
 * Saved templates in the app: the IndexedDB store (fake-indexeddb, a fresh database per test)
 * and the zustand store the dialogs use. A new store over the same database is what a reload sees.
 */
import { IDBFactory } from 'fake-indexeddb';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createCase, resolveCase, selectContract } from '../../../shared/contract/index';
import { sodiumReady } from '../../../shared/crypto/sodium';
import { readProcessTemplate } from '../../../shared/knowledge/template-file';
import { indexedDbTemplateStore } from '../../../renderer/src/core/saved-templates';
import { createSavedTemplates } from '../../../renderer/src/stores/template-store';
import { makeCtx, must } from '../../shared/contract/helpers';
import { readFileSync } from 'node:fs';

let factory: IDBFactory;
const open = () => indexedDbTemplateStore(() => factory);

function caseSnapshot(resolved: boolean) {
  const doc = new Y.Doc();
  const ctx = makeCtx(doc, 'ed25519-agent');
  must(
    createCase(ctx, {
      title: 'Printer jams on every page',
      party: { name: 'Northwind PCs', role: 'provider' },
      member: { displayName: 'Dana' },
    }),
  );
  if (resolved) must(resolveCase(ctx, { problem: 'Jams', fix: 'New roller' }));
  return selectContract(doc);
}

beforeAll(async () => {
  await sodiumReady();
});
beforeEach(() => {
  factory = new IDBFactory();
});

describe('IndexedDB template store', () => {
  const vector = readProcessTemplate(readFileSync('test/vectors/process-template-v1.json', 'utf8'));
  if (!vector.ok) throw new Error('vector');

  it('keeps templates across store instances, refuses a second one with the same id, deletes', async () => {
    await open().add(vector.template);
    expect((await open().list()).templates).toEqual([vector.template]);
    await expect(open().add(vector.template)).rejects.toThrow();
    await open().remove(vector.template.id);
    expect(await open().list()).toEqual({ templates: [], damaged: 0 });
  });

  it('counts entries that no longer parse and never returns them', async () => {
    await open().add({ ...vector.template, id: 'broken', version: 2 } as never);
    await open().add(vector.template);
    expect(await open().list()).toEqual({ templates: [vector.template], damaged: 1 });
  });
});

describe('saved templates store', () => {
  it('saves a resolved case under an id from its name, and a reload lists it', async () => {
    const store = createSavedTemplates(open());
    const saved = await store.getState().saveFromCase(caseSnapshot(true), {
      name: 'Printer jams',
      description: 'Replace the roller',
    });
    expect(saved).toMatchObject({
      ok: true,
      value: { id: 'printer-jams', description: 'Replace the roller' },
    });
    const again = await store
      .getState()
      .saveFromCase(caseSnapshot(true), { name: 'Printer jams', description: '' });
    expect(again).toMatchObject({ ok: true, value: { id: 'printer-jams-2' } });

    const reloaded = createSavedTemplates(open());
    await reloaded.getState().load();
    expect(reloaded.getState()).toMatchObject({ status: 'ready', damaged: 0 });
    expect(reloaded.getState().templates.map((t) => t.id)).toEqual(['printer-jams', 'printer-jams-2']);
    expect(await reloaded.getState().remove('printer-jams')).toEqual({ ok: true, value: null });
    expect(reloaded.getState().templates.map((t) => t.id)).toEqual(['printer-jams-2']);
  });

  it('refuses an unresolved case with a sentence and stores nothing', async () => {
    const store = createSavedTemplates(open());
    expect(await store.getState().saveFromCase(caseSnapshot(false), { name: 'X', description: '' })).toEqual({
      ok: false,
      message: 'Only a resolved or closed case can be saved as a template; this one is open.',
    });
    expect((await open().list()).templates).toEqual([]);
  });

  it('says so when storage is unavailable', async () => {
    const store = createSavedTemplates(
      indexedDbTemplateStore(() => {
        throw new Error('IndexedDB is disabled');
      }),
    );
    await store.getState().load();
    expect(store.getState().status).toBe('failed');
    expect(store.getState().error).toMatch(
      /^Casepact could not read your saved templates on this device: IndexedDB is disabled\./,
    );
  });
});
