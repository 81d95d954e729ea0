import { useState } from 'react';
import { Button } from '../components/Button';
import { ProgressBar } from '../components/ProgressBar';
import { useToasts } from '../components/Toasts';
import type { CaseSession } from '../core/case-session';
import { downloadFile } from '../core/download';

/** A file name from the case title: letters, digits and dashes only. */
export function copyFileName(title: string): string {
  const base =
    title
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'case';
  return `${base}.casepact-copy`;
}

/**
 * Exports the signed copy with visible progress. `save` hands the bytes to the host (desktop save
 * dialog); without one, the browser downloads the file.
 */
export function ExportCopy({
  session,
  title,
  save,
}: {
  session: CaseSession;
  title: string;
  save?: (bytes: Uint8Array, name: string) => Promise<string | undefined>;
}) {
  const show = useToasts((s) => s.show);
  const [progress, setProgress] = useState<{ fraction: number; label: string }>();

  async function run() {
    setProgress({ fraction: 0, label: 'Preparing your signed copy…' });
    try {
      const bytes = await session.exportSignedCopy((fraction, label) => setProgress({ fraction, label }));
      const name = copyFileName(title);
      let problem: string | undefined;
      if (save) problem = await save(bytes, name);
      else downloadFile(name, bytes);
      if (problem) show({ tone: 'warn', title: 'The copy was not saved', body: problem });
      else show({ tone: 'ok', title: 'Signed copy exported', body: name });
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

  return progress ? (
    <ProgressBar fraction={progress.fraction} label={progress.label} />
  ) : (
    <Button onClick={() => void run()} data-testid="export-copy">
      Export signed copy
    </Button>
  );
}
