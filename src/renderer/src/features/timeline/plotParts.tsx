/**
 * The timeline's drawings, each a memoized SVG so that hovering redraws nothing: the stacked
 * level histogram, the time axis with the finding markers, and one lane of cells per component
 * (each cell split by the share of each level in it).
 * Bars are placed by time (not by bin index), so old data stays in place while a new zoom loads.
 */
import { memo, useMemo, type KeyboardEvent } from 'react';
import type { Histogram } from '../../../../shared/caseViews.ts';
import type { Finding } from '../../../../shared/rules/finding.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { GROUPS, levelMix, type Series } from './binning.ts';
import { MARK_H, ROW_H, axisHeight, placeMarkers } from './findingMarkers.ts';
import { tickLabel, ticks } from './axisTicks.ts';
import { formatMoment, type Span } from './timeScale.ts';

export const HIST_H = 96;
export const LANE_H = 24;

/** Each bin on screen as [x0, x1), skipping those outside the plot. */
function visibleBins(
  hist: Histogram,
  view: Span,
  width: number,
  visit: (bin: number, x0: number, w: number) => void,
): void {
  const scale = width / Math.max(view.to - view.from, 1e-9);
  const first = Math.max(0, Math.floor((view.from - hist.from) / hist.binMs));
  const last = Math.min(hist.bins - 1, Math.floor((view.to - hist.from) / hist.binMs));
  for (let i = first; i <= last; i++) {
    const a = Math.max(0, (hist.from + i * hist.binMs - view.from) * scale);
    const b = Math.min(width, (hist.from + (i + 1) * hist.binMs - view.from) * scale);
    if (b <= a) continue;
    const full = b - a;
    // A hairline between bars once they are wide enough to tell apart.
    const w = full >= 4 ? full - 1 : Math.max(full, 1);
    visit(i, a, w);
  }
}

const rect = (x: number, y: number, w: number, h: number): string =>
  `M${x.toFixed(2)} ${y.toFixed(2)}h${w.toFixed(2)}v${h.toFixed(2)}h${(-w).toFixed(2)}z`;

export const HistogramSvg = memo(function HistogramSvg({
  hist,
  all,
  view,
  width,
}: {
  hist: Histogram;
  all: Series;
  view: Span;
  width: number;
}) {
  const { t } = useI18n();
  const paths = useMemo(() => {
    const out = GROUPS.map(() => '');
    const top = 4;
    const scale = all.max > 0 ? (HIST_H - top) / all.max : 0;
    visibleBins(hist, view, width, (bin, x, w) => {
      let y = HIST_H;
      for (let g = 0; g < GROUPS.length; g++) {
        const n = all.byGroup[g][bin];
        if (n === 0) continue;
        // Errors stay visible next to a flood of info lines.
        const h = Math.max(n * scale, g <= 1 ? 2 : 0.75);
        y -= h;
        out[g] += rect(x, y, w, h);
      }
    });
    return out;
  }, [hist, all, view, width]);
  return (
    <svg
      className="tl-svg tl-hist"
      data-plot="hist"
      width={width}
      height={HIST_H}
      data-testid="timeline-histogram"
      role="img"
      aria-label={t('tlHistogramLabel')}
    >
      <line className="tl-baseline" x1={0} x2={width} y1={HIST_H - 0.5} y2={HIST_H - 0.5} />
      {GROUPS.map(
        (g, i) => paths[i] && <path key={g} className={`tl-fill-${g}`} d={paths[i]} shapeRendering="crispEdges" />,
      )}
    </svg>
  );
});

export const LaneSvg = memo(function LaneSvg({
  hist,
  lane,
  index,
  max,
  view,
  width,
}: {
  hist: Histogram;
  lane: Series;
  index: number;
  max: number;
  view: Span;
  width: number;
}) {
  const paths = useMemo(() => {
    const out = GROUPS.map(() => '');
    const pad = 3;
    const room = LANE_H - 2 * pad;
    const log = Math.log1p(Math.max(max, 1));
    visibleBins(hist, view, width, (bin, x, w) => {
      const n = lane.total[bin];
      if (n === 0) return;
      // Log height: a single line shows, a flood does not drown the rest. The bar is split by
      // level, most severe at the bottom, each in proportion to its events.
      const h = 3 + (room - 3) * (Math.log1p(n) / log);
      const heights = levelMix(
        lane.byGroup.map((row) => row[bin]),
        h,
      );
      let y = LANE_H - pad;
      for (let g = 0; g < GROUPS.length; g++) {
        if (heights[g] <= 0) continue;
        y -= heights[g];
        out[g] += rect(x, y, w, heights[g]);
      }
    });
    return out;
  }, [hist, lane, max, view, width]);
  return (
    <svg
      className="tl-svg tl-lane-cells"
      data-plot="lane"
      data-lane={index}
      width={width}
      height={LANE_H}
      aria-hidden="true"
    >
      <line className="tl-lane-base" x1={0} x2={width} y1={LANE_H - 2.5} y2={LANE_H - 2.5} />
      {GROUPS.map(
        (g, i) =>
          paths[i] && <path key={g} className={`tl-fill-${g} tl-cell`} d={paths[i]} shapeRendering="crispEdges" />,
      )}
    </svg>
  );
});

