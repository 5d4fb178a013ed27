/** The case zone (Files view): the zone of times written without an offset, unless a file has its own. */
import { useId, useState } from 'react';
import type { ZoneSpec } from '../../../../shared/model.ts';
import { checkZone } from '../../../../shared/time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { localZoneLabel } from '../../lib/display.ts';
import { OTHER_ZONE, ZONE_CHOICES, zoneChoiceLabel } from './timeSettingsView.ts';
import type { ApplyState } from './useTimeSettings.ts';
import './TimeSettings.css';

export function CaseZoneControl({
  zone,
  state,
  onApply,
}: {
  zone: ZoneSpec;
  state: ApplyState;
  onApply: (zone: ZoneSpec) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const listed = ZONE_CHOICES.includes(zone);
  const [choice, setChoice] = useState<string>(listed ? zone : OTHER_ZONE);
  const [other, setOther] = useState(listed ? '' : zone);
  const next = choice === OTHER_ZONE ? other.trim() : choice;
  const valid = next !== '' && next.length <= 64 && checkZone(next) === null;
  const applying = state.kind === 'applying';
  const local = localZoneLabel();
  return (
    <form
      className="case-zone"
      title={t('tsCaseZoneTitle')}
      data-testid="case-zone"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid && next !== zone && !applying) onApply(next);
      }}
    >
      <label htmlFor={`${id}-zone`} className="muted">
        {t('tsCaseZone')}
      </label>
      <select
        id={`${id}-zone`}
        className="input"
        value={choice}
        onChange={(e) => setChoice(e.target.value)}
        data-testid="case-zone-select"
      >
        {ZONE_CHOICES.map((z) => (
          <option key={z} value={z}>
            {zoneChoiceLabel(z, local)}
          </option>
        ))}
        <option value={OTHER_ZONE}>{t('tsZoneOther')}</option>
      </select>
      {choice === OTHER_ZONE && (
        <input
          className="input mono case-zone-other"
          aria-label={t('tsZoneOtherLabel')}
          placeholder={t('tsCaseZoneOtherPlaceholder')}
          value={other}
          aria-invalid={!valid}
          onChange={(e) => setOther(e.target.value)}
          data-testid="case-zone-other"
        />
      )}
      {next !== zone && (
        <button type="submit" className="button" disabled={!valid || applying} data-testid="case-zone-apply">
          {applying ? t('tsApplying') : t('tsCaseZoneApply')}
        </button>
      )}
    </form>
  );
}
