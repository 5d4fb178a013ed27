/**
 * Timeline: a level histogram and a swim-lane per component on one time axis, the findings as
 * markers on it. Drag to select a time range (the workspace filters the other views with it),
 * zoom from the whole case down to milliseconds, click a cell to see its events.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Histogram } from '../../../../shared/caseViews.ts';
import { epochMs } from '../../../../shared/model.ts';
import type { Finding } from '../../../../shared/rules/finding.ts';
import { client } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { CaseNavigation } from '../../views/caseNavigation.ts';
import { fold, laneOrder } from './binning.ts';
import { TimelineLegend, TimelineToolbar } from './TimelineToolbar.tsx';
import { TimelinePlot } from './TimelinePlot.tsx';
import { componentQuery } from './queries.ts';
import { MIN_SPAN_MS, binRequest, isWhole, pan, zoomAround, type Span } from './timeScale.ts';
import { fitRange, initialZoom, zoomBack, zoomTo, type ZoomState } from './zoomState.ts';
import './TimelineView.css';

export interface TimelineViewProps {
  caseId: string;
  /** The selected time range (epoch ms); null: the whole case. */
  range: { from: number; to: number } | null;
  /** The brush: the workspace filters the other views with it. */
  onRange: (range: { from: number; to: number } | null) => void;
  /** Shown as markers at their first time. */
  findings: Finding[];
  nav: CaseNavigation;
}

type Extent =
  | { kind: 'loading' }
  | { kind: 'failed'; error: string }
  | { kind: 'none' }
  | { kind: 'ready'; extent: Span; order: Map<string, number> };

const LANES_SHOWN = 30;

const editable = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

