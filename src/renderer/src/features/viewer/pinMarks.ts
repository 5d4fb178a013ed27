/**
 * Where the case's pins are, for the marks and the next/previous-pin keys of the events list and
 * the file viewer: pinned lines of a file, whether an event's lines hold a pin, the next one.
 */
import type { Pin } from '../../../../shared/caseNotes.ts';

/** Pinned lines by file path, each list ascending without repeats. */
export type PinLines = ReadonlyMap<string, readonly number[]>;

export function pinLines(pins: readonly Pin[]): PinLines {
  const byPath = new Map<string, Set<number>>();
  for (const pin of pins) {
    let lines = byPath.get(pin.path);
    if (!lines) byPath.set(pin.path, (lines = new Set()));
    lines.add(pin.line);
  }
  return new Map([...byPath].map(([path, lines]) => [path, [...lines].sort((a, b) => a - b)]));
}

/** Whether a pin is on one of the lines `line`…`line + lineCount - 1` of the file at `path`. */
export function holdsPin(marks: PinLines, path: string, line: number, lineCount: number): boolean {
  const lines = marks.get(path);
  if (!lines) return false;
  const last = line + Math.max(1, lineCount) - 1;
  return lines.some((l) => l >= line && l <= last);
}

/** The nearest value after `from` (or before it, backwards) of an ascending list; null when none. */
export function nextAfter(values: readonly number[], from: number, forward: boolean): number | null {
  if (forward) return values.find((v) => v > from) ?? null;
  for (let i = values.length - 1; i >= 0; i--) if (values[i] < from) return values[i];
  return null;
}
