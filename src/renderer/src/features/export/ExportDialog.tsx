/**
 * Case → Export: choose the formats (PDF, Markdown, JSON), the language, the context around each
 * pin and the redaction (secrets masked by default; addresses and names on request), then the
 * engine writes the report and the files are saved through the browser's (or Electron's)
 * download. Says what was written and what was redacted; a failure says what to do next.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { formatBytes } from '../../../../shared/format.ts';
import {
  REPORT_FORMATS,
  type ExportedFile,
  type ExportedReport,
  type ExportOptions,
  type ReportFormat,
} from '../../../../shared/reportExport.ts';
import { client } from '../../api/client.ts';
import { useDialogFocus } from '../../components/CommandPalette.tsx';
import '../../components/overlays.css';
import { useI18n } from '../../i18n/i18n.tsx';
import type { CaseNotes } from '../../lib/caseNotes.ts';

export interface ExportDialogProps {
  caseId: string;
  notes: CaseNotes;
  stage: string | null;
  options: ExportOptions;
  onOptions: (options: ExportOptions) => void;
  onClose: () => void;
}

const FORMAT_LABEL: Record<ReportFormat, string> = { pdf: 'PDF', md: 'Markdown', json: 'JSON' };

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

type Status =
  { kind: 'idle' } | { kind: 'working' } | { kind: 'done'; result: ExportedReport } | { kind: 'failed'; error: string };

export function ExportDialog(props: ExportDialogProps) {
  return createPortal(<Dialog {...props} />, document.body);
}

function Dialog({ caseId, notes, stage, options, onOptions, onClose }: ExportDialogProps) {
  const { t, num } = useI18n();
  const dialog = useRef<HTMLDivElement>(null);
  const trapTab = useDialogFocus(dialog);
  const ids = useId();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const set = (patch: Partial<ExportOptions>) => onOptions({ ...options, ...patch });
  const toggle = (format: ReportFormat) =>
    set({
      formats: options.formats.includes(format)
        ? options.formats.filter((f) => f !== format)
        : REPORT_FORMATS.filter((f) => f === format || options.formats.includes(f)),
    });

  const closeButton = useRef<HTMLButtonElement>(null);
  // Closing while the report is written leaves the engine to finish; its answer is then dropped.
  const open = useRef(true);
  useEffect(
    () => () => {
      open.current = false;
    },
    [],
  );
  const run = async (): Promise<void> => {
    setStatus({ kind: 'working' });
    const result = await client.exportReport({ caseId, notes, stage, options });
    if (!open.current) return;
    if (!result.ok) setStatus({ kind: 'failed', error: result.error });
    else {
      for (const file of result.value.files) save(file);
      setStatus({ kind: 'done', result: result.value });
    }
    // The Export button was disabled while working, which took the focus out of the dialog.
    requestAnimationFrame(() => closeButton.current?.focus());
  };

  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>): void => {
    // Modal: the views' own keys wait until it is closed (Esc is handled on the window, below).
    if (event.key !== 'Escape') event.stopPropagation();
    trapTab(event);
  };
  // Esc closes the dialog wherever the focus is (a download can take it out of the page).
  useEffect(() => {
    const onEscape = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopImmediatePropagation();
      onClose();
    };
    window.addEventListener('keydown', onEscape, true);
    return () => window.removeEventListener('keydown', onEscape, true);
  }, [onClose]);

  const redactedKinds =
    status.kind === 'done' && status.result.redaction ? Object.entries(status.result.redaction.counts) : [];
  return (
    <div className="ovl-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div
        ref={dialog}
        className="ovl-dialog exp"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${ids}-title`}
        tabIndex={-1}
        data-testid="export-dialog"
        onKeyDown={onKeyDown}
      >
        <div className="sh-head">
          <h2 id={`${ids}-title`}>{t('expTitle')}</h2>
          <button type="button" className="icon-button sh-close" onClick={onClose} aria-label={t('shClose')}>
            ×
          </button>
        </div>
        <div className="exp-body">
          <p className="muted">{t('expLead', { pins: num(notes.pins.length) })}</p>
          <fieldset className="exp-group">
            <legend>{t('expFormats')}</legend>
            {REPORT_FORMATS.map((format) => (
              <label key={format} className="exp-check">
                <input
                  type="checkbox"
                  checked={options.formats.includes(format)}
                  onChange={() => toggle(format)}
                  data-testid={`export-format-${format}`}
                />
                {FORMAT_LABEL[format]} <span className="muted">— {t(`expFormat_${format}`)}</span>
              </label>
            ))}
          </fieldset>
          <fieldset className="exp-group">
            <legend>{t('expRedaction')}</legend>
            <label className="exp-check">
              <input
                type="checkbox"
                checked={options.redactSecrets}
                onChange={(e) => set({ redactSecrets: e.target.checked })}
                data-testid="export-redact"
              />
              {t('expRedactSecrets')}
            </label>
            <label className="exp-check">
              <input
                type="checkbox"
                checked={options.redactNetwork}
                onChange={(e) => set({ redactNetwork: e.target.checked })}
                data-testid="export-redact-network"
              />
              {t('expRedactNetwork')}
            </label>
            {!options.redactSecrets && (
              <p className="exp-warning" role="note">
                {t('expRedactOffWarning')}
              </p>
            )}
          </fieldset>
          <div className="exp-row">
            <label className="exp-field">
              {t('expLanguage')}
              <select
                className="input"
                value={options.language}
                onChange={(e) => set({ language: e.target.value === 'zh' ? 'zh' : 'en' })}
                data-testid="export-language"
              >
                <option value="en">English</option>
                <option value="zh">中文</option>
              </select>
            </label>
            <label className="exp-field">
              {t('expContext')}
              <input
                className="input"
                type="number"
                min={0}
                max={500}
                value={options.contextLines}
                onChange={(e) =>
                  set({ contextLines: Math.max(0, Math.min(500, Math.floor(Number(e.target.value) || 0))) })
                }
                data-testid="export-context"
              />
            </label>
          </div>
          {status.kind === 'failed' && (
            <div className="notice notice-error" role="alert" data-testid="export-error">
              <div className="notice-body">
                <p className="notice-title">{t('expFailed')}</p>
                <p className="notice-detail">{status.error}</p>
                <p>{t('expFailedNext')}</p>
              </div>
            </div>
          )}
          {status.kind === 'done' && (
            <div className="exp-done" role="status" data-testid="export-done">
              <p className="exp-done-title">{t('expDone', { n: num(status.result.files.length) })}</p>
              <ul className="exp-files">
                {status.result.files.map((f) => (
                  <li key={f.fileName}>
                    <span className="mono">{f.fileName}</span> <span className="muted">{formatBytes(f.bytes)}</span>
                  </li>
                ))}
              </ul>
              <p className="muted" data-testid="export-redaction">
                {status.result.redaction
                  ? redactedKinds.length === 0
                    ? t('expRedactedNone')
                    : t('expRedacted', {
                        what: redactedKinds.map(([kind, n]) => `${kind} × ${num(n ?? 0)}`).join(', '),
                      })
                  : t('expNotRedacted')}
              </p>
            </div>
          )}
        </div>
        <div className="exp-actions">
          <button ref={closeButton} type="button" className="button" onClick={onClose}>
            {status.kind === 'done' ? t('expClose') : t('expCancel')}
          </button>
          <button
            type="button"
            className="button button-primary"
            onClick={() => void run()}
            disabled={status.kind === 'working' || options.formats.length === 0}
            data-testid="export-run"
          >
            {status.kind === 'working' ? t('expWorking') : status.kind === 'done' ? t('expAgain') : t('expRun')}
          </button>
        </div>
      </div>
    </div>
  );
}