export function TimelineView({ caseId, range, onRange, findings, nav }: TimelineViewProps) {
  const { t, num } = useI18n();
  const [extent, setExtent] = useState<Extent>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [zoom, setZoom] = useState<ZoomState>(initialZoom);
  const [width, setWidth] = useState(0);
  const [filter, setFilter] = useState('');
  const [detail, setDetail] = useState<{ key: string; hist: Histogram } | null>(null);
  const [detailError, setDetailError] = useState<string | null>(null);
  const [allLanes, setAllLanes] = useState(false);
  const view = zoom.view;

  // The case's time span and the lane order (most errors first): one bin over the whole case.
  useEffect(() => {
    let live = true;
    setExtent({ kind: 'loading' });
    setZoom(initialZoom);
    setDetail(null);
    void client.histogram({ caseId, bins: 1 }).then((result) => {
      if (!live) return;
      if (!result.ok) return setExtent({ kind: 'failed', error: result.error });
      if (result.value === null) return setExtent({ kind: 'none' });
      const whole = { from: result.value.from, to: result.value.to };
      setExtent({ kind: 'ready', extent: whole, order: laneOrder(result.value) });
      setZoom({ view: whole, history: [], lastGesture: 0 });
    });
    return () => {
      live = false;
    };
  }, [caseId, attempt]);

  // The bins of the window shown: nice sizes aligned to the clock, one per 4–10 px.
  const request = useMemo(() => (view && width > 0 ? binRequest(view, width) : null), [view, width]);
  const key = request ? `${request.from}|${request.to}|${request.bins}|${filter}|${attempt}` : null;
  // What the request below reads without being re-run by: `request` and `filter` are encoded in
  // `key`, and whether a histogram is shown only sets the delay.
  const histogramInputs = useRef({ request, filter, hasDetail: detail !== null });
  useEffect(() => {
    histogramInputs.current = { request, filter, hasDetail: detail !== null };
  });
  useEffect(() => {
    const { request, filter, hasDetail } = histogramInputs.current;
    if (!request || key === null) return;
    let live = true;
    // Wheel zooms change the window many times a second: ask once it settles.
    const timer = setTimeout(
      () => {
        void client.histogram({ caseId, ...request, ...(filter ? { query: filter } : {}) }).then((result) => {
          if (!live) return;
          if (!result.ok) return setDetailError(result.error);
          setDetailError(null);
          setDetail({
            key,
            hist: result.value ?? {
              from: epochMs(request.from),
              to: epochMs(request.to),
              bins: request.bins,
              binMs: (request.to - request.from) / request.bins,
              rows: [],
            },
          });
        });
      },
      hasDetail ? 90 : 0,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [caseId, key]);

  const order = extent.kind === 'ready' ? extent.order : null;
  const data = useMemo(() => (detail ? { hist: detail.hist, ...fold(detail.hist, order) } : null), [detail, order]);
  const whole = extent.kind === 'ready' ? extent.extent : null;

  const change = useCallback(
    (next: (view: Span, whole: Span) => Span, mode: 'push' | 'gesture' | 'none') => {
      if (!whole) return;
      const now = Date.now();
      setZoom((z) => (z.view ? zoomTo(z, next(z.view, whole), mode, now) : z));
    },
    [whole],
  );
  const selectionIn = (v: Span): boolean => range !== null && range.from >= v.from && range.to <= v.to;
  const zoomIn = (): void =>
    change(
      (v, w) => zoomAround(v, selectionIn(v) && range ? (range.from + range.to) / 2 : (v.from + v.to) / 2, 0.5, w),
      'push',
    );
  const zoomOutKey = (): void => change((v, w) => zoomAround(v, (v.from + v.to) / 2, 2, w), 'none');
  const back = (): void => {
    if (whole) setZoom((z) => zoomBack(z, whole));
  };
  const showWhole = (): void => {
    if (whole) setZoom({ view: whole, history: [], lastGesture: 0 });
  };
  const zoomToSelection = (): void => {
    if (range) change((_, w) => fitRange(range, w), 'push');
  };
  const onZoom = useCallback(
    (at: number, factor: number) => change((v, w) => zoomAround(v, at, factor, w), factor < 1 ? 'gesture' : 'none'),
    [change],
  );
  const onPan = useCallback((delta: number) => change((v, w) => pan(v, delta, w), 'none'), [change]);
  const onFinding = useCallback(
    (f: Finding) => nav.search(f.query ?? componentQuery(`${f.module}/${f.component}`)),
    [nav],
  );

  const canZoomIn =
    view !== null && whole !== null && view.to - view.from > Math.min(MIN_SPAN_MS, whole.to - whole.from) + 1e-6;
  const atWhole = view === null || whole === null || isWhole(view, whole);

  // Keys: + − zoom, ← → pan (Shift: half a window), 0 whole case, Z zoom to selection, Esc clears it.
  const keys = { zoomIn, zoomOutKey, showWhole, zoomToSelection, onPan, onRange, range, view, canZoomIn };
  const latest = useRef(keys);
  latest.current = keys;
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || editable(event.target)) return;
      const k = latest.current;
      if (!k.view) return;
      const span = k.view.to - k.view.from;
      const act: Record<string, (() => void) | undefined> = {
        '+': k.canZoomIn ? k.zoomIn : undefined,
        '=': k.canZoomIn ? k.zoomIn : undefined,
        '-': k.zoomOutKey,
        _: k.zoomOutKey,
        ArrowLeft: () => k.onPan(-span * (event.shiftKey ? 0.5 : 0.2)),
        ArrowRight: () => k.onPan(span * (event.shiftKey ? 0.5 : 0.2)),
        '0': k.showWhole,
        Home: k.showWhole,
        z: k.range ? k.zoomToSelection : undefined,
        Z: k.range ? k.zoomToSelection : undefined,
        Escape: k.range ? () => k.onRange(null) : undefined,
      };
      const run = act[event.key];
      if (!run) return;
      event.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [latest]);

  if (extent.kind === 'failed') {
    return (
      <section className="tl" data-testid="timeline" aria-labelledby="tl-title">
        <h1 id="tl-title" className="visually-hidden">
          {t('tlTitle')}
        </h1>
        <div className="notice notice-error" role="alert" data-testid="timeline-error">
          <div className="notice-body">
            <p className="notice-title">{t('tlFailedTitle')}</p>
            <p className="notice-detail">{extent.error}</p>
            <p>{t('tlFailedNext')}</p>
          </div>
          <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('tlRetry')}
          </button>
        </div>
      </section>
    );
  }

  if (extent.kind === 'none') {
    return (
      <section className="tl" data-testid="timeline" aria-labelledby="tl-title">
        <h1 id="tl-title" className="visually-hidden">
          {t('tlTitle')}
        </h1>
        <div className="empty-state" data-testid="timeline-empty">
          <p className="empty-title">{t('tlNoneTitle')}</p>
          <p>{t('tlNoneBody')}</p>
          <div>
            <button type="button" className="button" onClick={() => nav.search('')}>
              {t('tlNoneSearch')}
            </button>
          </div>
        </div>
      </section>
    );
  }

  const lanes = data ? (allLanes ? data.lanes : data.lanes.slice(0, LANES_SHOWN)) : [];
  const loading = extent.kind === 'loading' || key === null || detail?.key !== key;
  const empty = data !== null && data.all.max === 0;

  return (
    <section className="tl" data-testid="timeline" aria-labelledby="tl-title" aria-busy={loading}>
      <h1 id="tl-title" className="visually-hidden">
        {t('tlTitle')}
      </h1>
      <TimelineToolbar
        view={view}
        binMs={data?.hist.binMs ?? null}
        loading={loading && !detailError}
        range={range}
        filter={filter}
        onFilter={setFilter}
        canZoomIn={canZoomIn}
        canZoomOut={!atWhole}
        onZoomIn={zoomIn}
        onZoomOut={back}
        onWhole={showWhole}
        onZoomToSelection={zoomToSelection}
        onClearSelection={() => onRange(null)}
      />
      {detailError && (
        <div className="notice notice-error tl-problem" role="alert" data-testid="timeline-error">
          <div className="notice-body">
            <p className="notice-title">{t('tlUpdateFailed')}</p>
            <p className="notice-detail">{detailError}</p>
          </div>
          <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('tlRetry')}
          </button>
        </div>
      )}
      <div className={`tl-panel${data && loading ? ' tl-panel-updating' : ''}`}>
        {data && view ? (
          <TimelinePlot
            data={data}
            lanes={lanes}
            view={view}
            width={width}
            onWidth={setWidth}
            range={range}
            onRange={onRange}
            findings={findings}
            onSearch={nav.search}
            onFinding={onFinding}
            onZoom={onZoom}
            onPan={onPan}
          />
        ) : (
          <ChartPlaceholder onWidth={setWidth} />
        )}
        {empty && (
          <div className="tl-empty-window" data-testid="timeline-empty-window">
            <p className="empty-title">{t(filter ? 'tlEmptyWindowFiltered' : 'tlEmptyWindow')}</p>
            <p className="muted">{t('tlEmptyWindowNext')}</p>
          </div>
        )}
        {data && data.lanes.length > LANES_SHOWN && (
          <button type="button" className="link tl-more" onClick={() => setAllLanes(!allLanes)}>
            {allLanes ? t('tlLanesFewer', { n: num(LANES_SHOWN) }) : t('tlLanesMore', { n: num(data.lanes.length) })}
          </button>
        )}
      </div>
      {view && <TimelineLegend view={view} findings={findings} />}
    </section>
  );
}

/** The chart's frame while the first bins load: it measures the width the bins are sized to. */
function ChartPlaceholder({ onWidth }: { onWidth: (width: number) => void }) {
  const { t } = useI18n();
  const measure = useCallback(
    (el: HTMLDivElement | null) => {
      if (!el) return;
      const observer = new ResizeObserver(() => onWidth(Math.max(0, Math.floor(el.getBoundingClientRect().width))));
      observer.observe(el);
      onWidth(Math.max(0, Math.floor(el.getBoundingClientRect().width)));
      return () => observer.disconnect();
    },
    [onWidth],
  );
  return (
    <div className="tl-chart tl-placeholder">
      <div className="tl-row tl-row-hist">
        <div className="tl-label" />
        <div className="tl-plot" ref={measure}>
          <p className="tl-loading muted" role="status">
            <span className="tl-spinner" aria-hidden="true" /> {t('tlLoading')}
          </p>
        </div>
      </div>
    </div>
  );
}
