/**
 * The Case tab: the engineer's problem statement, the evidence they pinned (each with a note),
 * and the conclusion. Kept per bundle on this machine; Export writes the case report from it.
 */
import { useState, type ReactNode } from 'react';
import type { ExportOptions } from '../../../shared/reportExport.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { LEVEL_KEYS } from '../i18n/strings.ts';
import type { CaseNotes, Pin } from '../lib/caseNotes.ts';
import { formatLocalTime } from '../lib/display.ts';
import type { CaseNavigation } from './caseNavigation.ts';
import { ExportDialog } from '../features/export/ExportDialog.tsx';
import { NotesTransfer } from './NotesTransfer.tsx';
import { SimilarCases } from '../features/library/SimilarCases.tsx';
import './navigation.css';

interface Props {
  caseId: string;
  notes: CaseNotes;
  onChange: (notes: CaseNotes) => void;
  /** The stage the report ranks findings for. */
  stage: string | null;
  exportOptions: ExportOptions;
  onExportOptions: (options: ExportOptions) => void;
  nav: CaseNavigation;
  /** The case's name (its bundles), for the exported notes' file name and title. */
  caseName?: string;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="case-field">
      <span>{label}</span>
      {children}
    </label>
  );
}

export function CaseView({
  caseId,
  notes,
  onChange,
  stage,
  exportOptions,
  onExportOptions,
  nav,
  caseName = 'case',
}: Props) {
  const { t } = useI18n();
  const [exporting, setExporting] = useState(false);
  const set = (patch: Partial<CaseNotes>) => onChange({ ...notes, ...patch });
  const setPin = (pin: Pin, patch: Partial<Pin>) =>
    set({ pins: notes.pins.map((p) => (p === pin ? { ...p, ...patch } : p)) });
  return (
    <section className="case" data-testid="case" aria-labelledby="case-title">
      <div className="case-head">
        <div>
          <h1 id="case-title">{t('caseTitle')}</h1>
          <p className="muted">{t('caseLead')}</p>
        </div>
        <button
          type="button"
          className="button button-primary"
          onClick={() => setExporting(true)}
          title={t('caseExportHint')}
          data-testid="export-open"
        >
          {t('caseExport')}
        </button>
      </div>
      <NotesTransfer notes={notes} onChange={onChange} caseName={caseName} />
      <div className="case-meta">
        <Field label={t('caseTicket')}>
          <input className="input" value={notes.ticket} onChange={(e) => set({ ticket: e.target.value })} />
        </Field>
        <Field label={t('caseCustomer')}>
          <input className="input" value={notes.customer} onChange={(e) => set({ customer: e.target.value })} />
        </Field>
        <Field label={t('caseEngineer')}>
          <input className="input" value={notes.engineer} onChange={(e) => set({ engineer: e.target.value })} />
        </Field>
      </div>
      <Field label={t('caseStatement')}>
        <textarea
          className="input case-text"
          rows={4}
          placeholder={t('caseStatementHint')}
          value={notes.statement}
          onChange={(e) => set({ statement: e.target.value })}
          data-testid="case-statement"
        />
      </Field>
      <h2>
        {t('casePins')} <span className="count">{notes.pins.length}</span>
      </h2>
      {notes.pins.length === 0 ? (
        <p className="empty">{t('casePinsNone')}</p>
      ) : (
        <ol className="case-pins">
          {notes.pins.map((pin) => (
            <li key={`${pin.path}:${pin.line}`} className="case-pin" data-testid="pin">
              <div className="case-pin-head">
                <span className={`pill pill-${pin.level === 'critical' ? 'critical' : pin.level}`}>
                  {t(LEVEL_KEYS[pin.level])}
                </span>
                <span className="mono">{pin.time !== null ? formatLocalTime(pin.time) : ''}</span>
                <span className="muted">{pin.component}</span>
                <button
                  type="button"
                  className="link-button mono case-pin-path"
                  title={pin.path}
                  onClick={() => nav.openPath(pin.path, pin.line)}
                >
                  {pin.path.split('/').pop()}:{pin.line}
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('caseUnpin')}
                  onClick={() => set({ pins: notes.pins.filter((p) => p !== pin) })}
                >
                  ×
                </button>
              </div>
              <pre className="case-pin-text">{pin.text}</pre>
              <textarea
                className="input"
                rows={2}
                placeholder={t('casePinNote')}
                value={pin.note}
                onChange={(e) => setPin(pin, { note: e.target.value })}
                aria-label={t('casePinNote')}
              />
            </li>
          ))}
        </ol>
      )}
      <Field label={t('caseConclusion')}>
        <textarea
          className="input case-text"
          rows={5}
          placeholder={t('caseConclusionHint')}
          value={notes.conclusion}
          onChange={(e) => set({ conclusion: e.target.value })}
          data-testid="case-conclusion"
        />
      </Field>
      <p className="muted case-saved">{t('caseSaved')}</p>
      <SimilarCases />
      {exporting && (
        <ExportDialog
          caseId={caseId}
          notes={notes}
          stage={stage}
          options={exportOptions}
          onOptions={onExportOptions}
          onClose={() => setExporting(false)}
        />
      )}
    </section>
  );
}
