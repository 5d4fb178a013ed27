import { describe, expect, it } from 'vitest';
import { compileFormat } from '../../../../shared/formats/compileFormat.ts';
import {
  draftProblem,
  findTimestamp,
  formatIdFrom,
  formatSpecFrom,
  guessLayout,
  patternFrom,
  proposeMarks,
  type FormatDraft,
} from './proposeFormat.ts';

describe('guessLayout', () => {
  it.each([
    ['2025-12-07 01:02:03', 'YYYY-MM-DD HH:mm:ss'],
    ['2025-12-07 01:02:03.123', 'YYYY-MM-DD HH:mm:ss.SSS'],
    ['2025/12/07T01:02:03,123456Z', 'YYYY/MM/DDTHH:mm:ss,SSSSSSZ'],
    ['2025-12-07T01:02:03+08:00', 'YYYY-MM-DDTHH:mm:ssZ'],
    ['07.12.2025|01:02:03', 'DD.MM.YYYY|HH:mm:ss'],
    ['12/07/2025 1:02:03', 'MM/DD/YYYY H:mm:ss'],
    ['251207 01:02:03', 'YYMMDD HH:mm:ss'],
    ['Dec  7 01:02:03', 'MMM D HH:mm:ss'],
  ])('%s → %s', (text, layout) => {
    expect(guessLayout(text)).toBe(layout);
  });

  it('refuses text with no date or no time, or a date it cannot be', () => {
    expect(guessLayout('01:02:03')).toBeNull();
    expect(guessLayout('2025-12-07')).toBeNull();
    expect(guessLayout('2025-13-40 01:02:03')).toBeNull();
    expect(guessLayout('1.2.3.4')).toBeNull();
  });
});

describe('proposeMarks', () => {
  it('finds the time, the level and the message of a pipe-separated line', () => {
    const line = 'acme|07.12.2025|01:02:03|WARN|queue full';
    const { marks, layout } = proposeMarks(line);
    expect(layout).toBe('DD.MM.YYYY|HH:mm:ss');
    expect(line.slice(marks.ts!.start, marks.ts!.end)).toBe('07.12.2025|01:02:03');
    expect(line.slice(marks.level!.start, marks.level!.end)).toBe('WARN');
    expect(line.slice(marks.msg!.start, marks.msg!.end)).toBe('queue full');
  });

  it('leaves a number after the time out of it, and the IP before it alone', () => {
    const line = '10.0.0.1 [2025-12-07 01:02:03 42] error: disk full';
    expect(findTimestamp(line)).toEqual({ span: { start: 10, end: 29 }, layout: 'YYYY-MM-DD HH:mm:ss' });
    const { marks } = proposeMarks(line);
    expect(line.slice(marks.level!.start, marks.level!.end)).toBe('error');
    expect(line.slice(marks.msg!.start)).toBe('disk full');
  });

  it('proposes a message without a level, and nothing on a line without a time', () => {
    const { marks } = proposeMarks('Dec  7 01:02:03 host1 sshd[42]: accepted');
    expect(marks.level).toBeUndefined();
    expect(marks.msg).toEqual({ start: 16, end: 40 });
    expect(proposeMarks('no time here').layout).toBeNull();
  });
});

describe('patternFrom', () => {
  it('gives a regex that reads the line and its siblings through the format compiler', () => {
    const line = '[worker-3] 07.12.2025|01:02:03 | WARN | queue full';
    const { marks, layout } = proposeMarks(line);
    const pattern = patternFrom(line, marks);
    expect(pattern).toBe(
      '^\\[worker-\\d+\\]\\s+(?<ts>\\d{1,2}\\.\\d{1,2}\\.\\d{4}\\|\\d{1,2}:\\d{1,2}:\\d{1,2})\\s+\\|\\s+(?<level>[A-Za-z]+)\\s+\\|\\s+(?<msg>.*)',
    );
    const draft: FormatDraft = { id: 'acme', name: '', pattern, layout: layout!, line, path: 'var/log/acme.log' };
    const compiled = compileFormat(formatSpecFrom(draft));
    if (!compiled.ok) throw new Error(compiled.error);
    const parsed = compiled.format.parse('[worker-12] 08.12.2025|23:59:59 | ERROR | disk full');
    expect(parsed).toMatchObject({ level: 'error', message: 'disk full' });
    expect(parsed!.time).toMatchObject({ year: 2025, month: 12, day: 8, hour: 23, minute: 59, second: 59 });
  });

  it('closes a message marked before the end with the rest of the line', () => {
    const line = '2025-12-07 01:02:03 queue full [t1]';
    const pattern = patternFrom(line, { ts: { start: 0, end: 19 }, msg: { start: 20, end: 30 } });
    expect(pattern).toBe('^(?<ts>\\d{4}-\\d{1,2}-\\d{1,2} +\\d{1,2}:\\d{1,2}:\\d{1,2})\\s+(?<msg>.*?)\\s+\\[t\\d+\\]$');
    expect(new RegExp(pattern).exec(line)?.groups?.msg).toBe('queue full');
  });
});

describe('drafts', () => {
  const line = '2025-12-07 01:02:03 INFO up';
  const good: FormatDraft = {
    id: 'gateway',
    name: 'Gateway',
    pattern: '^(?<ts>\\S+ \\S+) (?<level>\\w+) (?<msg>.*)$',
    layout: 'YYYY-MM-DD HH:mm:ss',
    line,
    path: 'var/log/gateway.log',
  };

  it('names the field that keeps a draft from being saved', () => {
    expect(draftProblem(good)).toBeNull();
    expect(draftProblem({ ...good, pattern: '(' })).toMatchObject({ field: 'pattern' });
    expect(draftProblem({ ...good, pattern: '^(?<msg>.*)$' })).toEqual({ field: 'noTimeGroup' });
    expect(draftProblem({ ...good, layout: '' })).toMatchObject({ field: 'layout' });
    expect(draftProblem({ ...good, pattern: '^x(?<ts>.*)$' })).toEqual({ field: 'sampleMissed' });
    expect(draftProblem({ ...good, layout: 'DD.MM.YYYY HH:mm:ss' })).toEqual({
      field: 'sampleTime',
      detail: '2025-12-07 01:02:03',
    });
    expect(draftProblem({ ...good, id: 'Bad Id' })).toMatchObject({ field: 'id' });
    expect(draftProblem({ ...good, id: '' }, { forSaving: false })).toBeNull();
  });

  it('makes a format file with the groups the regex has and the line as its sample', () => {
    const spec = formatSpecFrom({ ...good, pattern: '^(?<ts>\\S+ \\S+) (?<msg>.*)$', name: ' ' });
    expect(spec).toEqual({
      id: 'gateway',
      name: 'gateway',
      description: 'Defined in Tarsier from a line of var/log/gateway.log',
      specificity: 60,
      pattern: '^(?<ts>\\S+ \\S+) (?<msg>.*)$',
      time: { group: 'ts', layout: 'YYYY-MM-DD HH:mm:ss' },
      message: 'msg',
      samples: [{ line, source: 'bundle file var/log/gateway.log' }],
    });
  });

  it('proposes an id from the file name', () => {
    expect(formatIdFrom('var/log/acme/Gateway.log.1')).toBe('gateway');
    expect(formatIdFrom('a.zip!/My Service.out')).toBe('my-service');
    expect(formatIdFrom('.log')).toBe('my-format');
  });
});
