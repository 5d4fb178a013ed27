// Year-less times (RFC 3164 syslog) take their year from the bundle's best evidence: the full
// dates of the other files, when the file's own modification time is a placeholder (zip's 1980)
// or the day the bundle was made. Bundles are tars built here from vendored real logs
// (test/fixtures/vendored: lnav's syslog files, oslo.log's and glance's own sample logs).
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInventory } from '../../src/main/engine/ingest/readInventory.ts';
import { indexCase, releaseSpool } from '../../src/main/engine/index/indexCase.ts';
import type { FileRecord, LogEvent } from '../../src/shared/model.ts';
import { buildTar, type TarMember } from '../support/archives.ts';

const VENDORED = resolve(__dirname, '..', 'fixtures', 'vendored');
const vendored = (path: string): string => readFileSync(join(VENDORED, path), 'utf8');
/** Nov 3 (no year), 4 lines. */
const SYSLOG_NOV = vendored('lnav/logfile_syslog.0');
/** Dec 3 then Jan 3 (no year): the year rolls over inside the file. */
const SYSLOG_DEC_JAN = vendored('lnav/logfile_syslog.1');
/** Full dates, last 2016-11-09 14:36:38.737. */
const GLANCE = vendored('openstack/insights-core_glance_log_samples.log');
/** Full dates, last 2016-01-14 20:04:34.563. */
const OSLO_DOC = vendored('openstack/oslo.log_doc_usage_examples.log');

const ZIP_EPOCH = new Date(Date.UTC(1980, 0, 1));
const BUNDLE_DAY = new Date();

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-year-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function tarOf(name: string, members: TarMember[], mtime?: Date): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, await buildTar(members));
  if (mtime) await utimes(path, mtime, mtime);
  return path;
}

async function read(path: string) {
  const events: { file: FileRecord; event: LogEvent }[] = [];
  const result = await readInventory([path], { zone: 'UTC', onEvent: (file, event) => events.push({ file, event }) });
  if (!result.ok) throw new Error(result.error);
  const file = (p: string): FileRecord => result.value.files.find((f) => f.path === p)!;
  const times = (p: string): string[] =>
    events.filter((e) => e.file.path === p).map((e) => new Date(e.event.time!).toISOString());
  return { inventory: result.value, file, times };
}

const yearOf = (time: number | null): number => new Date(time!).getUTCFullYear();