/** The ticks of `view` at this width with their x positions. */
export function useTicks(view: Span, width: number) {
  return useMemo(() => {
    const { step, at, ctx } = ticks(view, width);
    const scale = width / Math.max(view.to - view.from, 1e-9);
    return { step, list: at.map((t) => ({ t, x: (t - view.from) * scale, ...tickLabel(t, step, ctx) })) };
  }, [view, width]);
}

interface AxisProps {
  view: Span;
  width: number;
  findings: Finding[];
  onFinding: (finding: Finding) => void;
}

export const AxisSvg = memo(function AxisSvg({ view, width, findings, onFinding }: AxisProps) {
  const { t, lang } = useI18n();
  const { step, list } = useTicks(view, width);
  const { markers, rows } = useMemo(() => placeMarkers(findings, view, width), [findings, view, width]);
  const height = axisHeight(rows);
  const tickTop = rows * ROW_H + 1;
  const longest = list.reduce((n, tick) => Math.max(n, tick.text.length), 0);
  const half = (longest * 6.7) / 2;
  const key = (event: KeyboardEvent, f: Finding): void => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    onFinding(f);
  };
  return (
    <svg className="tl-svg tl-axis" data-plot="axis" width={width} height={height}>
      {list.map((tick) => (
        <g key={tick.t} className={tick.major ? 'tl-tick tl-tick-major' : 'tl-tick'}>
          <line x1={Math.round(tick.x) + 0.5} x2={Math.round(tick.x) + 0.5} y1={tickTop} y2={tickTop + 5} />
          <text x={Math.min(Math.max(tick.x, half), width - half)} y={height - 6} textAnchor="middle">
            {tick.text}
          </text>
        </g>
      ))}
      {markers.map(({ finding: f, x, x1, row }, i) => {
        const first = f.firstTime ?? 0;
        const title = f.title[lang] || f.title[lang === 'zh' ? 'en' : 'zh'];
        const label = t('tlMarkerLabel', {
          title,
          severity: t(SEVERITY_KEYS[f.severity]),
          component: `${f.module}/${f.component}`,
          time: formatMoment(first, step.ms < 60_000),
          n: f.count,
        });
        const top = row * ROW_H + 1;
        return (
          <g
            key={`${f.rule}|${f.module}/${f.component}|${i}`}
            className={`tl-marker tl-sev-${f.severity}`}
            data-testid="timeline-marker"
            data-rule={f.rule}
            role="button"
            tabIndex={0}
            aria-label={label}
            onPointerDown={(event) => event.stopPropagation()}
            onClick={() => onFinding(f)}
            onKeyDown={(event) => key(event, f)}
          >
            <title>{label}</title>
            {x1 > Math.max(x, 0) + 6 && (
              <line
                className="tl-marker-span"
                x1={Math.max(x, 0)}
                x2={x1}
                y1={top + MARK_H - 0.5}
                y2={top + MARK_H - 0.5}
              />
            )}
            {x >= 0 && <polygon points={`${x},${top} ${x - 5},${top + MARK_H} ${x + 5},${top + MARK_H}`} />}
            {/* A wider target than the triangle itself (the span line is thin). */}
            <rect
              className="tl-marker-hit"
              x={Math.max(x, 0) - 6}
              y={top - 1}
              width={Math.max(12, x1 - Math.max(x, 0) + 12)}
              height={ROW_H}
            />
          </g>
        );
      })}
    </svg>
  );
});

export const SEVERITY_KEYS = {
  critical: 'tlLevelCritical',
  error: 'tlLevelError',
  warning: 'tlLevelWarning',
  info: 'tlLevelInfo',
} as const;
