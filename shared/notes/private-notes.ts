/**
 * Private notes: what one member writes for itself about a case ("customer sounded upset",
 * "check with legal before agreeing"). They never enter the case's Y.Doc, are never synced or
 * signed, and never leave the device. The store is a port: the core and UI see only this
 * interface; adapters (in-memory here, IndexedDB / file-backed later) implement it.
 */
import type { MemberId } from '../contract';

/** What a note is about, when it is pinned to something in the case. */
export interface PrivateNoteRef {
  readonly kind: 'case' | 'party' | 'topic' | 'action' | 'data-item' | 'proposal' | 'message';
  readonly id: string;
}

export interface PrivateNote {
  readonly id: string;
  readonly caseId: string;
  /** The local identity the note belongs to (several identities may share one device). */
  readonly owner: MemberId;
  readonly text: string;
  readonly ref: PrivateNoteRef | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface NewPrivateNote {
  readonly owner: MemberId;
  readonly text: string;
  readonly ref?: PrivateNoteRef | null;
}

export interface PrivateNotePatch {
  readonly text?: string;
  /** null unpins the note. */
  readonly ref?: PrivateNoteRef | null;
}

export type NotesErrorCode = 'invalid-input' | 'unknown-note';

export type NotesResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: NotesErrorCode; readonly message: string };

/** Called with the owner's current notes of a case after every change to them. */
export type NotesListener = (notes: readonly PrivateNote[]) => void;

export interface PrivateNotesStore {
  /** The owner's notes on a case, oldest first (ties by id). */
  list(caseId: string, owner: MemberId): Promise<readonly PrivateNote[]>;
  /** One note, or undefined. */
  get(caseId: string, noteId: string): Promise<PrivateNote | undefined>;
  /** Adds a note; refuses empty or over-long text and malformed ids with 'invalid-input'. */
  add(caseId: string, note: NewPrivateNote): Promise<NotesResult<PrivateNote>>;
  /** Changes a note's text and/or pin; 'unknown-note' if it does not exist. */
  update(caseId: string, noteId: string, patch: PrivateNotePatch): Promise<NotesResult<PrivateNote>>;
  /** Deletes a note (private notes, unlike the contract, really are deleted). */
  remove(caseId: string, noteId: string): Promise<NotesResult<void>>;
  /** Deletes every note of a case (when the case is removed from the device); returns how many. */
  removeCase(caseId: string): Promise<number>;
  /** Listens to one owner's notes on one case; returns the unsubscribe function. */
  subscribe(caseId: string, owner: MemberId, listener: NotesListener): () => void;
}

/** Longest note text, in UTF-16 code units. */
export const MAX_NOTE_LENGTH = 20_000;
