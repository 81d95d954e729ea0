import { describe, expect, it } from 'vitest';
import { sanitizeFileName } from '../../electron/ipc/file-names';
import {
  FILE_KINDS,
  type FileDialogDeps,
  openWithDialog,
  saveWithDialog,
  withExtension,
} from '../../electron/main/file-dialogs';

function deps(options: { save?: string | null; open?: string | null; size?: number } = {}) {
  const written: { filePath: string; mode: number }[] = [];
  let reads = 0;
  const files: FileDialogDeps = {
    defaultDir: '/home/ada/Documents',
    showSaveDialog: async () =>
      options.save ? { canceled: false, filePath: options.save } : { canceled: true },
    showOpenDialog: async () =>
      options.open ? { canceled: false, filePaths: [options.open] } : { canceled: true, filePaths: [] },
    writeFile: async (filePath, _bytes, mode) => void written.push({ filePath, mode }),
    fileSize: async () => options.size ?? 10,
    readFile: async () => {
      reads++;
      return new Uint8Array(options.size ?? 10);
    },
  };
  return { files, written, reads: () => reads };
}

describe('sanitizeFileName', () => {
  it.each([
    ['Boot failure – v3', 'pdf', 'Boot failure – v3.pdf'],
    ['contract.pdf', 'pdf', 'contract.pdf'],
    ['../../../etc/passwd', 'pdf', 'passwd.pdf'],
    ['C:\\Windows\\System32\\evil', 'pdf', 'evil.pdf'],
    ['.bashrc', 'casepact', 'bashrc.casepact'],
    ['a<b>c:d"e|f?g*h', 'pdf', 'a-b-c-d-e-f-g-h.pdf'],
    ['line\nbreak\u0000', 'pdf', 'line-break-.pdf'],
    ['CON', 'pdf', 'casepact.pdf'],
    ['...', 'pdf', 'casepact.pdf'],
    ['x'.repeat(300), 'pdf', `${'x'.repeat(120)}.pdf`],
  ])('%j → %s', (suggested, extension, expected) => {
    expect(sanitizeFileName(suggested, extension)).toBe(expected);
  });
});

describe('saveWithDialog', () => {
  it('writes where the user chose and answers the file name only', async () => {
    const { files, written } = deps({ save: '/home/ada/Desktop/copy.casepact' });
    const result = await saveWithDialog(new Uint8Array(3), 'x', FILE_KINDS.signedCopy, files);
    expect(result).toEqual({ ok: true, value: { fileName: 'copy.casepact' } });
    expect(written).toEqual([{ filePath: '/home/ada/Desktop/copy.casepact', mode: 0o644 }]);
  });

  it('writes identity backups readable by their owner only', async () => {
    const { files, written } = deps({ save: '/home/ada/me' });
    await saveWithDialog(new Uint8Array(3), 'me', FILE_KINDS.identityBackup, files);
    expect(written).toEqual([{ filePath: '/home/ada/me.casepact-identity', mode: 0o600 }]);
  });

  it('writes nothing when cancelled, and reports a failed write', async () => {
    const cancelled = deps();
    expect(await saveWithDialog(new Uint8Array(1), 'x', FILE_KINDS.pdf, cancelled.files)).toEqual({
      ok: false,
      error: { code: 'cancelled' },
    });
    expect(cancelled.written).toEqual([]);
    const failing = deps({ save: '/readonly/x.pdf' });
    failing.files.writeFile = async () => {
      throw new Error('EACCES: permission denied, open /readonly/x.pdf');
    };
    expect(await saveWithDialog(new Uint8Array(1), 'x', FILE_KINDS.pdf, failing.files)).toEqual({
      ok: false,
      error: { code: 'write-failed' },
    });
  });

  it('keeps an extension the user typed', () => {
    expect(withExtension('/a/b.txt', 'pdf')).toBe('/a/b.txt');
    expect(withExtension('/a/b', 'pdf')).toBe('/a/b.pdf');
  });
});

describe('openWithDialog', () => {
  it('reads the chosen file and answers its name and bytes', async () => {
    const { files } = deps({ open: '/home/ada/me.casepact-identity', size: 20 });
    expect(await openWithDialog(FILE_KINDS.identityBackup, 100, files)).toEqual({
      ok: true,
      value: { fileName: 'me.casepact-identity', bytes: new Uint8Array(20) },
    });
  });

  it('refuses a file above the limit without reading it', async () => {
    const opened = deps({ open: '/dev/zero-like', size: 10_000_000 });
    expect(await openWithDialog(FILE_KINDS.identityBackup, 65536, opened.files)).toEqual({
      ok: false,
      error: { code: 'too-large', maxBytes: 65536 },
    });
    expect(opened.reads()).toBe(0);
  });

  it('answers cancelled when nothing was chosen', async () => {
    expect(await openWithDialog(FILE_KINDS.identityBackup, 100, deps().files)).toEqual({
      ok: false,
      error: { code: 'cancelled' },
    });
  });
});
