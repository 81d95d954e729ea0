import { create } from 'zustand';
import type { ContractSnapshot } from '../../../shared/contract/views';
import { templateSourceFromSnapshot } from '../../../shared/knowledge/from-contract';
import {
  type ProcessTemplate,
  templateErrorSentence,
  templateFromCase,
} from '../../../shared/knowledge/template';
import { templateIdFor } from '../../../shared/knowledge/template-file';
import { TEMPLATES } from '../../../shared/templates/registry';
import { indexedDbTemplateStore, type SavedTemplateStore } from '../core/saved-templates';

export type TemplateOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

interface SavedTemplatesState {
  readonly status: 'idle' | 'loading' | 'ready' | 'failed';
  /** Sorted by name. */
  readonly templates: readonly ProcessTemplate[];
  /** Stored entries that no longer read as templates (not shown, not used). */
  readonly damaged: number;
  /** Why the list could not be read, as a sentence. */
  readonly error?: string;
  /** Reads the saved templates from the device. */
  load(): Promise<void>;
  /** Saves a resolved or closed case's process as a new template on this device. */
  saveFromCase(
    snapshot: ContractSnapshot,
    meta: { readonly name: string; readonly description: string },
  ): Promise<TemplateOutcome<ProcessTemplate>>;
  remove(id: string): Promise<TemplateOutcome<null>>;
}

const storageSentence = (doing: string, error: unknown): string =>
  `Casepact could not ${doing} on this device: ${error instanceof Error ? error.message : String(error)}. Check that the browser allows site storage, then try again.`;

/** The saved-templates store over a storage port (the app's: IndexedDB). */
export function createSavedTemplates(storage: SavedTemplateStore) {
  return create<SavedTemplatesState>((set, get) => ({
    status: 'idle',
    templates: [],
    damaged: 0,
    async load() {
      set({ status: 'loading' });
      try {
        const { templates, damaged } = await storage.list();
        set({ status: 'ready', templates, damaged, error: undefined });
      } catch (error) {
        set({ status: 'failed', error: storageSentence('read your saved templates', error) });
      }
    },
    async saveFromCase(snapshot, meta) {
      const source = templateSourceFromSnapshot(snapshot);
      if (!source) return { ok: false, message: 'This case has not arrived on this device yet.' };
      await get().load();
      if (get().status === 'failed') return { ok: false, message: get().error ?? '' };
      const taken = [...TEMPLATES.map((t) => t.id), ...get().templates.map((t) => t.id)];
      const made = templateFromCase(source, { ...meta, id: templateIdFor(meta.name, taken) });
      if (!made.ok) return { ok: false, message: templateErrorSentence(made.error) };
      try {
        await storage.add(made.template);
      } catch (error) {
        return { ok: false, message: storageSentence('save the template', error) };
      }
      await get().load();
      return { ok: true, value: made.template };
    },
    async remove(id) {
      try {
        await storage.remove(id);
      } catch (error) {
        return { ok: false, message: storageSentence('delete the template', error) };
      }
      await get().load();
      return { ok: true, value: null };
    },
  }));
}

/** The templates saved on this device. */
export const useSavedTemplates = createSavedTemplates(indexedDbTemplateStore());
