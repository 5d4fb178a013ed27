import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FileLinesPage } from '../../../../shared/caseViews.ts';
import {
  WINDOW_HALF,
  WINDOW_LINES,
  covers,
  idAt,
  lastWindowStart,
  pinOfLine,
  pageRange,
  shownRange,
  shownText,
  targetIn,
  wantedRange,
  windowStart,
} from './fileWindow.ts';

/** Lines `from`… of a file of `total` lines, `count` of them held. */
const page = (from: number, count: number, total: number): FileLinesPage => ({
  file: 0,
  path: 'a.log',
  module: 'm',
  component: 'c',
  total,
  from,
  lines: Array.from({ length: count }, (_, i) => `line ${from + i}`),
  heads: [],
});

describe('the window fetched', () => {
  it('centres on the target and starts at line 1 near the top', () => {
    expect(windowStart(1)).toBe(1);
    expect(windowStart(WINDOW_HALF + 1)).toBe(1);
    expect(windowStart(WINDOW_HALF + 2)).toBe(2);
    expect(WINDOW_LINES).toBe(2 * WINDOW_HALF + 1);
  });

  it('reads a target past the end as the last line', () => {
    expect(targetIn(page(1, 10, 10), 50)).toBe(10);
    expect(targetIn(page(1, 0, 0), 50)).toBe(1);
    expect(targetIn(null, 50)).toBe(50);
  });
});

describe('the lines shown', () => {
  const p = page(101, 100, 1000);

  it('knows the range a page holds, empty for a page without lines', () => {
    expect(pageRange(p)).toEqual({ from: 101, to: 200 });
    expect(pageRange(page(1, 0, 0))).toEqual({ from: 1, to: 0 });
  });

  it('shows ±context around the target, cut to the page, or the whole page for 0', () => {
    expect(shownRange(p, 150, 10)).toEqual({ from: 140, to: 160 });
    expect(shownRange(p, 105, 10)).toEqual({ from: 101, to: 115 });
    expect(shownRange(p, 150, 0)).toEqual({ from: 101, to: 200 });
  });

  it('wants lines within the file only, and knows when the page must be fetched again', () => {
    expect(wantedRange(p, 3, 10)).toEqual({ from: 1, to: 13 });
    expect(wantedRange(p, 995, 10)).toEqual({ from: 985, to: 1000 });
    expect(covers(p, wantedRange(p, 150, 49))).toBe(true);
    expect(covers(p, wantedRange(p, 150, 50))).toBe(false);
  });

  it('gives the text of the shown lines, and nothing for an empty range', () => {
    expect(shownText(p, { from: 101, to: 103 })).toBe('line 101\nline 102\nline 103');
    expect(shownText(p, { from: 5, to: 4 })).toBe('');
  });

  it('shows lines the page holds around the target (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 6000 }),
        (from, count, context, offset) => {
          const total = from + count + 100;
          const held = page(from, count, total);
          const target = from + (count === 0 ? 0 : offset % count);
          const r = shownRange(held, target, context);
          const text = shownText(held, r);
          if (count === 0) return text === '';
          const lines = text.split('\n');
          return (
            r.from >= from &&
            r.to <= from + count - 1 &&
            r.from <= target &&
            r.to >= target &&
            lines.length === r.to - r.from + 1 &&
            lines[0] === `line ${r.from}`
          );
        },
      ),
    );
  });
});

describe('lastWindowStart', () => {
  it('asks for the last window when the target lay past the end of the file', () => {
    const total = 3 * WINDOW_LINES;
    const past = total + WINDOW_LINES;
    // Centred past the end of the file: the page came back from beyond its last lines.
    const short = page(windowStart(past), 0, total);
    expect(lastWindowStart(short, past)).toBe(windowStart(total));
    expect(lastWindowStart(page(windowStart(total), WINDOW_HALF + 1, total), past)).toBeNull();
    // On the last line itself the window is the last one already.
    expect(lastWindowStart(page(windowStart(total), WINDOW_HALF + 1, total), total)).toBeNull();
    expect(lastWindowStart(page(1, 50, 50), 20)).toBeNull();
    expect(lastWindowStart(page(1, 0, 0), 20)).toBeNull();
  });
});

describe('pinOfLine', () => {
  it('records the line’s text and the level of the event it belongs to', () => {
    const p = {
      ...page(10, 5, 100),
      heads: [
        { line: 10, level: 'info' as const, event: 1 },
        { line: 12, level: 'error' as const, event: 2 },
      ],
    };
    expect(pinOfLine(p, 13)).toEqual({
      path: 'a.log',
      line: 13,
      file: 0,
      text: 'line 13',
      time: null,
      level: 'error',
      component: 'm/c',
    });
    expect(pinOfLine(p, 11).level).toBe('info');
    expect(pinOfLine({ ...p, heads: [] }, 11).level).toBe('unknown');
    expect(pinOfLine(p, 99).text).toBe('');
  });
});

describe('idAt', () => {
  const rid = 'req-3c1f8d2e-9b7a-4c3e-8f21-6a5b4c3d2e1f';
  const line = `2025-09-18 16:24:31 ERROR nova.compute [${rid} admin] Failed to attach`;

  it('takes the selection when it is an id, and nothing else when something is selected', () => {
    expect(idAt(line, 0, rid, null)).toBe(rid);
    expect(idAt(line, 0, 'Failed to', null)).toBeNull();
    expect(idAt(line, 0, 'a\nb', null)).toBeNull();
  });

  it('finds the id under the cursor, at both of its ends', () => {
    const start = line.indexOf(rid);
    expect(idAt(line, start, '', null)).toBe(rid);
    expect(idAt(line, start + rid.length, '', null)).toBe(rid);
    expect(idAt(line, 2, '', '2025')).toBeNull();
  });

  it('takes a word that reads as an id, and not a plain word', () => {
    expect(idAt('addr 10.0.0.7 up', 6, '', '10.0.0.7')).toBe('10.0.0.7');
    expect(idAt('just words here', 6, '', 'words')).toBeNull();
  });
});
