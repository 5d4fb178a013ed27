import { describe, expect, it } from 'vitest';
import { MAX_COPY_EVENT_LINES, copyWindow, formatCopy } from './copyLines.ts';

const LINES = [
  '2025-09-18 16:24:30.002 1234 INFO porter.api [req-6ec3e693-69f7-4129-a43a-16eebe74b528 u p - - -] Attaching volume 5f1c to instance vm-web01',
  '2025-09-18 16:24:31.123 1234 ERROR porter.api [req-6ec3e693-69f7-4129-a43a-16eebe74b528 u p - - -] Failed to attach volume',
  '2025-09-18 16:24:31.500 1234 WARNING porter.api [req-6ec3e693-69f7-4129-a43a-16eebe74b528 u p - - -] Retrying attach in 5 seconds',
];

describe('copyWindow', () => {
  it('is the line alone without context', () => {
    expect(copyWindow(40, 40, 0)).toEqual({ from: 40, count: 1 });
  });

  it('takes ±N lines around an event of several lines', () => {
    expect(copyWindow(40, 43, 3)).toEqual({ from: 37, count: 10 });
  });

  it('starts at line 1 near the start of the file', () => {
    expect(copyWindow(2, 2, 10)).toEqual({ from: 1, count: 12 });
    expect(copyWindow(1, 1, 3)).toEqual({ from: 1, count: 4 });
  });

  it('cuts an event longer than the limit', () => {
    expect(copyWindow(1, 100_000, 0)).toEqual({ from: 1, count: MAX_COPY_EVENT_LINES });
  });
});

describe('formatCopy', () => {
  const request = { path: 'var/log/porter/porter-api.log', first: 2, time: '2025-09-18 16:24:31.123' };

  it('gives the raw line as plain text', () => {
    expect(formatCopy({ ...request, style: 'text' }, 2, [LINES[1]])).toBe(LINES[1]);
  });

  it('gives the lines with their context as plain text, one a line', () => {
    expect(formatCopy({ ...request, style: 'text' }, 1, LINES)).toBe(LINES.join('\n'));
  });

  it('heads a Markdown block with path:line and the time', () => {
    expect(formatCopy({ ...request, style: 'markdown' }, 2, [LINES[1]])).toBe(
      `\`var/log/porter/porter-api.log:2\` · 2025-09-18 16:24:31.123\n\n\`\`\`text\n${LINES[1]}\n\`\`\`\n`,
    );
  });

  it('says the range copied when the context was cut at the start of the file', () => {
    // ±3 around line 2 of a 3-line file: lines 1–3 (the engine returns what the file has).
    const md = formatCopy({ ...request, style: 'markdown' }, 1, LINES);
    expect(md.split('\n')[0]).toBe('`var/log/porter/porter-api.log:2` (1–3) · 2025-09-18 16:24:31.123');
    expect(md).toContain(`\`\`\`text\n${LINES.join('\n')}\n\`\`\`\n`);
  });

  it('says the range copied when the context was cut at the end of the file', () => {
    const md = formatCopy({ ...request, first: 3, style: 'markdown' }, 2, LINES.slice(1));
    expect(md.split('\n')[0]).toBe('`var/log/porter/porter-api.log:3` (2–3) · 2025-09-18 16:24:31.123');
  });

  it('leaves the time out when the event has none', () => {
    expect(formatCopy({ ...request, time: null, style: 'markdown' }, 2, ['x']).split('\n')[0]).toBe(
      '`var/log/porter/porter-api.log:2`',
    );
  });

  it('fences with more backticks than any run in the lines', () => {
    const md = formatCopy({ ...request, style: 'markdown' }, 2, ['a ``` b', 'c ```` d']);
    expect(md).toContain('\n`````text\n');
    expect(md.endsWith('\n`````\n')).toBe(true);
  });
});
