/**
 * Above the chart: the window shown and the size of a bar in words, the level filter, the zoom
 * buttons, and the selection with "Zoom to selection". Below it: the legend and the keys.
 */
import { DURATION_UNITS_EN, DURATION_UNITS_ZH, formatDuration } from '../../../../shared/format.ts';
import type { Finding } from '../../../../shared/rules/finding.ts';
import { useI18n, type Translate } from '../../i18n/i18n.tsx';
import { GROUPS } from './binning.ts';
import { GROUP_KEYS } from './BinTooltip.tsx';
import { durationUnit, formatRange, needsMs, type Span } from './timeScale.ts';

const FILTERS = [
  { query: '', label: 'tlFilterAll' },
  { query: 'level:>=warning', label: 'tlFilterWarnings' },
  { query: 'level:>=error', label: 'tlFilterErrors' },
] as const;

const UNIT_KEYS = {
  ms: ['tlUnitMs', 'tlUnitMs'],
  second: ['tlUnitSecond', 'tlUnitSeconds'],
  minute: ['tlUnitMinute', 'tlUnitMinutes'],
  hour: ['tlUnitHour', 'tlUnitHours'],
  day: ['tlUnitDay', 'tlUnitDays'],
  month: ['tlUnitMonth', 'tlUnitMonths'],
  year: ['tlUnitYear', 'tlUnitYears'],
} as const;

/** `5 minutes`, `1 hour`, `0.5 ms`. */
export function durationWords(ms: number, t: Translate, num: (n: number) => string): string {
  const { value, unit } = durationUnit(ms);
  const [one, many] = UNIT_KEYS[unit];
  return t(value === 1 ? one : many, { n: num(value) });
}

interface ToolbarProps {
  view: Span | null;
  binMs: number | null;
  loading: boolean;
  range: Span | null;
  filter: string;
  onFilter: (query: string) => void;
  canZoomIn: boolean;
  canZoomOut: boolean;
  onZoomIn: () => void;
  onZoomOut: () => void;
  onWhole: () => void;
  onZoomToSelection: () => void;
  onClearSelection: () => void;
}

export function TimelineToolbar(props: ToolbarProps) {
  const { view, binMs, loading, range, filter, onFilter } = props;
  const { t, num, lang } = useI18n();
  const units = lang === 'zh' ? DURATION_UNITS_ZH : DURATION_UNITS_EN;
  const withMs = view !== null && needsMs(view.to - view.from);
  const outside = range !== null && view !== null && (range.to < view.from || range.from > view.to);
  return (
    <div className="tl-head">
      <div className="tl-toolbar">
        <p className="tl-window" data-testid="timeline-window" data-from={view?.from} data-to={view?.to}>
          {view ? (
            <>
              <span className="tl-window-range mono">
                {t('tlShowing', { range: formatRange(view.from, view.to, withMs) })}
              </span>
              <span className="tl-window-length muted" data-testid="timeline-window-length">
                ({formatDuration(view.to - view.from, units)})
              </span>
              {binMs !== null && (
                <span className="chip tl-bin" data-testid="timeline-bin">
                  {t('tlEachBar', { size: durationWords(binMs, t, num) })}
                </span>
              )}
            </>
          ) : (
            <span className="muted">{t('tlLoading')}</span>
          )}
          <span className="tl-updating muted" aria-hidden={!loading}>
            {loading && view && (
              <>
                <span className="tl-spinner" aria-hidden="true" /> {t('tlUpdating')}
              </>
            )}
          </span>
        </p>
        <div className="tl-actions">
          <label className="tl-filter">
            <span className="visually-hidden">{t('tlFilterLabel')}</span>
            <select
              className="input tl-select"
              value={filter}
              onChange={(e) => onFilter(e.target.value)}
              data-testid="timeline-filter"
            >
              {FILTERS.map((f) => (
                <option key={f.query} value={f.query}>
                  {t(f.label)}
                </option>
              ))}
            </select>
          </label>
          <div className="tl-zoom" role="group" aria-label={t('tlZoomGroup')}>
            <button
              type="button"
              className="button"
              onClick={props.onZoomIn}
              disabled={!props.canZoomIn}
              title={t('tlZoomInTitle')}
              data-testid="timeline-zoom-in"
            >
              {t('tlZoomIn')}
            </button>
            <button
              type="button"
              className="button"
              onClick={props.onZoomOut}
              disabled={!props.canZoomOut}
              title={t('tlZoomOutTitle')}
              data-testid="timeline-zoom-out"
            >
              {t('tlZoomOut')}
            </button>
            <button
              type="button"
              className="button"
              onClick={props.onWhole}
              disabled={!props.canZoomOut}
              title={t('tlWholeTitle')}
              data-testid="timeline-whole"
            >
              {t('tlWholeCase')}
            </button>
          </div>
        </div>
      </div>
      <div className={`tl-selection${range ? ' tl-selection-on' : ''}`} data-testid="timeline-selection">
        {range ? (
          <>
            <span className="tl-selection-text">
              <span className="mono">
                {t('tlSelection', { range: formatRange(range.from, range.to, needsMs(range.to - range.from)) })}
              </span>{' '}
              <span className="muted">({formatDuration(range.to - range.from, units)})</span>
            </span>
            <span className="tl-selection-note">{outside ? t('tlSelectionOutside') : t('tlSelectionNote')}</span>
            <span className="tl-selection-actions">
              <button
                type="button"
                className="button button-primary"
                onClick={props.onZoomToSelection}
                title={t('tlZoomSelectionTitle')}
                data-testid="timeline-zoom-selection"
              >
                {t('tlZoomSelection')}
              </button>
              <button
                type="button"
                className="button"
                onClick={props.onClearSelection}
                title={t('tlClearSelectionTitle')}
                data-testid="timeline-clear-selection"
              >
                {t('tlClearSelection')}
              </button>
            </span>
          </>
        ) : (
          <span className="muted">{t('tlNoSelection')}</span>
        )}
      </div>
    </div>
  );
}

export function TimelineLegend({ view, findings }: { view: Span; findings: Finding[] }) {
  const { t, num } = useI18n();
  const shown = findings.filter(
    (f) => f.firstTime !== null && (f.lastTime ?? f.firstTime) >= view.from && f.firstTime <= view.to,
  ).length;
  return (
    <div className="tl-legend">
      <ul className="tl-legend-levels" aria-label={t('tlLegendLabel')}>
        {GROUPS.map((g) => (
          <li key={g}>
            <span className={`tl-swatch tl-bg-${g}`} aria-hidden="true" />
            {t(GROUP_KEYS[g])}
          </li>
        ))}
        <li>
          <svg className="tl-legend-marker" width="12" height="10" aria-hidden="true">
            <polygon points="6,0 0,10 12,10" />
          </svg>
          {t('tlFindingsLegend', { n: num(shown) })}
        </li>
      </ul>
      <p className="tl-legend-lanes muted" data-testid="timeline-legend-lanes">
        <svg className="tl-legend-mix" width="10" height="14" aria-hidden="true">
          <rect className="tl-fill-error" x="0" y="11" width="10" height="3" />
          <rect className="tl-fill-warning" x="0" y="7" width="10" height="4" />
          <rect className="tl-fill-info" x="0" y="0" width="10" height="7" />
        </svg>
        {t('tlLegendLanes')}
      </p>
      <p className="tl-keys muted">{t('tlKeysHint')}</p>
    </div>
  );
}
