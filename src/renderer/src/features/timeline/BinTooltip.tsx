/** The tooltip of one bin: its time range, the lane's component, counts per level, what a click does. */
import type { Histogram } from '../../../../shared/caseViews.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { GROUPS, type Lane, type Series } from './binning.ts';
import { formatRange, needsMs } from './timeScale.ts';

export interface HoverTarget {
  bin: number;
  /** Null over the histogram (all components). */
  lane: Lane | null;
  /** Pointer position within the chart. */
  x: number;
  y: number;
  chartWidth: number;
}

const GROUP_KEYS = {
  critical: 'tlLevelCritical',
  error: 'tlLevelError',
  warning: 'tlLevelWarning',
  info: 'tlLevelInfo',
  other: 'tlLevelOther',
} as const;
const WIDTH = 250;

export function BinTooltip({ target, hist, all }: { target: HoverTarget; hist: Histogram; all: Series }) {
  const { t, num } = useI18n();
  const series = target.lane ?? all;
  const start = hist.from + target.bin * hist.binMs;
  const total = series.total[target.bin];
  const left = target.x + 16 + WIDTH > target.chartWidth ? Math.max(0, target.x - 16 - WIDTH) : target.x + 16;
  return (
    <div
      className="tl-tooltip"
      role="tooltip"
      style={{ left, top: target.y + 16, width: WIDTH }}
      data-testid="timeline-tooltip"
    >
      <p className="tl-tip-time mono">{formatRange(start, start + hist.binMs, needsMs(hist.binMs))}</p>
      <p className="tl-tip-component">{target.lane ? target.lane.key : t('tlAllComponents')}</p>
      {total === 0 ? (
        <p className="muted">{t('tlTipNone')}</p>
      ) : (
        <table className="tl-tip-counts">
          <tbody>
            {GROUPS.map((g, i) =>
              series.byGroup[i][target.bin] > 0 ? (
                <tr key={g}>
                  <td>
                    <span className={`tl-swatch tl-bg-${g}`} aria-hidden="true" />
                    {t(GROUP_KEYS[g])}
                  </td>
                  <td className="tl-tip-n">{num(series.byGroup[i][target.bin])}</td>
                </tr>
              ) : null,
            )}
            <tr className="tl-tip-total">
              <td>{t('tlTipTotal')}</td>
              <td className="tl-tip-n">{num(total)}</td>
            </tr>
          </tbody>
        </table>
      )}
      {total > 0 && <p className="tl-tip-hint">{target.lane ? t('tlTipClickLane') : t('tlTipClickBar')}</p>}
    </div>
  );
}

export { GROUP_KEYS };
