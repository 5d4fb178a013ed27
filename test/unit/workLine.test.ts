import { describe, expect, it } from 'vitest';
import { workLine } from '../../src/main/cli/progressPrinter.ts';
import type { WorkProgress } from '../../src/shared/progress.ts';

const work = (patch: Partial<WorkProgress>): WorkProgress => ({
  phase: 'indexing',
  unit: 'bytes',
  done: 0,
  total: 0,
  fraction: 0,
  elapsedMs: 0,
  etaMs: null,
  ...patch,
});

describe('the CLI line of a phase after reading', () => {
  it('names the phase, how far in its unit and the measured time left', () => {
    const line = workLine(work({ done: 15 * 1024 ** 2, total: 30 * 1024 ** 2, fraction: 0.51, etaMs: 4200 }));
    expect(line).toMatch(/^indexing 51% · 15(\.0)? MB of 30(\.0)? MB · about 4(\.2)? s left$/);
  });

  it('says the time left is being estimated until it is measured, and counts steps as steps', () => {
    expect(workLine(work({ phase: 'sealing', unit: 'steps', done: 2, total: 5, fraction: 0.4 }))).toBe(
      'sealing 40% · 2 steps of 5 steps · estimating time left',
    );
  });

  it('claims no percentage while the total is unknown', () => {
    expect(workLine(work({ done: 10 }))).toBe('indexing · estimating time left');
  });
});
