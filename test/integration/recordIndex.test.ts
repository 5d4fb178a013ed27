// Record formats through the index: the facts an event learns after its head line (level and
// message on java.util.logging's second line, a journal export record's PRIORITY and
// __REALTIME_TIMESTAMP, a wevtutil record's Date and Description) must be what the index's level
// and time columns, search, the message templates and the standing queries see, in worker
// threads and in-line. Inputs are the real texts of test/golden/records (sources there).
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexCase, releaseSpool, type IndexedCase } from '../../src/main/engine/index/indexCase.ts';
import { matchingEvents } from '../../src/main/engine/index/searchIndex.ts';
import { LEVELS } from '../../src/shared/model.ts';
import { parseQuery } from '../../src/shared/search/queryLanguage.ts';

const RECORDS = join(import.meta.dirname, '..', 'golden', 'records');
let dir: string;
const opened: IndexedCase[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-records-'));
  await cp(join(RECORDS, 'jul-puppet-jira.log'), join(dir, 'tomcat', 'catalina.out'), { recursive: true });
  await cp(join(RECORDS, 'jul-openattestation.log'), join(dir, 'tomcat', 'catalina.2015-08-28.log'));
  await cp(join(RECORDS, 'journal-logdna.export'), join(dir, 'journal', 'system.export'), { recursive: true });
  await cp(join(RECORDS, 'wevtutil-blockip.txt'), join(dir, 'windows', 'security-events.txt'), { recursive: true });
});
afterAll(async () => {
  for (const c of opened) releaseSpool(c);
  await rm(dir, { recursive: true, force: true });
});

async function open(mode: 'worker' | 'inline', standingQueries?: string[]): Promise<IndexedCase> {
  const result = await indexCase([dir], { zone: 'UTC', indexMode: mode, threads: 2, standingQueries });
  if (!result.ok) throw new Error(result.error);
  opened.push(result.value);
  return result.value;
}

function search(c: IndexedCase, q: string): number[] {
  const parsed = parseQuery(q);
  if (!parsed.ok) throw new Error(q);
  return [...matchingEvents(c.index, parsed.query).events.toArray()];
}

/** Event ids by the path of their file and their first line. */
function eventAt(c: IndexedCase, path: string, line: number): number {
  const { index } = c;
  for (let e = 0; e < index.size; e++)
    if (index.fileOf(e).record.path.endsWith(path) && index.events.line[e] === line) return e;
  throw new Error(`no event at ${path}:${line}`);
}

describe('record formats in the index', () => {
  for (const mode of ['worker', 'inline'] as const) {
    it(`${mode}: level and time columns hold what the record's later lines say`, async () => {
      const c = await open(mode);
      const { index } = c;
      expect(index.size).toBe(1 + 3 + 3 + 2);
      const severe = eventAt(c, 'catalina.out', 1);
      expect(LEVELS[index.events.level[severe]]).toBe('error');
      expect(index.events.lineCount[severe]).toBe(6);
      const warning = eventAt(c, 'catalina.2015-08-28.log', 1);
      expect(LEVELS[index.events.level[warning]]).toBe('warning');
      const journal = eventAt(c, 'system.export', 63);
      expect(LEVELS[index.events.level[journal]]).toBe('info');
      expect(new Date(index.events.time[journal]).toISOString()).toBe('2021-06-10T11:10:51.163Z');
      const wevt = eventAt(c, 'security-events.txt', 29);
      expect(new Date(index.events.time[wevt]).toISOString()).toBe('2021-12-25T07:31:58.831Z');

      // The file records count the levels the records learnt.
      const inventory = c.inventory.files.find((f) => f.path.endsWith('system.export'))!;
      expect(inventory.levels.info).toBe(3);
      expect(inventory.levels.unknown).toBe(0);

      // Search sees the level and the lines after the head.
      expect(search(c, 'level:error')).toEqual([severe]);
      expect(search(c, '"Begin event threw exception"')).toEqual([severe]);
      expect(search(c, 'level:>=warning')).toEqual([severe, warning].sort((a, b) => a - b));
      expect(search(c, '"Condition check resulted"')).toEqual([journal]);

      // Templates are mined from the records' messages, not from their head lines.
      const templates = index.patterns.map((p) => p.text);
      expect(templates).toContain('Begin event threw exception');
      expect(templates.some((t) => t.startsWith('An account failed to log on'))).toBe(true);
      expect(templates.some((t) => t.startsWith('__CURSOR') || t.startsWith('Event['))).toBe(false);
      expect(index.patterns.every((p) => p.count > 0)).toBe(true);

      // The event list's rows carry the message a later line holds.
      expect(index.view(severe)).toMatchObject({
        text: 'May 30, 2016 1:06:13 AM org.apache.tomcat.util.digester.Digester startElement',
        message: 'Begin event threw exception',
      });
      expect(index.view(journal).message).toBe(
        'Condition check resulted in Commit a transient machine-id on disk being skipped.',
      );
      expect(index.view(wevt)).toMatchObject({ text: 'Event[1]', message: 'N/A' });
      expect(index.view(eventAt(c, 'security-events.txt', 1)).message).toBe('An account failed to log on.');
    });
  }

  it('standing queries answer by the level a record learnt after its head', async () => {
    const queries = ['level:error', 'level:>=warning Setting', 'level:>=warning Journal'];
    for (const mode of ['worker', 'inline'] as const) {
      const c = await open(mode, queries);
      for (const q of queries) {
        const answered = c.index.standing.get(q);
        expect(answered, `${mode}: ${q}`).toBeDefined();
        expect([...answered!], `${mode}: ${q}`).toEqual(search(c, q));
      }
      expect(c.index.standing.get('level:error')!.length).toBe(1);
      expect(c.index.standing.get('level:>=warning Setting')!.length).toBe(1);
      // The journal records are info once read (PRIORITY=6), so none is at warning or above.
      expect(c.index.standing.get('level:>=warning Journal')!.length).toBe(0);
    }
  });
});
