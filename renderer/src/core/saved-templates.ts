/**
 * The templates this device saved ("Save as template"), kept in IndexedDB as the JSON objects of
 * docs/process-template.md (the same as the CLI's files). Templates are not secrets — no values,
 * no person names, no keys — so they are stored in the clear, per device, for every identity.
 */
import type { ProcessTemplate } from '../../../shared/knowledge/template';
import { parseProcessTemplate } from '../../../shared/knowledge/template-file';

const DATABASE = 'casepact-templates';
const STORE = 'templates';

/** What the device holds; `damaged` counts stored entries that no longer parse (never used). */
export interface SavedTemplateList {
  readonly templates: readonly ProcessTemplate[];
  readonly damaged: number;
}

/** Saved templates on this device. Every method rejects with an Error when storage fails. */
export interface SavedTemplateStore {
  /** Every saved template that reads, sorted by name. */
  list(): Promise<SavedTemplateList>;
  /** Adds a template; refuses (rejects) when one with its id exists already. */
  add(template: ProcessTemplate): Promise<void>;
  /** Deletes a template by id; nothing happens when there is none. */
  remove(id: string): Promise<void>;
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function finished(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** The IndexedDB store (`factory`: the page's indexedDB; tests pass fake-indexeddb's). */
export function indexedDbTemplateStore(factory: () => IDBFactory = () => indexedDB): SavedTemplateStore {
  let opening: Promise<IDBDatabase> | undefined;
  const database = (): Promise<IDBDatabase> => {
    opening ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory().open(DATABASE, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB is not available'));
      request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
    }).catch((error: unknown) => {
      opening = undefined; // let a later call try again
      throw error;
    });
    return opening;
  };
  /** One read-write transaction, resolved once it has committed. */
  const write = async (change: (store: IDBObjectStore) => void): Promise<void> => {
    const db = await database();
    const tx = db.transaction(STORE, 'readwrite');
    const committed = finished(tx);
    change(tx.objectStore(STORE));
    await committed;
  };
  return {
    async list() {
      const db = await database();
      const values = await done(db.transaction(STORE, 'readonly').objectStore(STORE).getAll());
      const templates: ProcessTemplate[] = [];
      let damaged = 0;
      for (const value of values) {
        const parsed = parseProcessTemplate(value);
        if (parsed.ok) templates.push(parsed.template);
        else damaged++;
      }
      templates.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
      return { templates, damaged };
    },
    // add(), not put(): a second template with the same id is an error, never an overwrite.
    add: (template) => write((store) => store.add(template)),
    remove: (id) => write((store) => store.delete(id)),
  };
}