describe('year-less times from the bundle evidence', () => {
  it('zip-epoch mtimes: the year comes from the other files of the bundle', async () => {
    const path = await tarOf('zip-times.tar', [
      { name: 'var/log/messages', data: SYSLOG_NOV, mtime: ZIP_EPOCH },
      { name: 'var/log/glance/api.log', data: GLANCE, mtime: ZIP_EPOCH },
    ]);
    const { inventory, file, times } = await read(path);
    const messages = file('var/log/messages');
    expect(messages.timeGuess).toMatchObject({
      year: 'bundle-dates',
      yearEvidence: { files: 1, scope: 'bundle', latest: Date.parse('2016-11-09T14:36:38.737Z') },
      zone: 'assumed',
    });
    expect(times('var/log/messages')[0]).toBe('2016-11-03T09:23:38.000Z');
    expect(yearOf(messages.firstTime)).toBe(2016);
    expect(yearOf(messages.lastTime)).toBe(2016);
    // The bundle's span follows the re-timed file.
    expect(inventory.bundles[0]!.firstTime).toBe(messages.firstTime);
    expect(file('var/log/glance/api.log').timeGuess?.year).toBeUndefined();
  });

  it('every mtime the day the bundle was made: the evidence wins over a plausible but far mtime', async () => {
    const path = await tarOf('today.tar', [
      { name: 'log/messages', data: SYSLOG_NOV, mtime: BUNDLE_DAY },
      { name: 'log/glance-api.log', data: GLANCE, mtime: BUNDLE_DAY },
      {
        name: 'log/keystone.log',
        data: vendored('openstack/insights-core_keystone_log_samples.log'),
        mtime: BUNDLE_DAY,
      },
    ]);
    const { file, times } = await read(path);
    const messages = file('log/messages');
    expect(messages.timeGuess?.year).toBe('bundle-dates');
    expect(messages.timeGuess?.yearEvidence).toMatchObject({ files: 2, scope: 'folder' });
    expect(times('log/messages')).toEqual([
      '2016-11-03T09:23:38.000Z',
      '2016-11-03T09:23:38.000Z',
      '2016-11-03T09:23:38.000Z',
      '2016-11-03T09:47:02.000Z',
    ]);
  });

  it('an mtime that agrees with the evidence is kept (file-time)', async () => {
    const mtime = new Date(Date.UTC(2016, 10, 3, 10, 0, 0));
    const path = await tarOf('agree.tar', [
      { name: 'log/messages', data: SYSLOG_NOV, mtime },
      { name: 'log/glance-api.log', data: GLANCE, mtime: BUNDLE_DAY },
    ]);
    const { file } = await read(path);
    const messages = file('log/messages');
    expect(messages.timeGuess).toMatchObject({ year: 'file-time', yearReference: { time: mtime.getTime() } });
    expect(messages.timeGuess?.yearEvidence).toBeUndefined();
    expect(yearOf(messages.firstTime)).toBe(2016);
  });

  it('Dec→Jan rollover: December the year before January', async () => {
    const path = await tarOf('rollover.tar', [
      { name: 'var/log/messages', data: SYSLOG_DEC_JAN, mtime: ZIP_EPOCH },
      { name: 'var/log/app/oslo.log', data: OSLO_DOC, mtime: ZIP_EPOCH },
    ]);
    const { file, times } = await read(path);
    expect(file('var/log/messages').timeGuess?.year).toBe('bundle-dates');
    expect(times('var/log/messages')).toEqual([
      '2015-12-03T09:23:38.000Z',
      '2015-12-03T09:23:38.000Z',
      '2015-12-03T09:23:38.000Z',
      '2016-01-03T09:47:02.000Z',
    ]);
  });

  it('nothing in the bundle has a year: the bundle time, as before', async () => {
    const bundleTime = new Date(Date.UTC(2024, 1, 10, 12, 0, 0));
    const path = await tarOf(
      'no-years.tar',
      [
        { name: 'var/log/messages', data: SYSLOG_DEC_JAN, mtime: ZIP_EPOCH },
        { name: 'var/log/messages.1', data: SYSLOG_NOV, mtime: ZIP_EPOCH },
      ],
      bundleTime,
    );
    const { file, times } = await read(path);
    const messages = file('var/log/messages');
    expect(messages.timeGuess).toMatchObject({ year: 'bundle-time', yearReference: { time: bundleTime.getTime() } });
    expect(messages.timeGuess?.yearEvidence).toBeUndefined();
    expect(times('var/log/messages')[0]).toBe('2023-12-03T09:23:38.000Z');
    expect(times('var/log/messages')[3]).toBe('2024-01-03T09:47:02.000Z');
    expect(file('var/log/messages.1').timeGuess?.year).toBe('bundle-time');
  });

  it('the index (the app and serve) gets the same years, in its records and its timeline', async () => {
    const path = await tarOf('indexed.tar', [
      { name: 'var/log/messages', data: SYSLOG_NOV, mtime: ZIP_EPOCH },
      { name: 'var/log/glance/api.log', data: GLANCE, mtime: ZIP_EPOCH },
    ]);
    const result = await indexCase([path], { zone: 'UTC' });
    if (!result.ok) throw new Error(result.error);
    const { inventory, index } = result.value;
    try {
      // On the timeline, the syslog's Nov 3 events come before glance's Nov 9 ones.
      const timeline = index.window(0, index.size).map((e) => `${e.path} ${new Date(e.time!).toISOString()}`);
      expect(timeline[0]).toBe('var/log/messages 2016-11-03T09:23:38.000Z');
      expect(timeline.at(-1)).toBe('var/log/glance/api.log 2016-11-09T14:36:38.737Z');
      const messages = inventory.files.find((f) => f.path === 'var/log/messages')!;
      expect(messages.timeGuess?.year).toBe('bundle-dates');
      expect(yearOf(messages.firstTime)).toBe(2016);
      expect(yearOf(inventory.bundles[0]!.firstTime)).toBe(2016);
    } finally {
      releaseSpool(result.value);
    }
  });
});
