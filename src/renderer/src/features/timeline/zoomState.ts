/**
 * The timeline's zoom: the window shown and the wider windows it was zoomed in from ("Zoom out"
 * goes back to them). A wheel gesture counts as one step; zooming out drops narrower steps.
 */
import { MIN_SPAN_MS, clampTo, isWhole, type Span } from './timeScale.ts';

export interface ZoomState {
  /** Null until the case's extent is known. */
  view: Span | null;
  /** Wider windows, the last one the most recent. */
  history: Span[];
  /** When the last gesture step happened (ms), to group the events of one wheel gesture. */
  lastGesture: number;
}

export const initialZoom: ZoomState = { view: null, history: [], lastGesture: 0 };

const GESTURE_GAP_MS = 600;
const widthOf = (s: Span): number => s.to - s.from;

/** `next` shown; `push` records the current window, `gesture` does so once per wheel gesture. */
export function zoomTo(z: ZoomState, next: Span, mode: 'push' | 'gesture' | 'none', now: number): ZoomState {
  const current = z.view;
  if (!current) return { view: next, history: [], lastGesture: 0 };
  if (widthOf(next) >= widthOf(current) - 1e-6) {
    // Same width (a pan) or wider: the steps narrower than the new window are gone.
    const history = mode === 'none' ? z.history : z.history.filter((v) => widthOf(v) > widthOf(next) + 1e-6);
    return { view: next, history, lastGesture: mode === 'gesture' ? now : z.lastGesture };
  }
  const record = mode === 'push' || (mode === 'gesture' && now - z.lastGesture > GESTURE_GAP_MS);
  return {
    view: next,
    history: record ? [...z.history, current] : z.history,
    lastGesture: mode === 'gesture' ? now : z.lastGesture,
  };
}

/** Back to the previous (wider) window; without one, twice as wide around the middle. */
export function zoomBack(z: ZoomState, extent: Span): ZoomState {
  if (!z.view) return z;
  const previous = z.history.at(-1);
  if (previous) return { view: previous, history: z.history.slice(0, -1), lastGesture: 0 };
  const mid = (z.view.from + z.view.to) / 2;
  const span = Math.min(widthOf(extent), widthOf(z.view) * 2);
  return { view: clampTo({ from: mid - span / 2, to: mid + span / 2 }, extent), history: [], lastGesture: 0 };
}

/** A selection as a window: at least the minimum width, within the extent. */
export function fitRange(range: Span, extent: Span): Span {
  const span = Math.max(widthOf(range), Math.min(MIN_SPAN_MS, widthOf(extent)));
  const mid = (range.from + range.to) / 2;
  return clampTo({ from: mid - span / 2, to: mid + span / 2 }, extent);
}

/** Where "Zoom in" centres: on the selection when the window shows all of it, else the window's middle. */
export function zoomInCentre(view: Span, range: Span | null): number {
  const selectionShown = range !== null && range.from >= view.from && range.to <= view.to;
  return selectionShown ? (range.from + range.to) / 2 : (view.from + view.to) / 2;
}

/** Whether the window is wider than the narrowest the zoom goes to (or the whole case, when narrower). */
export const canZoomIn = (view: Span | null, extent: Span | null): boolean =>
  view !== null && extent !== null && widthOf(view) > Math.min(MIN_SPAN_MS, widthOf(extent)) + 1e-6;

/** Whether there is nothing to zoom out to: the whole case shows (or is not known yet). */
export const atWhole = (view: Span | null, extent: Span | null): boolean =>
  view === null || extent === null || isWhole(view, extent);

/** The widest window "Show in timeline" opens around an event. */
export const FOCUS_SPAN_MS = 10 * 60_000;

/**
 * The zoom that shows the moment `at` (an event's time): centred on it, a quarter of the case at
 * most and FOCUS_SPAN_MS at most, within the extent; "Zoom out" goes back to the whole case.
 */
export function focusOn(at: number, extent: Span): ZoomState {
  const whole = widthOf(extent);
  const span = Math.min(whole, Math.max(MIN_SPAN_MS, Math.min(FOCUS_SPAN_MS, whole / 4)));
  const view = clampTo({ from: at - span / 2, to: at + span / 2 }, extent);
  return { view, history: widthOf(view) < whole ? [extent] : [], lastGesture: 0 };
}
