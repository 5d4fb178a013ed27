/**
 * The chart: the level histogram, the axis with finding markers and a lane per component, on
 * one time axis. Drag to select a range (the brush), click a bar to select its bin, click a
 * lane cell to search its events, Ctrl+wheel to zoom around the pointer, sideways wheel to pan.
 */
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type PointerEvent as ReactPointerEvent,
} from 'react';
import type { Histogram } from '../../../../shared/caseViews.ts';
import type { Finding } from '../../../../shared/rules/finding.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { totalOf, type Lane, type Series } from './binning.ts';
import { LaneLabel } from './LaneLabel.tsx';
import { AxisSvg, HistogramSvg, LaneSvg, useTicks } from './plotParts.tsx';
import { binIndexAt, dragRange, timeAtX, wheelPanMs, wheelZoomFactor } from './plotGeometry.ts';
import { binQuery, componentQuery, timeQuery } from './queries.ts';
import { snapRange, snapStep } from './axisTicks.ts';
import { formatDate, type Span } from './timeScale.ts';
import { BinTooltip, type HoverTarget } from './BinTooltip.tsx';

export interface PlotData {
  hist: Histogram;
  all: Series;
  lanes: Lane[];
}

interface TimelinePlotProps {
  data: PlotData;
  lanes: Lane[];
  view: Span;
  width: number;
  onWidth: (width: number) => void;
  range: Span | null;
  onRange: (range: Span | null) => void;
  findings: Finding[];
  onSearch: (query: string) => void;
  onFinding: (finding: Finding) => void;
  onZoom: (at: number, factor: number) => void;
  onPan: (deltaMs: number) => void;
  onLaneMove: (key: string, direction: -1 | 1) => void;
  onLaneHide: (key: string) => void;
  /** A moment to mark with a line (the event "Show in timeline" came from), or null. */
  mark?: number | null;
}

/** The label column's width before it is measured (the style sheet's --tl-label). */
const LABEL_PX = 260;

interface Drag {
  pointer: number;
  startX: number;
  moved: boolean;
  /** What was pressed: with the pointer captured, later events all target the chart. */
  target: HoverTarget | null;
}

const DRAG_PX = 4;

