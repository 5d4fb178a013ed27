/**
 * The time control of the Files view (issue 17 item 4) in a browser on `tarsier serve --zone
 * +08:00`: a Cloudpods host log whose zone-less lines were written in UTC (its ISO lines, UTC,
 * carry the same second) sits 8 hours off in the Events list until its zone is set to UTC in the
 * Files view; the case is read again, the badge says the zone was set by the engineer, the Events
 * list shows the new times, and a reload of the page keeps them. Screenshots:
 * test-results/e2e/zoneControl-*.png.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  CHROMIUM_ARGS,
  SCREENSHOTS,
  startServe,
  writeTarGz,
  type Served,
  collectPageProblems,
} from './serveHarness.ts';

/**
 * A Cloudpods host agent's start, as posted in https://github.com/yunionio/cloudpods/issues/24997
 * (shared/realdata/cloudpods/issue24997_default-host_startup.log): the 6-digit lines carry no
 * zone, the ISO lines (Cloudpods ≥ 3.11) are UTC — the same second.
 */
const CLOUDPODS = [
  '[info 260609 04:05:08 db.newTableSpec(tablespec.go:77)] new split table hostdmesg_log_tbl maxDuration 720 hour maxSegements 6',
  '[info 260609 04:05:08 procutils.WaitZombieLoop(zombie_others.go:36)] My pid is not 1 and no need to wait zombies',
  '[info 260609 04:05:08 options.parseOptions(options.go:367)] Use configuration file: /etc/yunion/host.conf',
  '[warning 260609 04:05:08 structarg.(*ArgumentParser).parseJSONKeyValue(structarg.go:1215)] Cannot find argument health-driver',
  '[info 2026-06-09 04:05:08 options.parseOptions(options.go:367)] Use configuration file: /etc/yunion/common/common.conf',
  '[info 2026-06-09 04:05:08 app.InitApp(app.go:32)] RequestWorkerCount: 8',
].join('\n');
const VENDORED = resolve(__dirname, '..', 'fixtures', 'vendored');
const HOST = 'cloudpods/host.log';

let dir: string;
let served: Served;
let browser: Browser;
let page: Page;
const problems: string[] = [];

const shot = (name: string): Promise<Buffer> =>
  page.screenshot({ path: join(SCREENSHOTS, `zoneControl-${name}.png`), fullPage: false, animations: 'disabled' });
const tab = (name: string) => page.locator(`#tab-${name}`);

/** The times (epoch ms) of the Events list's rows of the Cloudpods file, found by a search. */
async function hostTimes(): Promise<number[]> {
  await tab('events').click();
  const input = page.getByTestId('search-input');
  await input.fill(`file:${HOST}`);
  await input.press('Enter');
  const rows = page.locator('[data-testid="event-row"]');
  await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(6);
  return (await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-time'))))).sort((a, b) => a - b);
}

const utc = (iso: string) => Date.parse(iso);
const BEFORE = [
  ...Array<number>(4).fill(utc('2026-06-08T20:05:08Z')),
  ...Array<number>(2).fill(utc('2026-06-09T04:05:08Z')),
];
const AFTER = Array<number>(6).fill(utc('2026-06-09T04:05:08Z'));

beforeAll(async () => {
  assertBuilt();
  await mkdir(SCREENSHOTS, { recursive: true });
  dir = await mkdtemp(join(tmpdir(), 'tarsier-e2e-zone-'));
  const bundle = join(dir, 'zones.tar.gz');
  await writeTarGz(bundle, [
    { name: HOST, body: CLOUDPODS + '\n' },
    {
      name: 'openstack/glance-api.log',
      body: await readFile(join(VENDORED, 'openstack', 'insights-core_glance_log_samples.log')),
    },
    {
      name: 'var/log/messages',
      body: await readFile(join(VENDORED, 'lnav', 'logfile_syslog.0')),
      mtime: new Date('2016-11-10T00:00:00Z'),
    },
  ]);
  served = await startServe([bundle, '--port', '0', '--zone', '+08:00']);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'en-US',
    timezoneId: 'Asia/Shanghai',
  });
  page = await context.newPage();
  collectPageProblems(page, problems);
  await page.goto(served.url);
  await page.waitForSelector('body[data-diagnosed="true"]', { timeout: 90_000 });
}, 180_000);

afterEach(() => {
  const seen = problems.splice(0);
  expect(seen, 'console and page errors').toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('time control in the Files view', () => {
  it("sets a file's zone: the case is read again and the Events list shows the new times", async () => {
    expect(await hostTimes()).toEqual(BEFORE);

    await tab('files').click();
    const row = page.locator('[data-testid="files-table"] tr', { hasText: HOST });
    await expect.poll(() => row.getByTestId('guess-zone').getAttribute('data-source')).toBe('guessed');
    await row.getByTestId('row-set-time').click();
    const dialog = page.getByTestId('time-settings-dialog');
    await dialog.waitFor();
    // The focus starts on the zone picker: the keyboard alone can set it.
    expect(await page.evaluate<string | null>('document.activeElement?.dataset?.testid ?? null')).toBe('ts-zone');
    await dialog.getByTestId('ts-zone').selectOption('UTC');
    await shot('1-dialog');
    await dialog.getByTestId('ts-apply').click();

    // Read again, back on the Files tab, the badge says what was set.
    const badge = page.locator('[data-testid="files-table"] tr', { hasText: HOST }).getByTestId('guess-zone');
    await expect.poll(() => badge.getAttribute('data-source'), { timeout: 60_000 }).toBe('set');
    expect(await badge.textContent()).toBe('zone UTC · set by you');
    await page.waitForSelector('body[data-diagnosed="true"]', { timeout: 60_000 });
    await shot('2-files-set');

    expect(await hostTimes()).toEqual(AFTER);
  }, 120_000);

  it('keeps the setting across a reload of the page', async () => {
    await page.reload();
    await page.waitForSelector('body[data-diagnosed="true"]', { timeout: 60_000 });
    expect(await hostTimes()).toEqual(AFTER);
    await tab('files').click();
    const row = page.locator('[data-testid="files-table"] tr', { hasText: HOST });
    expect(await row.getByTestId('guess-zone').getAttribute('data-source')).toBe('set');
  }, 120_000);

  it('resets the file to its guess with the keyboard', async () => {
    const row = page.locator('[data-testid="files-table"] tr', { hasText: HOST });
    await row.getByTestId('row-set-time').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('time-settings-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('ts-reset').click();
    const badge = page.locator('[data-testid="files-table"] tr', { hasText: HOST }).getByTestId('guess-zone');
    await expect.poll(() => badge.getAttribute('data-source'), { timeout: 60_000 }).toBe('guessed');
    await page.waitForSelector('body[data-diagnosed="true"]', { timeout: 60_000 });
    expect(await hostTimes()).toEqual(BEFORE);
  }, 120_000);
});
