/**
 * The chart's pixel ↔ time arithmetic: which bin lies under a pointer, the range a drag selects,
 * and how far a wheel zooms or pans. Pure, unit tested; TimelinePlot.tsx reads the pointer.
 */
import type { Span } from './timeScale.ts';

/** The bin of the histogram holding `time`, or null outside its bins. */
export function binIndexAt(time: number, hist: { from: number; binMs: number; bins: number }): number | null {
  const i = Math.floor((time - hist.from) / hist.binMs);
  return i >= 0 && i < hist.bins ? i : null;
}

/** The time at `x` px of a plot `width` px wide showing `view`. */
export const timeAtX = (view: Span, width: number, x: number): number =>
  view.from + (x / width) * Math.max(view.to - view.from, 1e-9);

/** The range a drag from `x0` to `x1` selects: whole milliseconds, at least one, either direction. */
export function dragRange(view: Span, width: number, x0: number, x1: number): Span {
  const from = Math.floor(timeAtX(view, width, Math.min(x0, x1)));
  const to = Math.max(from + 1, Math.ceil(timeAtX(view, width, Math.max(x0, x1))));
  return { from, to };
}

/** Pixels per wheel delta unit: pixels, lines or pages (WheelEvent.deltaMode 0, 1, 2). */
const wheelScale = (deltaMode: number): number => (deltaMode === 1 ? 16 : deltaMode === 2 ? 400 : 1);

/** How much a Ctrl+wheel step scales the window: out for a positive delta, at most e× a step. */
export const wheelZoomFactor = (deltaY: number, deltaMode: number): number =>
  Math.exp(Math.max(-1, Math.min(1, deltaY * wheelScale(deltaMode) * 0.004)));

/** How far a sideways wheel pans, in ms: the pixels scrolled at the window's scale. */
export const wheelPanMs = (deltaX: number, deltaMode: number, spanMs: number, width: number): number =>
  (deltaX * wheelScale(deltaMode) * spanMs) / Math.max(width, 1);
