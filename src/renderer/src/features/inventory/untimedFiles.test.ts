import { describe, expect, it } from 'vitest';
import { epochMs, type FileRecord } from '../../../../shared/model.ts';
import { isUntimed, untimedFiles } from './untimedFiles.ts';

const file = (patch: Partial<FileRecord>): FileRecord => ({
  path: 'a.log',
  bundle: 0,
  bytes: 10,
  kind: 'log',
  module: 'm',
  component: 'c',
  format: 'none',
  encoding: 'utf-8',
  lines: 3,
  events: 3,
  firstTime: null,
  lastTime: null,
  levels: { unknown: 3, trace: 0, debug: 0, info: 0, warning: 0, error: 0, critical: 0 },
  linesCut: 0,
  invalidBytes: 0,
  incomplete: null,
  modifiedTime: null,
  ...patch,
});

describe('untimedFiles', () => {
  it('counts log and text files with events and no time, most events first', () => {
    const files = [
      file({ path: 'timed.log', firstTime: epochMs(1), lastTime: epochMs(2) }),
      file({ path: 'small.txt', kind: 'text', events: 2 }),
      file({ path: 'empty.log', events: 0, lines: 0 }),
      file({ path: 'pods', kind: 'pods-table', events: 9 }),
      file({ path: 'big.log', events: 40 }),
    ];
    expect(files.map(isUntimed)).toEqual([false, true, false, false, true]);
    expect(untimedFiles(files)).toEqual({ files: [4, 1], events: 42 });
    expect(untimedFiles([])).toEqual({ files: [], events: 0 });
  });
});
