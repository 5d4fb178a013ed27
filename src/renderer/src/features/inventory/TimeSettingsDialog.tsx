/**
 * The time of one file (Files view): the zone of its times written without an offset and the year
 * of those written without a year, or back to the guesses. Applying reads the case again.
 * Keyboard: focus starts on the first field, Tab stays inside, Enter applies, Esc cancels.
 */
import { useId, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import type { FileRecord, ZoneSpec } from '../../../../shared/model.ts';
import type { FileTimeSetting } from '../../../../shared/timeSettings.ts';
import { useDialogFocus } from '../../components/CommandPalette.tsx';
import { ModalShell, useEscapeCloses } from '../../components/ModalShell.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { localZoneLabel } from '../../lib/display.ts';
import { yearsOf } from './timeGuess.ts';
import { draftOf, OTHER_ZONE, settingOf, ZONE_CHOICES, zoneChoiceLabel, type TimeDraft } from './timeSettingsView.ts';
import type { ApplyState } from './useTimeSettings.ts';
import './TimeSettings.css';

export interface TimeSettingsDialogProps {
  file: FileRecord;
  /** The case zone as read. */
  caseZone: ZoneSpec;
  state: ApplyState;
  onApply: (setting: FileTimeSetting | null) => void;
  onClose: () => void;
}

export function TimeSettingsDialog(props: TimeSettingsDialogProps) {
  return createPortal(<Dialog {...props} />, document.body);
}

function Dialog({ file, caseZone, state, onApply, onClose }: TimeSettingsDialogProps) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDivElement>(null);
  const first = useRef<HTMLSelectElement & HTMLInputElement>(null);
  const trapTab = useDialogFocus(dialog, first);
  const ids = useId();
  const [draft, setDraft] = useState<TimeDraft>(() => draftOf(file));
  const checked = settingOf(draft);
  const problem = checked.ok ? null : checked.problem;
  const applying = state.kind === 'applying';
  const guess = file.timeGuess;
  const isSet = guess?.set !== undefined;
  const local = localZoneLabel();

  useEscapeCloses(onClose);

  const apply = (): void => {
    if (!checked.ok || applying) return;
    onApply(checked.setting);
  };
  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'Escape') event.stopPropagation();
    trapTab(event);
    const target = event.target as HTMLElement;
    if (event.key === 'Enter' && !['BUTTON', 'SELECT'].includes(target.tagName)) {
      event.preventDefault();
      apply();
    }
  };

  return (
    <ModalShell
      dialogRef={dialog}
      className="ts"
      testId="time-settings-dialog"
      titleId={`${ids}-title`}
      title={t('tsTitle')}
      onClose={onClose}
      onKeyDown={onKeyDown}
    >
      <div className="ts-body">
        <p className="muted">{t('tsLead')}</p>
        <p className="ts-file">
          <span className="ts-label">{t('tsFile')}</span> <span className="mono">{file.path}</span>
        </p>
        {guess?.zone ? (
          <div className="ts-field">
            <label className="ts-label" htmlFor={`${ids}-zone`}>
              {t('tsZone')}
            </label>
            <div className="ts-zone-row">
              <select
                id={`${ids}-zone`}
                ref={first}
                className="input"
                value={draft.zone}
                onChange={(e) => setDraft((d) => ({ ...d, zone: e.target.value }))}
                data-testid="ts-zone"
              >
                <option value="">{t('tsZoneCase', { zone: zoneChoiceLabel(caseZone, local) })}</option>
                {ZONE_CHOICES.map((zone) => (
                  <option key={zone} value={zone}>
                    {zoneChoiceLabel(zone, local)}
                  </option>
                ))}
                <option value={OTHER_ZONE}>{t('tsZoneOther')}</option>
              </select>
              {draft.zone === OTHER_ZONE && (
                <input
                  className="input mono"
                  aria-label={t('tsZoneOtherLabel')}
                  placeholder="+05:30"
                  value={draft.otherZone}
                  aria-invalid={problem?.field === 'zone'}
                  onChange={(e) => setDraft((d) => ({ ...d, otherZone: e.target.value }))}
                  data-testid="ts-zone-other"
                  autoFocus
                />
              )}
            </div>
          </div>
        ) : (
          <p className="ts-hint">{t('tsZoneNone')}</p>
        )}
        {guess?.year ? (
          <div className="ts-field">
            <label className="ts-label" htmlFor={`${ids}-year`}>
              {t('tsYear')}
            </label>
            <input
              id={`${ids}-year`}
              ref={guess.zone ? undefined : first}
              className="input mono ts-year"
              type="number"
              inputMode="numeric"
              min={1970}
              max={2100}
              placeholder={t('tsYearGuessed', { years: yearsOf(file) })}
              value={draft.year}
              aria-invalid={problem?.field === 'year'}
              onChange={(e) => setDraft((d) => ({ ...d, year: e.target.value }))}
              data-testid="ts-year"
            />
          </div>
        ) : (
          <p className="ts-hint">{t('tsYearNone')}</p>
        )}
        <p className={`ts-problem${problem ? '' : ' ts-problem-none'}`} role="alert">
          {problem?.field === 'zone' && t('tsBadZone')}
          {problem?.field === 'year' && t('tsBadYear', { min: problem.min, max: problem.max })}
        </p>
        {state.kind === 'failed' && (
          <p className="ts-problem" role="alert" data-testid="ts-failed">
            {t('tsFailed', { error: state.error })}
          </p>
        )}
      </div>
      <div className="ts-actions">
        {isSet && (
          <button
            type="button"
            className="button ts-reset"
            onClick={() => onApply(null)}
            disabled={applying}
            data-testid="ts-reset"
          >
            {t('tsReset')}
          </button>
        )}
        <button type="button" className="button" onClick={onClose}>
          {t('tsCancel')}
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={apply}
          disabled={!checked.ok || applying}
          data-testid="ts-apply"
        >
          {applying ? t('tsApplying') : t('tsApply')}
        </button>
      </div>
    </ModalShell>
  );
}
