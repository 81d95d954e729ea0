/** Private notes: a local store that never touches the shared case document. */
export * from './private-notes';
export { MemoryPrivateNotesStore, type MemoryStoreOptions } from './memory-store';
