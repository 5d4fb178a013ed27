// The engineer's time settings (issue 17 item 4) through CaseManager as the UI calls it: a case
// read in +08:00 holds a Cloudpods host log whose zone-less lines were written in UTC (its
// ISO lines say so) and a year-less syslog; reopenCase with the file's zone set to UTC lines the
// Cloudpods lines up and with the syslog's year set to 2019 gives it 2019, exactly; the settings
// are kept with the case and applied when it is opened again (a new engine, the same data
// folder); the index cache never serves a read made with other settings.
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseManager } from '../../src/main/engine/case/caseManager.ts';
import type { ApiResult, CaseStatus, Inventory } from '../../src/shared/api.ts';
import type { CaseState } from '../../src/shared/caseState.ts';
import type { EventsPage } from '../../src/shared/caseViews.ts';
import type { TimeSettings } from '../../src/shared/timeSettings.ts';
import { dispatchRequest } from '../../src/shared/ui/dispatch.ts';
import { buildTarGz } from '../support/archives.ts';
import { runCli } from '../support/runCli.ts';

/**
 * A Cloudpods host agent's start, as posted in https://github.com/yunionio/cloudpods/issues/24997
 * (shared/realdata/cloudpods/issue24997_default-host_startup.log, lines 1–7, 10): the 6-digit
 * lines carry no zone, the ISO lines (Cloudpods ≥ 3.11) are UTC — the same second.
 */
const CLOUDPODS = [
  '[info 260609 04:05:08 db.newTableSpec(tablespec.go:77)] new split table hostdmesg_log_tbl maxDuration 720 hour maxSegements 6',
  '[info 260609 04:05:08 procutils.WaitZombieLoop(zombie_others.go:36)] My pid is not 1 and no need to wait zombies',
  '[info 260609 04:05:08 options.parseOptions(options.go:367)] Use configuration file: /etc/yunion/host.conf',
  '[warning 260609 04:05:08 structarg.(*ArgumentParser).parseJSONKeyValue(structarg.go:1215)] Cannot find argument health-driver',
  '[warning 260609 04:05:08 structarg.(*ArgumentParser).parseJSONKeyValue(structarg.go:1215)] Cannot find argument enable-rbac',
  '[info 260609 04:05:08 options.parseOptions(options.go:392)] Set log level to "info"',
  '[info 2026-06-09 04:05:08 options.parseOptions(options.go:367)] Use configuration file: /etc/yunion/common/common.conf',
  '[info 2026-06-09 04:05:08 app.InitApp(app.go:32)] RequestWorkerCount: 8',
].join('\n');
const VENDORED = resolve(__dirname, '..', 'fixtures', 'vendored');
/** lnav's test/logfile_syslog.0: `Nov  3 09:23:38 …`, no year. */
const SYSLOG = readFileSync(join(VENDORED, 'lnav', 'logfile_syslog.0'), 'utf8');
/** insights-core's glance sample: full dates without a zone (the product side, local time). */
const GLANCE = readFileSync(join(VENDORED, 'openstack', 'insights-core_glance_log_samples.log'), 'utf8');

const HOST = 'cloudpods/host.log';
const MESSAGES = 'var/log/messages';
const GLANCE_PATH = 'openstack/glance-api.log';
const ZONE = '+08:00';

let dir: string;
let dataDir: string;
let bundle: string;

async function call<T>(manager: CaseManager, method: string, payload: unknown): Promise<ApiResult<T>> {
  return (await dispatchRequest(manager, method, payload)) as ApiResult<T>;
}
async function value<T>(manager: CaseManager, method: string, payload: unknown): Promise<T> {
  const result = await call<T>(manager, method, payload);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}
const newManager = () => new CaseManager({ dataDir, cacheDir: join(dataDir, 'index-cache') });

