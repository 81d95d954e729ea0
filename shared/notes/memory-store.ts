/**
 * In-memory PrivateNotesStore: the reference implementation (and what tests and the headless
 * CLI use). Returns frozen copies, so callers cannot alter stored notes by mutating results.
 */
import type { MemberId } from '../contract';
import {
  MAX_NOTE_LENGTH,
  type NewPrivateNote,
  type NotesListener,
  type NotesResult,
  type PrivateNote,
  type PrivateNotePatch,
  type PrivateNoteRef,
  type PrivateNotesStore,
} from './private-notes';

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const MEMBER_ID = /^[A-Za-z0-9_\-:.+/=]{1,128}$/;
const REF_KINDS: readonly PrivateNoteRef['kind'][] = [
  'case',
  'party',
  'topic',
  'action',
  'data-item',
  'proposal',
  'message',
];

export interface MemoryStoreOptions {
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** Fresh ids matching /^[A-Za-z0-9_-]{1,64}$/. */
  readonly newId: () => string;
}

type Invalid = { readonly ok: false; readonly error: 'invalid-input'; readonly message: string };
const invalid = (message: string): Invalid => ({ ok: false, error: 'invalid-input', message });

function checkText(text: unknown): string | Invalid {
  if (typeof text !== 'string' || text.trim().length === 0) return invalid('a note needs some text');
  if (text.length > MAX_NOTE_LENGTH) return invalid(`a note may not exceed ${MAX_NOTE_LENGTH} characters`);
  return text;
}

function checkRef(ref: unknown): PrivateNoteRef | null | Invalid {
  if (ref === undefined || ref === null) return null;
  const r = ref as { kind?: unknown; id?: unknown };
  if (
    typeof r !== 'object' ||
    !REF_KINDS.includes(r.kind as PrivateNoteRef['kind']) ||
    typeof r.id !== 'string' ||
    !MEMBER_ID.test(r.id)
  ) {
    return invalid('the note is pinned to something that is not a case entity');
  }
  return Object.freeze({ kind: r.kind as PrivateNoteRef['kind'], id: r.id });
}

const isInvalid = (v: unknown): v is Invalid =>
  typeof v === 'object' && v !== null && (v as { ok?: unknown }).ok === false;

function byTime(a: PrivateNote, b: PrivateNote): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export class MemoryPrivateNotesStore implements PrivateNotesStore {
  readonly #cases = new Map<string, Map<string, PrivateNote>>();
  readonly #listeners = new Map<string, Set<{ owner: MemberId; listener: NotesListener }>>();

  constructor(private readonly options: MemoryStoreOptions) {}

  async list(caseId: string, owner: MemberId): Promise<readonly PrivateNote[]> {
    return this.#list(caseId, owner);
  }

  async get(caseId: string, noteId: string): Promise<PrivateNote | undefined> {
    return this.#cases.get(caseId)?.get(noteId);
  }

  async add(caseId: string, note: NewPrivateNote): Promise<NotesResult<PrivateNote>> {
    if (typeof caseId !== 'string' || !ID.test(caseId)) return invalid('not a case id');
    if (typeof note?.owner !== 'string' || !MEMBER_ID.test(note.owner)) return invalid('not a member id');
    const text = checkText(note.text);
    if (isInvalid(text)) return text;
    const ref = checkRef(note.ref);
    if (isInvalid(ref)) return ref;
    const id = this.options.newId();
    if (!ID.test(id)) return invalid('the id source returned an invalid id');
    const at = this.options.now();
    const stored: PrivateNote = Object.freeze({
      id,
      caseId,
      owner: note.owner,
      text,
      ref,
      createdAt: at,
      updatedAt: at,
    });
    let notes = this.#cases.get(caseId);
    if (!notes) {
      notes = new Map();
      this.#cases.set(caseId, notes);
    }
    notes.set(id, stored);
    this.#notify(caseId, note.owner);
    return { ok: true, value: stored };
  }

  async update(caseId: string, noteId: string, patch: PrivateNotePatch): Promise<NotesResult<PrivateNote>> {
    const current = this.#cases.get(caseId)?.get(noteId);
    if (!current) return { ok: false, error: 'unknown-note', message: 'no such note' };
    const text = patch?.text === undefined ? current.text : checkText(patch.text);
    if (isInvalid(text)) return text;
    const ref = patch.ref === undefined ? current.ref : checkRef(patch.ref);
    if (isInvalid(ref)) return ref;
    const next: PrivateNote = Object.freeze({ ...current, text, ref, updatedAt: this.options.now() });
    this.#cases.get(caseId)?.set(noteId, next);
    this.#notify(caseId, current.owner);
    return { ok: true, value: next };
  }

  async remove(caseId: string, noteId: string): Promise<NotesResult<void>> {
    const notes = this.#cases.get(caseId);
    const current = notes?.get(noteId);
    if (!notes || !current) return { ok: false, error: 'unknown-note', message: 'no such note' };
    notes.delete(noteId);
    this.#notify(caseId, current.owner);
    return { ok: true, value: undefined };
  }

  async removeCase(caseId: string): Promise<number> {
    const notes = this.#cases.get(caseId);
    if (!notes) return 0;
    const owners = new Set([...notes.values()].map((n) => n.owner));
    this.#cases.delete(caseId);
    for (const owner of owners) this.#notify(caseId, owner);
    return notes.size;
  }

  subscribe(caseId: string, owner: MemberId, listener: NotesListener): () => void {
    const entry = { owner, listener };
    let set = this.#listeners.get(caseId);
    if (!set) {
      set = new Set();
      this.#listeners.set(caseId, set);
    }
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }

  #list(caseId: string, owner: MemberId): PrivateNote[] {
    return [...(this.#cases.get(caseId)?.values() ?? [])].filter((n) => n.owner === owner).sort(byTime);
  }

  #notify(caseId: string, owner: MemberId): void {
    const snapshot = this.#list(caseId, owner);
    for (const { owner: o, listener } of [...(this.#listeners.get(caseId) ?? [])]) {
      if (o === owner) listener(snapshot);
    }
  }
}
