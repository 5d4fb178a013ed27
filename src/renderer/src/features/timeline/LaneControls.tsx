/**
 * Above the lanes: filter them by name, the hidden ones (each shown again with a click, or all),
 * and going back to the default order once a lane was moved.
 */
import { useI18n } from '../../i18n/i18n.tsx';
import { EMPTY_LANE_VIEW, toggleHidden, type LaneView } from './laneView.ts';

interface LaneControlsProps {
  view: LaneView;
  onChange: (change: (view: LaneView) => LaneView) => void;
  /** Lanes drawn and lanes in the window. */
  shown: number;
  total: number;
}

export function LaneControls({ view, onChange, shown, total }: LaneControlsProps) {
  const { t, num } = useI18n();
  return (
    <div className="tl-lanes-bar" role="group" aria-label={t('tlLanesLabel')} data-testid="timeline-lane-controls">
      <label className="tl-lanes-filter">
        <span className="visually-hidden">{t('tlLanesFilter')}</span>
        <input
          type="search"
          className="input"
          placeholder={t('tlLanesFilterPlaceholder')}
          value={view.filter}
          onChange={(event) => onChange((v) => ({ ...v, filter: event.target.value }))}
          data-testid="timeline-lane-filter"
        />
      </label>
      <span className="muted tl-lanes-count" data-testid="timeline-lanes-shown">
        {t('tlLanesShown', { shown: num(shown), n: num(total) })}
      </span>
      {view.hidden.length > 0 && (
        <span className="tl-lanes-hidden">
          <span className="muted">{t('tlLanesHidden')}</span>
          {view.hidden.map((key) => (
            <button
              key={key}
              type="button"
              className="chip tl-lane-chip"
              title={t('tlLaneShow', { component: key })}
              aria-label={t('tlLaneShow', { component: key })}
              onClick={() => onChange((v) => toggleHidden(v, key))}
              data-testid="timeline-lane-unhide"
            >
              <span className="mono">{key}</span> <span aria-hidden="true">×</span>
            </button>
          ))}
          <button type="button" className="link" onClick={() => onChange((v) => ({ ...v, hidden: [] }))}>
            {t('tlLanesShowAll')}
          </button>
        </span>
      )}
      {view.order.length > 0 && (
        <button
          type="button"
          className="link"
          title={t('tlLanesResetOrderTitle')}
          onClick={() => onChange((v) => ({ ...v, order: EMPTY_LANE_VIEW.order }))}
          data-testid="timeline-lane-reset-order"
        >
          {t('tlLanesResetOrder')}
        </button>
      )}
    </div>
  );
}