export function TimelinePlot({
  data,
  lanes,
  view,
  width,
  onWidth,
  range,
  onRange,
  findings,
  onSearch,
  onFinding,
  onZoom,
  onPan,
  onLaneMove,
  onLaneHide,
  mark = null,
}: TimelinePlotProps) {
  const { t, num } = useI18n();
  const chartRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<HTMLDivElement>(null);
  const drag = useRef<Drag | null>(null);
  const [draft, setDraft] = useState<{ a: number; b: number } | null>(null);
  const [hover, setHover] = useState<HoverTarget | null>(null);
  const [labelPx, setLabelPx] = useState(LABEL_PX);
  const { hist } = data;
  const span = Math.max(view.to - view.from, 1e-9);
  const timeAt = useCallback((x: number) => timeAtX(view, width, x), [view, width]);
  const xOf = (time: number): number => ((time - view.from) / span) * width;
  const { list: tickList, step: tickStep } = useTicks(view, width);

  // A new window or new bins: the bin under the pointer is another one.
  useEffect(() => setHover(null), [view, hist]);

  // The plot's width decides the number of bins.
  useLayoutEffect(() => {
    const el = plotRef.current;
    if (!el) return;
    const measure = (): void => {
      const plot = el.getBoundingClientRect().width;
      onWidth(Math.max(0, Math.floor(plot)));
      // The label column: what the chart leaves beside the plot (narrower on small windows).
      const chart = chartRef.current?.getBoundingClientRect().width;
      if (chart) setLabelPx(Math.max(0, Math.round(chart - plot)));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [onWidth]);

  // Ctrl+wheel (and pinch) zooms around the pointer; a sideways wheel pans. Needs a non-passive listener.
  const latest = useRef({ timeAt, onZoom, onPan, span, width });
  latest.current = { timeAt, onZoom, onPan, span, width };
  useEffect(() => {
    const el = chartRef.current;
    if (!el) return;
    const onWheel = (event: WheelEvent): void => {
      const plot = plotRef.current?.getBoundingClientRect();
      if (!plot || event.clientX < plot.left) return;
      const x = event.clientX - plot.left;
      const l = latest.current;
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        l.onZoom(l.timeAt(x), wheelZoomFactor(event.deltaY, event.deltaMode));
      } else if (Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
        event.preventDefault();
        l.onPan(wheelPanMs(event.deltaX, event.deltaMode, l.span, l.width));
      }
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const localX = (event: { clientX: number }): number => {
    const plot = plotRef.current?.getBoundingClientRect();
    return plot ? Math.max(0, Math.min(width, event.clientX - plot.left)) : 0;
  };

  const binAt = (x: number): number | null => binIndexAt(timeAt(x), hist);

  /** What is under the pointer: the plot part (from the SVG it is over), the lane and the bin. */
  const targetOf = (event: ReactPointerEvent): HoverTarget | null => {
    const el = (event.target as Element).closest('[data-plot]');
    const chart = chartRef.current?.getBoundingClientRect();
    if (!el || !chart) return null;
    const kind = el.getAttribute('data-plot');
    const bin = binAt(localX(event));
    if (bin === null || (kind !== 'hist' && kind !== 'lane')) return null;
    const lane = kind === 'lane' ? (lanes[Number(el.getAttribute('data-lane'))] ?? null) : null;
    return { bin, lane, x: event.clientX - chart.left, y: event.clientY - chart.top, chartWidth: chart.width };
  };

  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>): void => {
    if (event.button !== 0 || !(event.target as Element).closest('[data-plot]')) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { pointer: event.pointerId, startX: localX(event), moved: false, target: targetOf(event) };
  };

  const onPointerMove = (event: ReactPointerEvent<HTMLDivElement>): void => {
    const d = drag.current;
    if (d && d.pointer === event.pointerId) {
      const x = localX(event);
      if (!d.moved && Math.abs(x - d.startX) < DRAG_PX) return;
      d.moved = true;
      setHover(null);
      setDraft({ a: Math.min(d.startX, x), b: Math.max(d.startX, x) });
      return;
    }
    setHover(targetOf(event));
  };

  const onPointerUp = (event: ReactPointerEvent<HTMLDivElement>): void => {
    const d = drag.current;
    if (!d || d.pointer !== event.pointerId) return;
    drag.current = null;
    if (d.moved) {
      setDraft(null);
      // On the ticks' finer step: a drag from the 15:30 tick to the 16:00 one selects 15:30–16:00.
      onRange(snapRange(dragRange(view, width, d.startX, localX(event)), snapStep(tickStep)));
      return;
    }
    const target = d.target;
    if (!target) return;
    const start = hist.from + target.bin * hist.binMs;
    if (target.lane) {
      if (target.lane.total[target.bin] > 0) onSearch(binQuery(target.lane.key, start, hist.binMs));
    } else if (data.all.total[target.bin] > 0) {
      onRange({ from: start, to: start + hist.binMs });
    } else if (range) onRange(null);
  };

  const onPointerCancel = (): void => {
    drag.current = null;
    setDraft(null);
  };

  const laneMax = lanes.reduce((m, lane) => Math.max(m, lane.max), 1);
  const brush = draft
    ? { a: draft.a, b: draft.b }
    : range && range.to >= view.from && range.from <= view.to
      ? { a: Math.max(0, xOf(range.from)), b: Math.min(width, xOf(range.to)) }
      : null;
  const band = hover
    ? {
        a: Math.max(0, xOf(hist.from + hover.bin * hist.binMs)),
        b: Math.min(width, xOf(hist.from + (hover.bin + 1) * hist.binMs)),
      }
    : null;
  const hoverBand = band && band.b > band.a ? band : null;
  const laneScope = range ?? view;

  return (
    <div
      ref={chartRef}
      className={`tl-chart${draft ? ' tl-dragging' : ''}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerCancel}
      onPointerLeave={() => setHover(null)}
    >
      <div className="tl-under" aria-hidden="true">
        {tickList.map((tick) => (
          <span
            key={tick.t}
            className={tick.major ? 'tl-grid tl-grid-major' : 'tl-grid'}
            style={{ left: Math.round(tick.x) }}
          />
        ))}
      </div>
      <div className="tl-row tl-row-hist">
        <div className="tl-label tl-hist-label">
          <span className="tl-label-title">{t('tlAllComponents')}</span>
          <span className="tl-label-meta">{t('tlPeak', { n: num(data.all.max) })}</span>
          <span className="tl-label-meta">{t('tlTotal', { n: num(totalOf(data.all)) })}</span>
        </div>
        <div className="tl-plot" ref={plotRef}>
          {width > 0 && <HistogramSvg hist={hist} all={data.all} view={view} width={width} />}
        </div>
      </div>
      <div className="tl-row tl-row-axis">
        <div className="tl-label tl-axis-label mono">{formatDate(view.from)}</div>
        <div className="tl-plot">
          {width > 0 && <AxisSvg view={view} width={width} findings={findings} onFinding={onFinding} />}
        </div>
      </div>
      {lanes.map((lane, i) => (
        <div key={lane.key} className="tl-row tl-lane" data-testid="timeline-lane" data-component={lane.key}>
          <LaneLabel
            lane={lane}
            labelPx={labelPx}
            first={i === 0}
            last={i === lanes.length - 1}
            onSearch={() => onSearch(`${componentQuery(lane.key)} ${timeQuery(laneScope.from, laneScope.to)}`)}
            onMove={(direction) => onLaneMove(lane.key, direction)}
            onHide={() => onLaneHide(lane.key)}
          />
          <div className="tl-plot">
            {width > 0 && <LaneSvg hist={hist} lane={lane} index={i} max={laneMax} view={view} width={width} />}
          </div>
        </div>
      ))}
      <div className="tl-over" aria-hidden="true">
        {hoverBand && (
          <span
            className="tl-hover-band"
            style={{ left: hoverBand.a, width: Math.max(1, hoverBand.b - hoverBand.a) }}
          />
        )}
        {mark !== null && mark >= view.from && mark <= view.to && (
          <span className="tl-mark" data-testid="timeline-mark" style={{ left: xOf(mark) }} />
        )}
        {brush && (
          <span
            className={`tl-brush${draft ? ' tl-brush-draft' : ''}`}
            data-testid="timeline-brush"
            style={{ left: brush.a, width: Math.max(2, brush.b - brush.a) }}
          />
        )}
      </div>
      {hover && <BinTooltip target={hover} hist={hist} all={data.all} />}
    </div>
  );
}
