// An independent oracle for the oslo-loghub format: loghub ships OpenStack_2k.log_structured.csv,
// its own parse of every line (Date, Time, Pid, Level, Component, ADDR = the context block,
// Content = the message). Every one of the 2000 lines must parse to the same values.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFormats } from '../../src/main/engine/platform/resources.ts';
import { partsToEpoch } from '../../src/shared/time.ts';
import { parseCsv, REALDATA_DIR, splitLines } from './goldenSupport.ts';
import { describeRealdata } from './realdataSuite.ts';

const DIR = join(REALDATA_DIR, 'loghub', 'OpenStack');

describe('CSV parser', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('a,"b, c","say ""hi""",\r\n"x\ny",2\n')).toEqual([
      ['a', 'b, c', 'say "hi"', ''],
      ['x\ny', '2'],
    ]);
  });
});

// A context block with its '-' (empty) values dropped, for comparison.
const withoutDashes = (context: string) =>
  context
    .split(' ')
    .filter((v) => v !== '-')
    .join(' ');

describeRealdata('oslo-loghub against loghub OpenStack_2k.log_structured.csv', () => {
  it('every line gives the CSV time, pid, level, logger, context and message', () => {
    const format = loadFormats().find((f) => f.id === 'oslo-loghub')!;
    const lines = splitLines(readFileSync(join(DIR, 'OpenStack_2k.log'), 'utf8'));
    const [header, ...rows] = parseCsv(readFileSync(join(DIR, 'OpenStack_2k.log_structured.csv'), 'utf8'));
    expect(header).toEqual([
      'LineId',
      'Logrecord',
      'Date',
      'Time',
      'Pid',
      'Level',
      'Component',
      'ADDR',
      'Content',
      'EventId',
      'EventTemplate',
    ]);
    expect(lines).toHaveLength(2000);
    expect(rows).toHaveLength(2000);
    const col = Object.fromEntries(header.map((name, i) => [name, i]));
    const mismatches: string[] = [];
    rows.forEach((row, i) => {
      const lineNo = Number(row[col.LineId]);
      expect(lineNo).toBe(i + 1);
      const parsed = format.parse(lines[i]);
      if (!parsed || !parsed.time) {
        mismatches.push(`line ${lineNo}: not parsed`);
        return;
      }
      const time = new Date(partsToEpoch({ ...parsed.time, year: parsed.time.year! }, 'UTC')!).toISOString();
      const got = {
        sourceFile: parsed.fields.sourceFile,
        time,
        pid: parsed.fields.pid,
        level: parsed.level,
        logger: parsed.fields.logger,
        context: withoutDashes(
          [parsed.fields.gri, parsed.fields.rid, parsed.fields.ident].filter((v) => v !== undefined).join(' '),
        ),
        message: parsed.message,
      };
      const want = {
        sourceFile: row[col.Logrecord],
        time: `${row[col.Date]}T${row[col.Time]}Z`,
        pid: row[col.Pid],
        level: row[col.Level].toLowerCase(),
        logger: row[col.Component],
        // loghub's ADDR is the whole bracket, Tarsier splits it into gri, rid and ident.
        context: withoutDashes(row[col.ADDR]),
        message: row[col.Content],
      };
      for (const key of Object.keys(want) as (keyof typeof want)[]) {
        if (got[key] !== want[key])
          mismatches.push(`line ${lineNo} ${key}: got ${JSON.stringify(got[key])}, CSV ${JSON.stringify(want[key])}`);
      }
    });
    expect(mismatches.slice(0, 20)).toEqual([]);
  });
});
