/**
 * Define a format, for a file that stays untimed: pick a sample line, mark its time, level and
 * message (a regex and a time layout are proposed from the line, and can be edited), see the
 * effect on the whole file as it changes, and save: the format goes to the user's formats folder
 * and the case is read again with it. Esc closes; Enter saves when the draft is valid.
 */
import { useId, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { useDialogFocus } from '../../components/CommandPalette.tsx';
import '../../components/overlays.css';
import { useI18n } from '../../i18n/i18n.tsx';
import type { StringKey } from '../../i18n/strings.ts';
import { MARK_KINDS, segmentsOf, type MarkKind } from './formatMarks.ts';
import type { DraftProblem } from './proposeFormat.ts';
import './DefineFormat.css';
import { SavedFormats } from './SavedFormats.tsx';
import { TrialPanel } from './TrialPanel.tsx';
import { useDefineFormat } from './useDefineFormat.ts';
import { ModalShell, useEscapeCloses } from '../../components/ModalShell.tsx';

export interface DefineFormatDialogProps {
  caseId: string;
  file: number;
  path: string;
  onClose: () => void;
  /** The case is being read again as `caseId`. */
  onReread: (caseId: string) => void;
}

const MARK_LABEL: Record<MarkKind, StringKey> = { ts: 'dfMark_ts', level: 'dfMark_level', msg: 'dfMark_msg' };
const PROBLEM_LABEL: Record<DraftProblem['field'], StringKey> = {
  id: 'dfProblem_id',
  pattern: 'dfProblem_pattern',
  noTimeGroup: 'dfProblem_noTimeGroup',
  layout: 'dfProblem_layout',
  sampleMissed: 'dfProblem_sampleMissed',
  sampleTime: 'dfProblem_sampleTime',
};

export function DefineFormatDialog(props: DefineFormatDialogProps) {
  return createPortal(<Dialog {...props} />, document.body);
}

function Dialog({ caseId, file, path, onClose, onReread }: DefineFormatDialogProps) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDivElement>(null);
  const lineInput = useRef<HTMLInputElement>(null);
  const trapTab = useDialogFocus(dialog);
  const ids = useId();
  const state = useDefineFormat({ caseId, file, path, onReread });
  const { chosen, marks, problem, save } = state;

  useEscapeCloses(onClose);

  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>): void => {
    // Modal: the views' own keys wait until it is closed.
    if (event.key !== 'Escape') event.stopPropagation();
    trapTab(event);
    const target = event.target as HTMLElement;
    // Enter saves, except where it means something else (a button, the list of lines, the regex box).
    if (event.key === 'Enter' && !['BUTTON', 'SELECT', 'TEXTAREA'].includes(target.tagName) && state.canSave) {
      event.preventDefault();
      void state.saveFormat();
    }
  };

  const markSelection = (kind: MarkKind): void => {
    const input = lineInput.current;
    if (!input) return;
    const start = input.selectionStart ?? 0;
    const end = input.selectionEnd ?? 0;
    state.mark(kind, start === end ? null : { start, end });
  };

  const problemText = (p: DraftProblem): string => t(PROBLEM_LABEL[p.field], { detail: 'detail' in p ? p.detail : '' });

  return (
    <ModalShell
      dialogRef={dialog}
      className="df"
      testId="define-format-dialog"
      titleId={`${ids}-title`}
      title={t('dfTitle')}
      onClose={onClose}
      onKeyDown={onKeyDown}
    >
      <div className="df-body">
        <p className="muted">{t('dfLead')}</p>
        <p className="df-file">
          <span className="df-label">{t('dfFile')}</span> <span className="mono">{path}</span>
        </p>
        {state.loadError && (
          <div className="notice notice-error" role="alert">
            <div className="notice-body">
              <p className="notice-title">{t('dfLoadFailed')}</p>
              <p className="notice-detail">{state.loadError}</p>
            </div>
          </div>
        )}
        {state.samples?.length === 0 && <p className="empty">{t('dfNoLines')}</p>}
        {state.samples && state.samples.length > 0 && chosen && (
          <>
            <label className="df-field">
              <span className="df-label">{t('dfSample')}</span>
              <select
                className="input mono"
                value={chosen.line}
                onChange={(e) => {
                  const picked = state.samples!.find((s) => s.line === Number(e.target.value));
                  if (picked) state.pick(picked);
                }}
                data-testid="df-sample"
              >
                {state.samples.slice(0, 60).map((s) => (
                  <option key={s.line} value={s.line}>
                    {`${s.line}: ${s.text.length > 110 ? `${s.text.slice(0, 110)}…` : s.text}`}
                  </option>
                ))}
              </select>
            </label>
            <div className="df-marking">
              <p className="df-hint">{t('dfSelectHint')}</p>
              <input
                ref={lineInput}
                className="input mono df-line-input"
                // Not readOnly: Chromium moves no caret and extends no selection in a read-only input,
                // and the keyboard must be able to select. Edits are undone: the value is the line's.
                aria-readonly="true"
                spellCheck={false}
                value={chosen.text}
                onChange={() => undefined}
                aria-label={t('dfSample')}
                data-testid="df-line"
              />
              <p className="df-line mono" aria-hidden="true" data-testid="df-line-marked">
                {segmentsOf(chosen.text, marks).map((piece, i) =>
                  piece.kind ? (
                    <mark key={i} className={`df-mark df-mark-${piece.kind}`} title={t(MARK_LABEL[piece.kind])}>
                      {piece.text}
                    </mark>
                  ) : (
                    <span key={i}>{piece.text}</span>
                  ),
                )}
              </p>
              <div className="df-mark-row">
                {MARK_KINDS.map((kind) => {
                  const span = marks[kind];
                  const what = t(MARK_LABEL[kind]);
                  return (
                    <div key={kind} className="df-mark-control">
                      <button
                        type="button"
                        className={`button df-mark-button df-mark-button-${kind}`}
                        // Keep the line's selection: the button must not take the focus before it reads it.
                        onMouseDown={(e) => e.preventDefault()}
                        onClick={() => markSelection(kind)}
                        title={t('dfMarkAs', { what })}
                        data-testid={`df-mark-${kind}`}
                      >
                        <span className={`df-swatch df-mark-${kind}`} aria-hidden="true" />
                        {what}
                      </button>
                      {span ? (
                        <span className="df-mark-value mono">
                          {chosen.text.slice(span.start, span.end)}
                          <button
                            type="button"
                            className="icon-button df-clear"
                            onClick={() => state.mark(kind, null)}
                            aria-label={t('dfClearMark', { what })}
                          >
                            ×
                          </button>
                        </span>
                      ) : (
                        <span className="muted df-mark-value">{t('dfUnmarked')}</span>
                      )}
                    </div>
                  );
                })}
              </div>
            </div>
            <label className="df-field">
              <span className="df-label">{t('dfPattern')}</span>
              <textarea
                className="input mono df-pattern"
                rows={2}
                spellCheck={false}
                value={state.pattern}
                onChange={(e) => state.setPattern(e.target.value)}
                aria-invalid={problem?.field === 'pattern' || problem?.field === 'noTimeGroup'}
                data-testid="df-pattern"
              />
              <span className="df-hint">{t('dfPatternHint')}</span>
            </label>
            <div className="df-row">
              <label className="df-field df-grow">
                <span className="df-label">{t('dfLayout')}</span>
                <input
                  className="input mono"
                  value={state.layout}
                  spellCheck={false}
                  onChange={(e) => state.setLayout(e.target.value)}
                  aria-invalid={problem?.field === 'layout' || problem?.field === 'sampleTime'}
                  data-testid="df-layout"
                />
                <span className="df-hint">{t('dfLayoutHint')}</span>
              </label>
              <label className="df-field">
                <span className="df-label">{t('dfId')}</span>
                <input
                  className="input mono"
                  value={state.id}
                  spellCheck={false}
                  onChange={(e) => state.setId(e.target.value)}
                  aria-invalid={problem?.field === 'id'}
                  data-testid="df-id"
                />
                <span className="df-hint">{t('dfIdHint')}</span>
              </label>
              <label className="df-field">
                <span className="df-label">{t('dfName')}</span>
                <input
                  className="input"
                  value={state.name}
                  placeholder={state.id}
                  onChange={(e) => state.setName(e.target.value)}
                  data-testid="df-name"
                />
              </label>
            </div>
            <p className={`df-problem${problem ? '' : ' df-problem-none'}`} aria-live="polite" data-testid="df-problem">
              {problem ? problemText(problem) : ''}
            </p>
            <TrialPanel trial={state.trial} />
          </>
        )}
        {save.kind === 'failed' && (
          <div className="notice notice-error" role="alert" data-testid="df-save-error">
            <div className="notice-body">
              <p className="notice-title">{t('dfSaveFailed')}</p>
              <p className="notice-detail">{save.error}</p>
              <p>{t('dfSaveFailedNext')}</p>
            </div>
          </div>
        )}
        {save.kind === 'saved' && (
          <p className="df-saved" role="status" data-testid="df-saved">
            {t('dfSaved', { path: save.path })}
          </p>
        )}
        <SavedFormats />
      </div>
      <div className="df-actions">
        <span className="muted df-keys">{t('dfKeys')}</span>
        <button type="button" className="button" onClick={onClose}>
          {t('dfCancel')}
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={() => void state.saveFormat()}
          disabled={!state.canSave}
          data-testid="df-save"
        >
          {save.kind === 'saving' ? t('dfSaving') : t('dfSave')}
        </button>
      </div>
    </ModalShell>
  );
}
