/**
 * Where the findings' markers go on the timeline's axis: each at its first time, on as few rows
 * as keep their triangles apart. Pure arithmetic, unit tested; plotParts.tsx draws them.
 */
import type { Finding } from '../../../../shared/rules/finding.ts';
import type { Span } from './timeScale.ts';

/** Height of one row of finding markers, and of the ticks and their labels below them. */
export const ROW_H = 12;
export const MARK_H = 9;
const TICKS_H = 26;
const MAX_ROWS = 6;
/** Markers closer than this share a row only when the rows run out. */
const MARK_GAP = 13;

export interface PlacedMarker {
  finding: Finding;
  x: number;
  x1: number;
  row: number;
}

/** Findings in the window, each on the first row where it does not cover another's triangle. */
export function placeMarkers(
  findings: Finding[],
  view: Span,
  width: number,
): { markers: PlacedMarker[]; rows: number } {
  const scale = width / Math.max(view.to - view.from, 1e-9);
  const shown = findings
    .filter((f) => f.firstTime !== null && (f.lastTime ?? f.firstTime) >= view.from && f.firstTime <= view.to)
    .map((f) => ({
      finding: f,
      x: ((f.firstTime ?? 0) - view.from) * scale,
      x1: Math.min(width, ((f.lastTime ?? f.firstTime ?? 0) - view.from) * scale),
      row: 0,
    }))
    .sort((a, b) => a.x - b.x);
  const lastX: number[] = [];
  for (const m of shown) {
    let row = lastX.findIndex((x) => m.x - x >= MARK_GAP);
    if (row < 0 && lastX.length < MAX_ROWS) row = lastX.length;
    if (row < 0) row = lastX.indexOf(Math.min(...lastX));
    lastX[row] = m.x;
    m.row = row;
  }
  return { markers: shown, rows: Math.max(1, lastX.length) };
}

/** The axis's height for this many marker rows. */
export const axisHeight = (rows: number): number => rows * ROW_H + TICKS_H;
