import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileDialogDeps } from '../../electron/main/file-dialogs';
import {
  PDF_PRINT_OPTIONS,
  PdfExporter,
  PrintJobs,
  type PrintWindowLike,
} from '../../electron/main/pdf-export';

const PDF = new TextEncoder().encode('%PDF-1.7\n…');

/** A hidden print window whose page signals ready (or not) after loading. */
function fakeWindow(
  jobs: PrintJobs,
  id: number,
  behaviour: { ready?: boolean; loadFails?: boolean; printFails?: boolean },
) {
  const log: string[] = [];
  const window: PrintWindowLike & { log: string[]; destroyed: boolean } = {
    log,
    destroyed: false,
    webContents: {
      id,
      async printToPDF(options) {
        log.push(`print ${JSON.stringify(options)}`);
        if (behaviour.printFails) throw new Error('printing failed');
        return PDF;
      },
    },
    async loadURL(url) {
      log.push(`load ${url}`);
      if (behaviour.loadFails) throw new Error('ERR_FILE_NOT_FOUND');
      // The print view renders asynchronously, then calls print.ready().
      if (behaviour.ready !== false) setTimeout(() => jobs.signal(id), 5);
    },
    isDestroyed: () => window.destroyed,
    destroy: () => {
      log.push('destroy');
      window.destroyed = true;
    },
  };
  return window;
}

function fakeFiles(choice: string | null) {
  const written: { filePath: string; bytes: Uint8Array; mode: number }[] = [];
  const dialogs: unknown[] = [];
  const files: FileDialogDeps = {
    defaultDir: '/home/ada/Documents',
    showSaveDialog: async (options) => {
      dialogs.push(options);
      return choice ? { canceled: false, filePath: choice } : { canceled: true };
    },
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    writeFile: async (filePath, bytes, mode) => void written.push({ filePath, bytes, mode }),
    fileSize: async () => 0,
    readFile: async () => new Uint8Array(),
  };
  return { files, written, dialogs };
}

function setup(
  behaviour: Parameters<typeof fakeWindow>[2],
  choice: string | null = '/home/ada/Documents/out.pdf',
) {
  const jobs = new PrintJobs();
  const windows: ReturnType<typeof fakeWindow>[] = [];
  const { files, written, dialogs } = fakeFiles(choice);
  const exporter = new PdfExporter({
    openPrintWindow: () => {
      const window = fakeWindow(jobs, 100 + windows.length, behaviour);
      windows.push(window);
      return window;
    },
    printUrl: (caseId) => `app://casepact/#/print/${caseId}`,
    jobs,
    files,
    readyTimeoutMs: 200,
  });
  return { exporter, windows, written, dialogs, jobs };
}

describe('PdfExporter', () => {
  it('loads the print route, waits for ready, prints, closes the window, then saves where the user chose', async () => {
    const { exporter, windows, written, dialogs } = setup({});
    const result = await exporter.export({ caseId: 'c1', suggestedName: 'Boot failure – v3' });
    expect(result).toEqual({ ok: true, value: { fileName: 'out.pdf' } });
    expect(windows[0]?.log).toEqual([
      'load app://casepact/#/print/c1',
      `print ${JSON.stringify(PDF_PRINT_OPTIONS)}`,
      'destroy',
    ]);
    expect(dialogs).toEqual([
      {
        title: 'Save the contract as PDF',
        defaultPath: path.join('/home/ada/Documents', 'Boot failure – v3.pdf'),
        filters: [{ name: 'PDF document', extensions: ['pdf'] }],
      },
    ]);
    expect(written).toEqual([{ filePath: '/home/ada/Documents/out.pdf', bytes: PDF, mode: 0o644 }]);
  });

  it('prints backgrounds on A4 with the page size the print view’s CSS sets', () => {
    expect(PDF_PRINT_OPTIONS).toMatchObject({
      printBackground: true,
      pageSize: 'A4',
      preferCSSPageSize: true,
    });
  });

  it('adds .pdf when the user typed a name without an extension', async () => {
    const { exporter, written } = setup({}, '/tmp/contract');
    expect(await exporter.export({ caseId: 'c1', suggestedName: 'x' })).toEqual({
      ok: true,
      value: { fileName: 'contract.pdf' },
    });
    expect(written[0]?.filePath).toBe('/tmp/contract.pdf');
  });

  it('gives up when the print view never says ready: no PDF, no dialog, window closed', async () => {
    const { exporter, windows, written, dialogs } = setup({ ready: false });
    expect(await exporter.export({ caseId: 'c1', suggestedName: 'x' })).toEqual({
      ok: false,
      error: { code: 'print-timeout' },
    });
    expect(windows[0]?.log).toEqual(['load app://casepact/#/print/c1', 'destroy']);
    expect(dialogs).toEqual([]);
    expect(written).toEqual([]);
  });

  it('reports a page that fails to load, and closes its window', async () => {
    const { exporter, windows } = setup({ loadFails: true });
    expect(await exporter.export({ caseId: 'c1', suggestedName: 'x' })).toEqual({
      ok: false,
      error: { code: 'print-failed' },
    });
    expect(windows[0]?.destroyed).toBe(true);
  });

  it('reports a failed print, and closes its window', async () => {
    const { exporter, windows, written } = setup({ printFails: true });
    expect(await exporter.export({ caseId: 'c1', suggestedName: 'x' })).toEqual({
      ok: false,
      error: { code: 'print-failed' },
    });
    expect(windows[0]?.destroyed).toBe(true);
    expect(written).toEqual([]);
  });

  it('writes nothing when the user cancels the dialog', async () => {
    const { exporter, written } = setup({}, null);
    expect(await exporter.export({ caseId: 'c1', suggestedName: 'x' })).toEqual({
      ok: false,
      error: { code: 'cancelled' },
    });
    expect(written).toEqual([]);
  });

  it('runs one export at a time', async () => {
    const { exporter, windows } = setup({});
    const first = exporter.export({ caseId: 'c1', suggestedName: 'a' });
    expect(await exporter.export({ caseId: 'c2', suggestedName: 'b' })).toEqual({
      ok: false,
      error: { code: 'busy' },
    });
    expect((await first).ok).toBe(true);
    expect(windows).toHaveLength(1);
    expect((await exporter.export({ caseId: 'c3', suggestedName: 'c' })).ok).toBe(true);
  });

  it('ignores ready signals from pages it is not printing', () => {
    const jobs = new PrintJobs();
    expect(jobs.signal(1)).toBe(false);
  });
});
