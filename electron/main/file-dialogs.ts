import path from 'node:path';
import type { OpenedFile, OpenFileError, Result, SavedFile, SaveError } from '../ipc/contract';
import { sanitizeFileName } from '../ipc/file-names';

/**
 * Files leave and enter the app only through a dialog the user answers: the page names a
 * suggestion, never a path, and learns back only the file's name.
 */

/** What saving and opening need of Electron's dialog and of the file system. */
export interface FileDialogDeps {
  showSaveDialog(options: {
    readonly title: string;
    readonly defaultPath: string;
    readonly filters: { name: string; extensions: string[] }[];
  }): Promise<{ readonly canceled: boolean; readonly filePath?: string | undefined }>;
  showOpenDialog(options: {
    readonly title: string;
    readonly filters: { name: string; extensions: string[] }[];
    readonly properties: 'openFile'[];
  }): Promise<{ readonly canceled: boolean; readonly filePaths: readonly string[] }>;
  writeFile(filePath: string, bytes: Uint8Array, mode: number): Promise<void>;
  fileSize(filePath: string): Promise<number>;
  readFile(filePath: string): Promise<Uint8Array>;
  /** Where save dialogs start (the user's documents folder). */
  readonly defaultDir: string;
}

/** The kinds of file the app writes and reads, each with its extension and dialog text. */
export interface FileKind {
  readonly title: string;
  readonly filterName: string;
  readonly extension: string;
  /** Owner-only permissions for files that should not be shared (identity backups). */
  readonly privateFile: boolean;
}

export const FILE_KINDS = {
  pdf: {
    title: 'Save the contract as PDF',
    filterName: 'PDF document',
    extension: 'pdf',
    privateFile: false,
  },
  signedCopy: {
    title: 'Save the signed copy',
    filterName: 'Casepact signed copy',
    extension: 'casepact',
    privateFile: false,
  },
  identityBackup: {
    title: 'Save the identity backup',
    filterName: 'Casepact identity backup',
    extension: 'casepact-identity',
    privateFile: true,
  },
} as const satisfies Record<string, FileKind>;

/** The path the user chose, with the kind's extension added when they typed none. */
export function withExtension(filePath: string, extension: string): string {
  return path.extname(filePath) === '' ? `${filePath}.${extension}` : filePath;
}

/** Asks where to save, then writes. Cancelling is an answer, not an error to log. */
export async function saveWithDialog(
  bytes: Uint8Array,
  suggestedName: string,
  kind: FileKind,
  deps: FileDialogDeps,
): Promise<Result<SavedFile, SaveError>> {
  const choice = await deps.showSaveDialog({
    title: kind.title,
    defaultPath: path.join(deps.defaultDir, sanitizeFileName(suggestedName, kind.extension)),
    filters: [{ name: kind.filterName, extensions: [kind.extension] }],
  });
  if (choice.canceled || !choice.filePath) return { ok: false, error: { code: 'cancelled' } };
  const target = withExtension(choice.filePath, kind.extension);
  try {
    await deps.writeFile(target, bytes, kind.privateFile ? 0o600 : 0o644);
  } catch {
    return { ok: false, error: { code: 'write-failed' } };
  }
  return { ok: true, value: { fileName: path.basename(target) } };
}

/** Asks which file to open and reads it, refusing files above `maxBytes` before reading. */
export async function openWithDialog(
  kind: FileKind,
  maxBytes: number,
  deps: FileDialogDeps,
): Promise<Result<OpenedFile, OpenFileError>> {
  const choice = await deps.showOpenDialog({
    title: kind.title.replace(/^Save/, 'Open'),
    filters: [
      { name: kind.filterName, extensions: [kind.extension] },
      { name: 'All files', extensions: ['*'] },
    ],
    properties: ['openFile'],
  });
  const filePath = choice.filePaths[0];
  if (choice.canceled || !filePath) return { ok: false, error: { code: 'cancelled' } };
  try {
    if ((await deps.fileSize(filePath)) > maxBytes)
      return { ok: false, error: { code: 'too-large', maxBytes } };
    const bytes = await deps.readFile(filePath);
    if (bytes.length > maxBytes) return { ok: false, error: { code: 'too-large', maxBytes } };
    return { ok: true, value: { fileName: path.basename(filePath), bytes } };
  } catch {
    return { ok: false, error: { code: 'read-failed' } };
  }
}
