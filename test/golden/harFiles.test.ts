// HAR files (a browser's network capture) read through readInventory: one event per request at
// its startedDateTime, whether the document is one line (as browsers save it) or pretty-printed.
// The capture is haralyzer's test data (MIT; test/fixtures/vendored/har, three of its four
// entries), saved by Firebug from Firefox 25.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readInventory } from '../../src/main/engine/ingest/readInventory.ts';
import { formatIso } from '../../src/shared/time.ts';
import { epochMs, type LogEvent } from '../../src/shared/model.ts';
import { GOLDEN_DIR } from './goldenSupport.ts';

const HAR = resolve(GOLDEN_DIR, '..', 'fixtures', 'vendored', 'har', 'humanssuck.net.har');
const scratch = mkdtempSync(join(tmpdir(), 'tarsier-har-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function read(path: string) {
  const events: LogEvent[] = [];
  const result = await readInventory([path], { zone: 'UTC', onEvent: (_file, event) => events.push(event) });
  if (!result.ok) throw new Error(result.error);
  return { record: result.value.files[0]!, events };
}

const EXPECTED = [
  { time: '2015-02-23T03:28:12.136Z', message: 'GET http://humanssuck.net/ → 200 (153 ms)' },
  { time: '2015-02-23T03:28:12.319Z', message: 'GET http://humanssuck.net/test.css → 200 (76 ms)' },
  { time: '2015-02-23T03:28:12.319Z', message: 'GET http://humanssuck.net/screen_login.gif → 200 (304 ms)' },
];

describe('HAR files', () => {
  for (const [shape, make] of [
    ['one line, as saved', () => HAR],
    [
      'pretty-printed',
      () => {
        const path = join(scratch, 'pretty.har.json');
        writeFileSync(path, JSON.stringify(JSON.parse(readFileSync(HAR, 'utf8')), null, 2));
        return path;
      },
    ],
  ] as const) {
    it(`${shape}: an event per entry, at its start time, with method, URL, status and time`, async () => {
      const { record, events } = await read(make());
      expect({ kind: record.kind, format: record.format, lines: record.lines, events: record.events }).toEqual({
        kind: 'har',
        format: 'har',
        lines: 3,
        events: 3,
      });
      expect(record.levels.info).toBe(3);
      expect(events.map((e) => ({ time: formatIso(epochMs(e.time!), 'UTC'), message: e.message }))).toEqual(EXPECTED);
      expect(events[0]!.fields).toEqual({ method: 'GET', url: 'http://humanssuck.net/', status: '200', time: '153' });
    });
  }

  it('a JSON document that only starts like a HAR log is read as JSON', async () => {
    const path = join(scratch, 'not-har.json');
    writeFileSync(path, JSON.stringify({ log: { entries: 'none' } }, null, 2));
    const { record } = await read(path);
    expect(record.kind).toBe('json');
  });
});
