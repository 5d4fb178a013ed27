/**
 * The timeline's state machine: the case's extent and lane order (one bin over the whole case),
 * the zoom (window shown and the wider ones to go back to), the bins of the window at the plot's
 * width, the component filter, and the keys. The arithmetic is in timeScale.ts, zoomState.ts,
 * binning.ts and timelineKeys.ts; this hook holds the state and the requests.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Histogram } from '../../../../shared/caseViews.ts';
import { client } from '../../api/client.ts';
import type { TimeRange } from '../../views/caseNavigation.ts';
import { emptyHistogram, fold, laneOrder } from './binning.ts';
import { keyAction } from './timelineKeys.ts';
import { binRequest, pan, zoomAround, type Span } from './timeScale.ts';
import {
  atWhole,
  canZoomIn,
  fitRange,
  focusOn,
  initialZoom,
  zoomBack,
  zoomInCentre,
  zoomTo,
  type ZoomState,
} from './zoomState.ts';

export type Extent =
  | { kind: 'loading' }
  | { kind: 'failed'; error: string }
  | { kind: 'none' }
  | { kind: 'ready'; extent: Span; order: Map<string, number> };

/** Wheel zooms change the window many times a second: the bins are asked once it settles. */
const SETTLE_MS = 90;

const editable = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

export interface TimelineInput {
  caseId: string;
  /** The selected time range; null: none. */
  range: TimeRange | null;
  onRange: (range: TimeRange | null) => void;
  /** A moment to show (an event's time, from "Show in timeline"); null: none. */
  focus?: number | null;
  /** Called once the window is centred on `focus`. */
  onFocused?: () => void;
}

export function useTimeline({ caseId, range, onRange, focus = null, onFocused }: TimelineInput) {
  const [extent, setExtent] = useState<Extent>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [zoom, setZoom] = useState<ZoomState>(initialZoom);
  const [width, setWidth] = useState(0);
  const [filter, setFilter] = useState('');
  const [detail, setDetail] = useState<{ key: string; hist: Histogram } | null>(null);
  const [detailError, setDetailError] = useState<string | null>(null);
  /** The time "Show in timeline" centred on, marked on the chart until another event's. */
  const [mark, setMark] = useState<number | null>(null);
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
    const timer = setTimeout(
      () => {
        void client.histogram({ caseId, ...request, ...(filter ? { query: filter } : {}) }).then((result) => {
          if (!live) return;
          if (!result.ok) return setDetailError(result.error);
          setDetailError(null);
          setDetail({ key, hist: result.value ?? emptyHistogram(request) });
        });
      },
      hasDetail ? SETTLE_MS : 0,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [caseId, key]);

  // "Show in timeline": once the case's span is known, the window centred on the event's time.
  useEffect(() => {
    if (extent.kind !== 'ready' || focus === null) return;
    setZoom(focusOn(focus, extent.extent));
    setMark(focus);
    onFocused?.();
  }, [extent, focus, onFocused]);

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
  const zoomIn = (): void => change((v, w) => zoomAround(v, zoomInCentre(v, range), 0.5, w), 'push');
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
  const zoomable = canZoomIn(view, whole);

  const keys = { zoomIn, zoomOutKey, showWhole, zoomToSelection, onPan, onRange, range, view, zoomable };
  const latest = useRef(keys);
  latest.current = keys;
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || editable(event.target)) return;
      const k = latest.current;
      const action = keyAction(event.key, event.shiftKey, {
        view: k.view,
        canZoomIn: k.zoomable,
        hasSelection: k.range !== null,
      });
      if (!action) return;
      event.preventDefault();
      if (action.kind === 'zoomIn') k.zoomIn();
      else if (action.kind === 'zoomOut') k.zoomOutKey();
      else if (action.kind === 'pan') k.onPan(action.deltaMs);
      else if (action.kind === 'whole') k.showWhole();
      else if (action.kind === 'zoomToSelection') k.zoomToSelection();
      else k.onRange(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [latest]);

  return {
    extent,
    view,
    width,
    setWidth,
    filter,
    setFilter,
    data,
    detailError,
    /** True until the bins of the window and filter shown have arrived. */
    loading: extent.kind === 'loading' || key === null || detail?.key !== key,
    canZoomIn: zoomable,
    canZoomOut: !atWhole(view, whole),
    zoomIn,
    zoomOut: back,
    showWhole,
    zoomToSelection,
    onZoom,
    onPan,
    mark,
    retry: () => setAttempt((n) => n + 1),
  };
}
