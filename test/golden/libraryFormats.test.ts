// Multi-line records of the formats added for issue 15's format library, read end to end through
// readInventory: which format is detected, how the lines are cut into events, and the time and
// level of each. The lines are real (their sources are in the format files' samples); only the
// way they are put together into a file is made here.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readInventory } from '../../src/main/engine/ingest/readInventory.ts';
import type { LogEvent } from '../../src/shared/model.ts';

const dir = mkdtempSync(join(tmpdir(), 'tarsier-library-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Read {
  format: string;
  events: LogEvent[];
}

async function read(name: string, text: string): Promise<Read> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const events: LogEvent[] = [];
  const result = await readInventory([path], { zone: 'UTC', onEvent: (_file, event) => events.push(event) });
  if (!result.ok) throw new Error(`${name}: ${result.error}`);
  const record = result.value.files[0];
  return { format: record?.kind === 'log' ? record.format : (record?.kind ?? 'not read'), events };
}

const iso = (event: LogEvent | undefined) => (event?.time == null ? null : new Date(event.time).toISOString());

describe('windows-event-csv', () => {
  it('reads a Security log export whose one event spans many lines', async () => {
    // unilog's reproduction of a user's uploaded Security.csv (first event), CRLF as Windows writes.
    const rows = [
      'Keywords,Date and Time,Source,Event ID,Task Category',
      'Audit Success,19-07-2026 09:58:57,Microsoft-Windows-Security-Auditing,4624,Logon,"An account was successfully logged on.',
      '',
      'Subject:',
      '\tSecurity ID:\t\tSYSTEM',
      '\tAccount Name:\t\tSOHAM$',
      '\tAccount Domain:\t\tWORKGROUP',
      '\tLogon ID:\t\t0x3E7',
      '',
      'Logon Information:',
      '\tLogon Type:\t\t5',
      '\tRestricted Admin Mode:\t-',
      '\tVirtual Account:\t\tNo',
      '\tElevated Token:\t\tYes',
      '',
      'New Logon:',
      '\tSecurity ID:\t\tSYSTEM',
      '\tAccount Name:\t\tSYSTEM',
      '\tAccount Domain:\t\tNT AUTHORITY"',
    ];
    const { format, events } = await read('Security.csv', rows.join('\r\n') + '\r\n');
    expect(format).toBe('windows-event-csv');
    expect(events).toHaveLength(2);
    expect(events[0]!.time).toBeNull();
    expect(events[1]!.lineCount).toBe(rows.length - 1);
    expect(iso(events[1])).toBe('2026-07-19T09:58:57.000Z');
    expect(events[1]!.level).toBe('info');
    expect(events[1]!.fields).toMatchObject({ eventId: '4624', category: 'Logon' });
    expect(events[1]!.continuation.at(-1)).toBe('\tAccount Domain:\t\tNT AUTHORITY"');
  });

  it('reads an en-US export row per event', async () => {
    // quilter-csv README: 'qsv load Security.csv - show'.
    const rows = [
      'Level,Date and Time,Source,Event ID,Task Category',
      'Information,10/7/2016 06:38:24 PM,Microsoft-Windows-Security-Auditing,4658,File System',
      'Information,10/7/2016 06:38:24 PM,Microsoft-Windows-Security-Auditing,4656,File System',
    ];
    const { format, events } = await read('Security-us.csv', rows.join('\n') + '\n');
    expect(format).toBe('windows-event-csv');
    expect(events.map(iso)).toEqual([null, '2016-10-07T18:38:24.000Z', '2016-10-07T18:38:24.000Z']);
    expect(events.map((e) => e.fields.eventId)).toEqual([undefined, '4658', '4656']);
  });
});
