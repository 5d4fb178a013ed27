/**
 * Case → Export: choose the formats (PDF, Markdown, JSON), the language, the context around each
 * pin and the redaction (secrets masked by default; addresses and names on request), then the
 * engine writes the report and the files are saved through the browser's (or Electron's)
 * download. Says what was written and what was redacted; a failure says what to do next.
 */
import { useId, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { formatBytes } from '../../../../shared/format.ts';
import { REPORT_FORMATS, type ExportOptions, type ReportFormat } from '../../../../shared/reportExport.ts';
import { useDialogFocus } from '../../components/CommandPalette.tsx';
import '../../components/overlays.css';
import { useI18n } from '../../i18n/i18n.tsx';
import type { CaseNotes } from '../../lib/caseNotes.ts';
import { MAX_CONTEXT_LINES, contextLinesOf, languageOf, redactionOutcome } from './exportOptions.ts';
import { useExport } from './useExport.ts';
import { ModalShell, useEscapeCloses } from '../../components/ModalShell.tsx';

export interface ExportDialogProps {
  caseId: string;
  notes: CaseNotes;
  stage: string | null;
  options: ExportOptions;
  onOptions: (options: ExportOptions) => void;
  onClose: () => void;
}

const FORMAT_LABEL: Record<ReportFormat, string> = { pdf: 'PDF', md: 'Markdown', json: 'JSON' };

export function ExportDialog(props: ExportDialogProps) {
  return createPortal(<Dialog {...props} />, document.body);
}

function Dialog({ caseId, notes, stage, options, onOptions, onClose }: ExportDialogProps) {
  const { t, num } = useI18n();
  const dialog = useRef<HTMLDivElement>(null);
  const trapTab = useDialogFocus(dialog);
  const ids = useId();
  const closeButton = useRef<HTMLButtonElement>(null);
  const { status, set, toggle, run, canRun } = useExport({
    caseId,
    notes,
    stage,
    options,
    onOptions,
    // The Export button was disabled while working, which took the focus out of the dialog.
    onSettled: () => requestAnimationFrame(() => closeButton.current?.focus()),
  });

  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>): void => {
    // Modal: the views' own keys wait until it is closed (Esc is handled on the window, below).
    if (event.key !== 'Escape') event.stopPropagation();
    trapTab(event);
  };
  useEscapeCloses(onClose);

  const redaction = status.kind === 'done' ? redactionOutcome(status.result) : null;
  return (
    <ModalShell
      dialogRef={dialog}
      className="exp"
      testId="export-dialog"
      titleId={`${ids}-title`}
      title={t('expTitle')}
      onClose={onClose}
      onKeyDown={onKeyDown}
    >
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
              onChange={(e) => set({ language: languageOf(e.target.value) })}
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
              max={MAX_CONTEXT_LINES}
              value={options.contextLines}
              onChange={(e) => set({ contextLines: contextLinesOf(e.target.value) })}
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
              {redaction?.kind === 'masked'
                ? t('expRedacted', { what: redaction.counts.map(([kind, n]) => `${kind} × ${num(n)}`).join(', ') })
                : t(redaction?.kind === 'nothing' ? 'expRedactedNone' : 'expNotRedacted')}
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
          disabled={!canRun}
          data-testid="export-run"
        >
          {status.kind === 'working' ? t('expWorking') : status.kind === 'done' ? t('expAgain') : t('expRun')}
        </button>
      </div>
    </ModalShell>
  );
}
