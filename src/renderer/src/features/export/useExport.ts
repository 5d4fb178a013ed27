/**
 * The export dialog's state: idle → writing → done (the files saved) or failed. The engine writes
 * the report; the files come back as bytes and are saved through a download.
 */
import { useEffect, useRef, useState } from 'react';
import type { ExportedFile, ExportedReport, ExportOptions, ReportFormat } from '../../../../shared/reportExport.ts';
import { client } from '../../api/client.ts';
import type { CaseNotes } from '../../lib/caseNotes.ts';
import { canExport, toggleFormat } from './exportOptions.ts';

export type ExportStatus =
  { kind: 'idle' } | { kind: 'working' } | { kind: 'done'; result: ExportedReport } | { kind: 'failed'; error: string };

/** Saves one file through a download (the bytes came from the engine; nothing is fetched). */
function save(file: ExportedFile): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the object URL; free it once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export interface ExportInput {
  caseId: string;
  notes: CaseNotes;
  stage: string | null;
  options: ExportOptions;
  onOptions: (options: ExportOptions) => void;
  /** Called once the engine answered and the dialog is still open. */
  onSettled: () => void;
}

export function useExport({ caseId, notes, stage, options, onOptions, onSettled }: ExportInput) {
  const [status, setStatus] = useState<ExportStatus>({ kind: 'idle' });
  // Closing while the report is written leaves the engine to finish; its answer is then dropped.
  const open = useRef(true);
  useEffect(
    () => () => {
      open.current = false;
    },
    [],
  );

  const set = (patch: Partial<ExportOptions>): void => onOptions({ ...options, ...patch });
  const toggle = (format: ReportFormat): void => set({ formats: toggleFormat(options.formats, format) });

  const run = async (): Promise<void> => {
    setStatus({ kind: 'working' });
    const result = await client.exportReport({ caseId, notes, stage, options });
    if (!open.current) return;
    if (!result.ok) setStatus({ kind: 'failed', error: result.error });
    else {
      for (const file of result.value.files) save(file);
      setStatus({ kind: 'done', result: result.value });
    }
    onSettled();
  };

  return { status, set, toggle, run, canRun: canExport(options, status.kind === 'working') };
}