/** Opens (or reopens) and reads a case: its inventory, whether it came from the cache, each file's event times. */
async function read(manager: CaseManager, method: 'openCase' | 'reopenCase', payload: unknown) {
  const { caseId } = await value<{ caseId: string }>(manager, method, payload);
  await manager.settled(caseId);
  const cache = await manager.cacheSettled(caseId);
  const inventory = await value<Inventory>(manager, 'inventory', { caseId });
  const page = await value<EventsPage>(manager, 'events', { caseId, limit: 5000 });
  const times = (path: string) => page.rows.filter((r) => r.path === path).map((r) => r.time);
  const file = (path: string) => inventory.files.find((f) => f.path === path)!;
  const status = await value<CaseStatus>(manager, 'caseStatus', { caseId });
  return { caseId, cached: cache?.cached, inventory, times, file, status, page };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-timesettings-'));
  dataDir = join(dir, 'data');
  bundle = join(dir, 'incident.tar.gz');
  await writeFile(
    bundle,
    await buildTarGz([
      { name: HOST, data: CLOUDPODS + '\n' },
      { name: GLANCE_PATH, data: GLANCE },
      // Modified a week after its last line: the year is guessed from it (2016).
      { name: MESSAGES, data: SYSLOG, mtime: new Date('2016-11-10T00:00:00Z') },
    ]),
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const utc = (iso: string) => Date.parse(iso);
const SET: TimeSettings = { zone: ZONE, files: { [HOST]: { zone: 'UTC' }, [MESSAGES]: { year: 2019 } } };

describe('time settings of a case', () => {
  let manager: CaseManager;
  let firstId: string;
  beforeAll(() => {
    manager = newManager();
  });

  it('reads zone-less times in the case zone and guesses the year, as before', async () => {
    const first = await read(manager, 'openCase', { paths: [bundle], zone: ZONE });
    firstId = first.caseId;
    expect(first.cached).toBe(false);
    // The zone-less lines read in +08:00 sit 8 hours before the UTC lines of the same second.
    expect(first.times(HOST)).toEqual([
      ...Array<number>(6).fill(utc('2026-06-08T20:05:08Z')),
      ...Array<number>(2).fill(utc('2026-06-09T04:05:08Z')),
    ]);
    expect(first.file(HOST).timeGuess).toEqual({ zone: 'assumed' });
    expect(first.file(MESSAGES).timeGuess).toMatchObject({ year: 'file-time', zone: 'assumed' });
    expect(first.times(MESSAGES)[0]).toBe(utc('2016-11-03T09:23:38+08:00'));
    expect(first.file(GLANCE_PATH).firstTime).toBe(utc('2016-11-09T14:36:35.618+08:00'));
  }, 60_000);

  it('reads the case again with a file zone and a file year: exact times, told as set', async () => {
    const again = await read(manager, 'reopenCase', { caseId: firstId, time: SET });
    expect(again.caseId).not.toBe(firstId);
    // Another key: the first read's cache entry is not reused.
    expect(again.cached).toBe(false);
    expect(again.times(HOST)).toEqual(Array<number>(8).fill(utc('2026-06-09T04:05:08Z')));
    expect(again.file(HOST).timeGuess).toEqual({ zone: 'assumed', set: { zone: 'UTC' } });
    const messages = again.times(MESSAGES);
    expect(messages[0]).toBe(utc('2019-11-03T09:23:38+08:00'));
    expect(messages.every((t) => new Date(t! + 8 * 3600_000).getUTCFullYear() === 2019)).toBe(true);
    expect(again.file(MESSAGES).timeGuess?.set).toEqual({ year: 2019 });
    expect(again.file(MESSAGES).firstTime).toBe(utc('2019-11-03T09:23:38+08:00'));
    // The other files are read as before; the timeline is in time order with the new times.
    expect(again.file(GLANCE_PATH).firstTime).toBe(utc('2016-11-09T14:36:35.618+08:00'));
    const order = again.page.rows.map((r) => r.time!);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(again.status.zone).toBe(ZONE);
  }, 60_000);

  it('keeps the settings when the UI saves its state without them', async () => {
    const { caseId } = await read(manager, 'openCase', { paths: [bundle], zone: ZONE });
    const state = await value<CaseState>(manager, 'caseState', { caseId });
    expect(state).not.toHaveProperty('time');
    await value(manager, 'saveCaseState', { caseId, state: { ...state, query: 'level:error' } });
    const reopened = await read(newManager(), 'openCase', { paths: [bundle], zone: ZONE });
    expect(reopened.times(HOST)[0]).toBe(utc('2026-06-09T04:05:08Z'));
  }, 60_000);

  it('applies the kept settings when the case is opened again, from their own cache entry', async () => {
    const other = newManager();
    const opened = await read(other, 'openCase', { paths: [bundle], zone: ZONE });
    expect(opened.cached).toBe(true);
    expect(opened.times(HOST)).toEqual(Array<number>(8).fill(utc('2026-06-09T04:05:08Z')));
    expect(opened.times(MESSAGES)[0]).toBe(utc('2019-11-03T09:23:38+08:00'));
    expect(opened.file(MESSAGES).timeGuess?.set).toEqual({ year: 2019 });
  }, 60_000);

  it('resets a file to its guess: the first read, from its own cache entry', async () => {
    const current = await read(manager, 'openCase', { paths: [bundle], zone: ZONE });
    const reset = await read(manager, 'reopenCase', {
      caseId: current.caseId,
      time: { zone: ZONE, files: { [HOST]: { zone: 'UTC' } } },
    });
    expect(reset.times(MESSAGES)[0]).toBe(utc('2016-11-03T09:23:38+08:00'));
    expect(reset.file(MESSAGES).timeGuess?.set).toBeUndefined();
    expect(reset.times(HOST)[0]).toBe(utc('2026-06-09T04:05:08Z'));
    const back = await read(manager, 'reopenCase', { caseId: reset.caseId, time: { zone: ZONE, files: {} } });
    expect(back.cached).toBe(true);
    expect(back.times(HOST)[0]).toBe(utc('2026-06-08T20:05:08Z'));
    expect(back.file(HOST).timeGuess).toEqual({ zone: 'assumed' });
  }, 60_000);

  it('refuses bad settings, naming the field and the value', async () => {
    const { caseId } = await read(manager, 'openCase', { paths: [bundle], zone: ZONE });
    expect(
      await call(manager, 'reopenCase', { caseId, time: { zone: ZONE, files: { [HOST]: { zone: 'UTC+8' } } } }),
    ).toEqual({
      ok: false,
      error:
        'reopenCase: time.files.cloudpods/host.log.zone: unknown time zone "UTC+8" (use local, UTC, +08:00 or an IANA name)',
    });
    expect(
      await call(manager, 'reopenCase', { caseId, time: { zone: ZONE, files: { [MESSAGES]: { year: 'x' } } } }),
    ).toEqual({
      ok: false,
      error: 'reopenCase: time.files.var/log/messages.year must be a year 1970–2100, got "x"',
    });
  }, 60_000);
});

describe('the same fixes on the command line', () => {
  const hitTimes = async (query: string, extra: string[]) => {
    const json = join(dir, `hits-${Math.random().toString(36).slice(2)}.json`);
    const run = await runCli([
      'search',
      bundle,
      query,
      '--zone',
      ZONE,
      '--no-cache',
      '--quiet',
      '--json',
      json,
      ...extra,
    ]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const doc = JSON.parse(await readFile(json, 'utf8')) as { hits: { time: string }[] };
    return doc.hits.map((h) => Date.parse(h.time));
  };

  it('--file-zone and --file-year give the times the Files view would', async () => {
    const fixes = ['--file-zone', 'cloudpods/**=UTC', '--file-year', 'var/log/*=2019'];
    expect(await hitTimes('file:cloudpods/host.log', [])).toContain(utc('2026-06-08T20:05:08Z'));
    expect(await hitTimes('file:cloudpods/host.log', fixes)).toEqual(
      Array<number>(8).fill(utc('2026-06-09T04:05:08Z')),
    );
    const messages = await hitTimes('file:var/log/messages', fixes);
    expect(messages[0]).toBe(utc('2019-11-03T09:23:38+08:00'));
  }, 60_000);

  it('lists them in --help and names a bad value', async () => {
    for (const command of ['analyze', 'search', 'trace']) {
      const help = await runCli([command, '--help']);
      expect(help.out).toMatch(/--file-zone GLOB=ZONE/);
      expect(help.out).toMatch(/--file-year GLOB=YEAR/);
    }
    const year = await runCli(['search', bundle, 'x', '--file-year', 'var/log/*=19', '--no-cache', '--quiet']);
    expect(year.code).not.toBe(0);
    expect(year.err).toMatch(/--file-year var\/log\/\*=19: the year must be 1970–2100, got "19"/);
    const zone = await runCli(['analyze', bundle, '--file-zone', 'cloudpods/**=Mars', '--no-cache', '--quiet']);
    expect(zone.code).toBe(2);
    expect(zone.err).toMatch(/--file-zone cloudpods\/\*\*=Mars: unknown time zone "Mars"/);
    const shape = await runCli(['trace', bundle, 'x', '--file-zone', 'UTC', '--no-cache', '--quiet']);
    expect(shape.err).toMatch(/--file-zone wants GLOB=ZONE, got "UTC"/);
  }, 60_000);
});
