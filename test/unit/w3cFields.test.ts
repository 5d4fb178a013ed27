// W3C logs read by their own #Fields directive. Lines from lnav's test logs (BSD-2-Clause,
// ../shared/peers/lnav/test): logfile_w3c.2 (IIS 4 FTP, time-only records under #Date) and
// logfile_w3c.3 (IIS Advanced Logging, local times, a quoted field with doubled quotes).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFormat } from '../../src/shared/formats/compileFormat.ts';
import { assembleEvents } from '../../src/shared/formats/eventAssembler.ts';
import { formatSpecSchema } from '../../src/shared/formats/formatSpec.ts';
import { w3cFieldsFormat } from '../../src/shared/formats/w3cFields.ts';
import { epochMs } from '../../src/shared/model.ts';
import { formatIso } from '../../src/shared/time.ts';

const spec = formatSpecSchema.parse(JSON.parse(readFileSync(resolve('resources/formats/iis-w3c.json'), 'utf8')));
const compiled = compileFormat(spec);
if (!compiled.ok) throw new Error(compiled.error);
const context = { zone: 'UTC' as const, yearReference: epochMs(Date.UTC(2026, 0, 1)) };
const read = (lines: string[]) =>
  assembleEvents(lines, w3cFieldsFormat(compiled.format), context).map((event) => ({
    line: event.line,
    time: event.time === null ? null : formatIso(event.time, 'UTC'),
    level: event.level,
    lines: event.lineCount,
  }));

describe('W3C logs by their #Fields', () => {
  it('takes the day from #Date for time-only records, and follows a new directive block', () => {
    const lines = [
      '#Software: Microsoft Internet Information Server 4.0',
      '#Version: 1.0',
      '#Date: 2000-10-09 16:44:49',
      '#Fields: time c-ip cs-method cs-uri-stem sc-status',
      '16:44:49 1.1.1.1 [2]USER anonymous 331',
      '16:48:44 1.1.1.1 [3]QUIT - 226',
      '#Software: Microsoft Internet Information Server 4.0',
      '#Version: 1.0',
      '#Date: 2000-10-10 16:44:49',
      '#Fields: time c-ip cs-method cs-uri-stem sc-status',
      '16:44:49 1.1.1.1 [2]USER anonymous 331',
    ];
    expect(read(lines)).toEqual([
      { line: 5, time: '2000-10-09T16:44:49.000Z', level: 'info', lines: 1 },
      { line: 6, time: '2000-10-09T16:48:44.000Z', level: 'info', lines: 5 },
      { line: 11, time: '2000-10-10T16:44:49.000Z', level: 'info', lines: 1 },
    ]);
  });

  it('reads quoted fields with doubled quotes, and the status as the level', () => {
    const lines = [
      '#Fields:   date-local time-local   s-ip   cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) cs(Host) sc-status sc-substatus sc-win32-status TimeTakenMS',
      '2012-08-15 17:00:00.675 10.10.28.140 GET /hello/world/6,681965 - 80 - "173.5.0.0" "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_10_1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/37.0.2062.124 Safari/537.36" - "hello.example.com" 404 " ""garbage"" w/ spaces " 0 359',
    ];
    expect(read(lines)).toEqual([{ line: 2, time: '2012-08-15T17:00:00.675Z', level: 'warning', lines: 1 }]);
    const parsed = w3cFieldsFormat(compiled.format);
    parsed.parse(lines[0]!);
    expect(parsed.parse(lines[1]!)?.fields['sc-substatus']).toBe(' "garbage" w/ spaces ');
  });
});
