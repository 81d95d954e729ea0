import type { PdfExportError, Result, SavedFile } from '../ipc/contract';
import { FILE_KINDS, type FileDialogDeps, saveWithDialog } from './file-dialogs';

/**
 * The printable contract: a hidden, sandboxed window (same secure options, same preload,
 * same guards as the main one) loads the renderer's print route for the case; the print
 * view renders from the local copy and calls `print.ready()`; main prints that page with
 * `webContents.printToPDF`, closes the window, and asks where to save the PDF.
 * Main never sees the contract's content except as the finished PDF bytes.
 */

/** The parts of a BrowserWindow the export uses. */
export interface PrintWindowLike {
  readonly webContents: {
    readonly id: number;
    printToPDF(options: PdfPrintOptions): Promise<Uint8Array>;
  };
  loadURL(url: string): Promise<void>;
  isDestroyed(): boolean;
  destroy(): void;
}

/** Electron PrintToPDFOptions the export sets. */
export interface PdfPrintOptions {
  readonly printBackground: boolean;
  readonly pageSize: 'A4';
  readonly preferCSSPageSize: boolean;
  readonly generateTaggedPDF: boolean;
  readonly displayHeaderFooter: boolean;
}

export const PDF_PRINT_OPTIONS: PdfPrintOptions = {
  printBackground: true,
  pageSize: 'A4',
  preferCSSPageSize: true,
  generateTaggedPDF: true,
  displayHeaderFooter: false,
};

/** Print views that have been asked for, waiting for their `print.ready()`. */
export class PrintJobs {
  private readonly waiting = new Map<number, (ready: boolean) => void>();

  /** Starts waiting for the web contents `id` before its page loads, so no signal is missed. */
  expect(id: number, timeoutMs: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => settle(false), timeoutMs);
      const settle = (ready: boolean) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        resolve(ready);
      };
      this.waiting.set(id, settle);
    });
  }

  /** A page says it is ready. False when no export waits for that page (e.g. the main window). */
  signal(id: number): boolean {
    const settle = this.waiting.get(id);
    settle?.(true);
    return settle !== undefined;
  }

  /** Stops waiting (the page failed to load, or the export is over). */
  cancel(id: number): void {
    this.waiting.get(id)?.(false);
  }
}

export interface PdfExportDeps {
  /** A new hidden window with the secure window options. */
  openPrintWindow(): PrintWindowLike;
  /** The URL of the print route for a case (app://casepact/#/print/<id> or the dev server's). */
  printUrl(caseId: string): string;
  readonly jobs: PrintJobs;
  readonly files: FileDialogDeps;
  readonly readyTimeoutMs: number;
}

export class PdfExporter {
  private running = false;

  constructor(private readonly deps: PdfExportDeps) {}

  /** One export at a time: a page cannot make main open windows without bound. */
  async export(request: {
    readonly caseId: string;
    readonly suggestedName: string;
  }): Promise<Result<SavedFile, PdfExportError>> {
    if (this.running) return { ok: false, error: { code: 'busy' } };
    this.running = true;
    try {
      const printed = await this.render(request.caseId);
      if (!printed.ok) return printed;
      return await saveWithDialog(printed.value, request.suggestedName, FILE_KINDS.pdf, this.deps.files);
    } finally {
      this.running = false;
    }
  }

  private async render(caseId: string): Promise<Result<Uint8Array, PdfExportError>> {
    const window = this.deps.openPrintWindow();
    const id = window.webContents.id;
    try {
      const ready = this.deps.jobs.expect(id, this.deps.readyTimeoutMs);
      try {
        await window.loadURL(this.deps.printUrl(caseId));
      } catch {
        this.deps.jobs.cancel(id);
        return { ok: false, error: { code: 'print-failed' } };
      }
      if (!(await ready)) return { ok: false, error: { code: 'print-timeout' } };
      const pdf = await window.webContents.printToPDF(PDF_PRINT_OPTIONS);
      return { ok: true, value: pdf };
    } catch {
      return { ok: false, error: { code: 'print-failed' } };
    } finally {
      this.deps.jobs.cancel(id);
      if (!window.isDestroyed()) window.destroy();
    }
  }
}
