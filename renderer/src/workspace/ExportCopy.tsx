import { useState } from 'react';
import { Button } from '../components/Button';
import { ProgressBar } from '../components/ProgressBar';
import { useToasts } from '../components/Toasts';
import type { CaseSession } from '../core/case-session';
import { downloadFile } from '../core/download';
import type { Platform } from '../platform';

/** A file name from the case title: letters, digits and dashes only. */
export function copyFileName(title: string): string {
  const base =
    title
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'case';
  return `${base}.casepact`;
}

/**
 * Exports the signed copy with visible progress. With a platform, the host saves it (desktop save
 * dialog, or the browser's download); without one, the browser downloads the file directly.
 */
export function ExportCopy({
  session,
  title,
  platform,
}: {
  session: CaseSession;
  title: string;
  platform?: Platform;
}) {
  const show = useToasts((s) => s.show);
  const [progress, setProgress] = useState<{ fraction: number; label: string }>();

  async function run() {
    setProgress({ fraction: 0, label: 'Preparing your signed copy…' });
    try {
      const bytes = await session.exportSignedCopy((fraction, label) => setProgress({ fraction, label }));
      const name = copyFileName(title);
      if (!platform) {
        downloadFile(name, bytes);
        show({ tone: 'ok', title: 'Signed copy exported', body: name });
        return;
      }
      const saved = await platform.exportSignedCopy(bytes, name);
      if (saved.ok) show({ tone: 'ok', title: 'Signed copy exported', body: saved.value.fileName ?? name });
      else if (saved.error.code !== 'cancelled')
        show({ tone: 'warn', title: 'The copy was not saved', body: saved.error.message });
    } catch {
      show({
        tone: 'danger',
        title: 'The copy could not be exported',
        body: 'Reload the case and try again.',
      });
    } finally {
      setProgress(undefined);
    }
  }

  async function pdf() {
    if (!platform) return;
    const r = await platform.exportPdf({ caseId: session.caseId, suggestedName: title });
    if (!r.ok && r.error.code !== 'cancelled')
      show({ tone: 'warn', title: 'The contract was not printed', body: r.error.message });
  }

  return progress ? (
    <ProgressBar fraction={progress.fraction} label={progress.label} />
  ) : (
    <div className="button-row">
      <Button onClick={() => void run()} data-testid="export-copy">
        Export signed copy
      </Button>
      {platform && (
        <Button variant="ghost" onClick={() => void pdf()} data-testid="export-pdf">
          Printable contract (PDF)
        </Button>
      )}
    </div>
  );
}
