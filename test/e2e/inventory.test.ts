/**
 * The UI end to end, through `tarsier serve` in Chromium: the inventory of a bundle given on
 * the command line, the token and loopback rules of the bridge, Chinese, the start screen, a
 * typed path, the reading view with Esc to cancel, the upload endpoint and a simulated drop.
 * Any console error or page error fails the test that caused it. Screenshots: test-results/e2e/.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page, type Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  CHROMIUM_ARGS,
  OSLO_LINES,
  ROOT,
  SCREENSHOTS,
  startServe,
  truncatedGzipLog,
  tryConnect,
  writeLargeTarGz,
  writeTarGz,
  type Served,
  collectPageProblems,
} from './serveHarness.ts';

const LOG_PATH = 'opt/installer/production/logs/porter/porter-api.log';
const EMPTY_PATH = 'opt/installer/production/logs/porter/empty.log';
const BINARY_PATH = 'opt/installer/production/data/blob.bin';
const TRUNCATED_PATH = 'opt/installer/production/logs/unicloud/unicloud-engine.log.1.gz';
const HAMAL_PATH = 'var/log/hamal/vm-web01.log';
/** lnav's syslog test log (test/fixtures/vendored): `Nov  3 09:23:38`, no year; zip's 1980 mtime. */
const SYSLOG_PATH = 'var/log/messages';
const HAR_PATH = 'var/log/capture/humanssuck.net.har';
const VENDORED = join(ROOT, 'test', 'fixtures', 'vendored');

let dir: string;
let bundle: string;
let served: Served;
let browser: Browser;
let page: Page;
const problems: string[] = [];

const shot = (name: string): Promise<Buffer> =>
  page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
/** The case opens on its overview; the inventory is its Files tab. */
const waitReady = async (): Promise<unknown> => {
  await page.waitForSelector('body[data-case="ready"]', { timeout: 60_000 });
  await page.getByRole('tab', { name: 'Files' }).click();
  return page.waitForSelector('body[data-ready="inventory"]', { timeout: 60_000 });
};
const backToStart = async (): Promise<void> => {
  await page.getByRole('button', { name: 'Open another bundle' }).click();
  await page.getByRole('heading', { name: 'Open a log bundle' }).waitFor();
};

beforeAll(async () => {
  assertBuilt();
  await mkdir(SCREENSHOTS, { recursive: true });
  dir = await mkdtemp(join(tmpdir(), 'tarsier-e2e-'));
  bundle = join(dir, 'case-4711.tar.gz');
  await writeTarGz(bundle, [
    { name: LOG_PATH, body: OSLO_LINES.join('\n') + '\n' },
    { name: EMPTY_PATH, body: '' },
    { name: BINARY_PATH, body: Buffer.from([0, 1, 2, 3, 0, 255, 254, 0, 0, 0, 7, 8, 9, 0x89, 0x50]) },
    { name: TRUNCATED_PATH, body: truncatedGzipLog() },
    {
      name: HAMAL_PATH,
      body: '2025-09-18 16:20:00,001 - INFO - sync started\n2025-09-18 16:21:00,001 - ERROR - sync failed\n',
    },
    {
      name: SYSLOG_PATH,
      body: readFileSync(join(VENDORED, 'lnav', 'logfile_syslog.0')),
      mtime: new Date(Date.UTC(1980, 0, 1)),
    },
    { name: HAR_PATH, body: readFileSync(join(VENDORED, 'har', 'humanssuck.net.har')) },
  ]);
  // The start screen's typed paths are files of this folder: serve opens only what it is allowed.
  served = await startServe([bundle, '--port', '0', '--allow', dir]);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  page = await context.newPage();
  collectPageProblems(page, problems);
  page.on('requestfailed', (request) => {
    if (request.failure()?.errorText !== 'net::ERR_ABORTED')
      problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
  });
});

afterEach(() => {
  const seen = problems.splice(0);
  expect(seen, 'console and page errors').toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  const exit = await served?.stop();
  await rm(dir, { recursive: true, force: true });
  // Graceful shutdown on SIGTERM: exit code 0.
  expect(exit, served?.output()).toBe(0);
});

describe('tarsier serve in Chromium', () => {
  it('refuses every request without the token (403)', async () => {
    const json = { 'Content-Type': 'application/json' };
    const body = JSON.stringify({ caseId: 'abc' });
    expect((await fetch(`${served.origin}/api/caseStatus`, { method: 'POST', headers: json, body })).status).toBe(403);
    expect(
      (
        await fetch(`${served.origin}/api/caseStatus`, {
          method: 'POST',
          headers: { ...json, 'X-Tarsier-Token': 'x'.repeat(43) },
          body,
        })
      ).status,
    ).toBe(403);
    expect((await fetch(`${served.origin}/`)).status).toBe(403);
    expect((await fetch(`${served.origin}/?token=wrong`, { redirect: 'manual' })).status).toBe(403);
    expect((await fetch(`${served.origin}/bridge/session`)).status).toBe(403);
    expect((await fetch(`${served.origin}/bridge/upload?name=x.log`, { method: 'POST', body: 'hello' })).status).toBe(
      403,
    );
    // With the token: accepted (an unknown case is an ordinary API failure, not an HTTP error).
    const good = await fetch(`${served.origin}/api/caseStatus`, {
      method: 'POST',
      headers: { ...json, 'X-Tarsier-Token': served.token },
      body,
    });
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({ ok: false, error: expect.stringContaining('no case abc') });
    // A foreign Origin, even with the token, is refused.
    const foreign = await fetch(`${served.origin}/api/caseStatus`, {
      method: 'POST',
      headers: { ...json, 'X-Tarsier-Token': served.token, Origin: 'http://evil.example' },
      body,
    });
    expect(foreign.status).toBe(403);
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(new URL(served.url).hostname).toBe('127.0.0.1');
    expect(await tryConnect('127.0.0.1', served.port)).toBe('connected');
    // Another loopback address and every external interface must not answer.
    expect(await tryConnect('127.0.0.2', served.port)).not.toBe('connected');
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal)
      .map((a) => a!.address);
    for (const address of external) expect(await tryConnect(address, served.port), address).not.toBe('connected');
  });

  it('shows the inventory of the bundle given on the command line', async () => {
    await page.goto(served.url);
    expect(new URL(page.url()).search, 'the token leaves the address bar').toBe('');
    await waitReady();
    const table = page.getByTestId('files-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(5);
    const row = table.locator('tbody tr', { hasText: 'porter-api.log' });
    const text = await row.innerText();
    expect(text).toContain('porter / porter-api');
    expect(text).toContain('oslo');
    expect(text).toContain('2025-09-18');
    expect(await row.locator('.pill-error').innerText()).toContain('1');
    expect(await table.locator('tbody tr', { hasText: 'vm-web01.log' }).innerText()).toContain('hamal / vm-web01');
    // A file cut short is marked, with the reason on hover, and listed under problems.
    const truncated = table.locator('tbody tr', { hasText: 'unicloud-engine.log.1.gz' });
    expect(await truncated.innerText()).toContain('unicloud / unicloud-engine');
    expect(await truncated.getByTestId('incomplete').getAttribute('title')).toContain('truncated gzip');
    expect(await page.getByTestId('problems').innerText()).toContain('truncated gzip');
    const card = await page.getByTestId('bundle-card').innerText();
    expect(card).toContain('case-4711.tar.gz');
    expect(card).toMatch(/[0-9a-f]{64}/);
    const skipped = await page.getByTestId('skipped').innerText();
    expect(skipped).toContain(EMPTY_PATH);
    expect(skipped).toContain('empty file');
    expect(skipped).toContain(BINARY_PATH);
    expect(skipped).toContain('binary file');
    // The syslog's year-less times took their year from the other files' full dates (2025-09-18).
    const syslog = table.locator('tbody tr', { hasText: 'messages' });
    expect(await syslog.innerText()).toContain('2024-11-03');
    const yearBadge = syslog.getByTestId('guess-year');
    expect(await yearBadge.innerText()).toBe('year guessed');
    expect(await yearBadge.getAttribute('title')).toMatch(
      /^Its times carry no year\. Year 2024 from 4 files with full dates in this bundle \(latest 2025-09-18 /,
    );
    expect(await syslog.getByTestId('guess-zone').getAttribute('title')).toContain('no zone offset');
    expect(await page.getByTestId('years-guessed').innerText()).toBe('1 file with a guessed year');
    // A HAR says what it is.
    const har = table.locator('tbody tr', { hasText: 'humanssuck.net.har' });
    expect(await har.getByTestId('kind-har').innerText()).toMatch(/^HAR: \d+ requests$/);
    await yearBadge.hover();
    await shot('1-inventory');
    // Filter and sort.
    await page.getByPlaceholder('Filter by path').fill('hamal');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    await page.getByPlaceholder('Filter by path').fill('no-such-component');
    await page.getByText('No file matches').waitFor();
    await page.getByRole('button', { name: 'Clear the filter' }).click();
    await page.getByRole('button', { name: 'Lines' }).click();
    expect(await page.locator('th[aria-sort="descending"]').innerText()).toContain('Lines');
  });

  it('switches the language to Simplified Chinese', async () => {
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '文件清单' }).waitFor();
    expect(await page.getByTestId('files-table').locator('thead').innerText()).toContain('模块 / 组件');
    expect(await page.getByTestId('skipped').innerText()).toContain('已跳过的条目');
    expect(await page.getByTestId('years-guessed').innerText()).toBe('1 个文件的年份为推测');
    expect(await page.getByTestId('guess-year').getAttribute('title')).toContain(
      '年份 2024 取自本日志包中 4 个带完整日期的文件',
    );
    expect(await page.evaluate('document.documentElement.lang')).toBe('zh-CN');
    await shot('2-inventory-zh');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('3-inventory-zh-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Inventory' }).waitFor();
  });

  it('offers the start screen with a drop zone and a path field, and explains a bad file', async () => {
    await backToStart();
    expect(await page.evaluate('document.body.dataset.ready ?? null')).toBeNull();
    await page.getByTestId('dropzone').waitFor();
    await shot('4-start');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '打开日志包' }).waitFor();
    await shot('4-start-zh');
    await page.getByRole('button', { name: 'English' }).click();
    // In a browser, Ctrl-O goes to the path field (the server reads the path in place).
    await page.keyboard.press('Control+O');
    expect(await page.evaluate('document.activeElement?.id')).toBe('bundle-path');
    const notArchive = join(dir, 'photo.dat');
    await writeFile(notArchive, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3]));
    await page.getByLabel('Or type the path').fill(notArchive);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const notice = page.getByTestId('notice');
    await notice.waitFor();
    const said = await notice.innerText();
    expect(said).toContain('photo.dat');
    expect(said).toContain('not an archive');
    expect(said).toContain('then open it again');
    await shot('5-start-error');
  });

  it('shows live progress while reading, and Esc cancels', async () => {
    const large = join(dir, 'large.tar.gz');
    await writeLargeTarGz(large, 1_500_000);
    await page.getByLabel('Or type the path').fill(large);
    await page.keyboard.press('Enter');
    await page.getByTestId('reading').waitFor();
    await expect
      .poll(() => page.getByTestId('current-file').innerText(), { timeout: 20_000 })
      .toContain('porter-api.log');
    await expect
      .poll(async () => Number((await page.getByTestId('lines-read').innerText()).replace(/\D/g, '')), {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    await shot('6-reading');
    await page.keyboard.press('Escape');
    const notice = page.getByTestId('notice');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.innerText()).toContain('Reading cancelled');
    await shot('7-cancelled');
  });

  it('finishes a read whose events all went by before its event stream opened', async () => {
    // The page's event stream is held back until the case is diagnosed on the server: every
    // event of the read is pushed to nobody, as on a slow machine where the read beats the stream.
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const holdEvents = async (route: Route): Promise<void> => {
      await released;
      await route.continue();
    };
    await page.route('**/bridge/events', holdEvents);
    const late = join(dir, 'late-events.tar.gz');
    await writeLargeTarGz(late, 200_000);
    const openAnswer = page.waitForResponse((response) => response.url().endsWith('/api/openCase'));
    await page.getByLabel('Or type the path').fill(late);
    await page.keyboard.press('Enter');
    const opened = (await (await openAnswer).json()) as { ok: true; value: { caseId: string } };
    await page.getByTestId('reading').waitFor();
    const serverSays = async (): Promise<boolean> => {
      const answer = await fetch(`${served.origin}/api/caseStatus`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Tarsier-Token': served.token },
        body: JSON.stringify({ caseId: opened.value.caseId }),
      });
      return ((await answer.json()) as { value?: { diagnosed?: boolean } }).value?.diagnosed === true;
    };
    await expect.poll(serverSays, { timeout: 60_000 }).toBe(true);
    release();
    await waitReady();
    expect(await page.getByTestId('bundle-card').innerText()).toContain('late-events.tar.gz');
    await page.unroute('**/bridge/events', holdEvents);
    await backToStart();
  });

  // The cases the page opens from here on, in order (from its own openCase answers).
  const pageOpened: string[] = [];

  it('accepts an upload with the token and opens it', async () => {
    page.on('response', (response) => {
      if (!response.url().endsWith('/api/openCase')) return;
      void response.json().then((answer: { ok: boolean; value?: { caseId: string } }) => {
        if (answer.ok && answer.value) pageOpened.push(answer.value.caseId);
      });
    });
    const bytes = await readFile(bundle);
    const response = await fetch(
      `${served.origin}/bridge/upload?name=${encodeURIComponent('../../up loaded;rm -rf.tar.gz')}`,
      {
        method: 'POST',
        headers: { 'X-Tarsier-Token': served.token, 'Content-Type': 'application/octet-stream' },
        body: bytes,
      },
    );
    expect(response.status).toBe(200);
    const uploaded = (await response.json()) as { ok: true; value: { path: string; bytes: number } };
    expect(uploaded.value.bytes).toBe(bytes.length);
    // In the data folder's upload store, under the sha256 of its bytes and a sanitised name.
    expect(uploaded.value.path.startsWith(join(served.dataDir, 'uploads'))).toBe(true);
    expect(uploaded.value.path).toMatch(/\/[0-9a-f]{64}\/up loaded_rm -rf\.tar\.gz$/);
    expect(await readFile(uploaded.value.path)).toEqual(bytes);
    await page.getByLabel('Or type the path').fill(uploaded.value.path);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await waitReady();
    expect(await page.getByTestId('bundle-card').innerText()).toContain('up loaded_rm -rf.tar.gz');
    expect(await page.getByTestId('files-table').innerText()).toContain('porter-api');
  });

  it('uploads a bundle dropped on the page and reads it', async () => {
    await backToStart();
    const base64 = (await readFile(bundle)).toString('base64');
    // Runs in the page (DOM types are not in this Node project, hence a string).
    const dataTransfer = await page.evaluateHandle(`(() => {
      const bytes = Uint8Array.from(atob(${JSON.stringify(base64)}), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'dropped bundle.tar.gz', { type: 'application/gzip' }));
      return transfer;
    })()`);
    await page.dispatchEvent('[data-testid="dropzone"]', 'dragover', { dataTransfer });
    await page.dispatchEvent('[data-testid="dropzone"]', 'drop', { dataTransfer });
    await waitReady();
    expect(await page.getByTestId('bundle-card').innerText()).toContain('dropped bundle.tar.gz');
    expect(await page.getByTestId('skipped').innerText()).toContain('binary file');
    await shot('8-dropped');
    // Opening another bundle closed the one the page had open: its memory is given back.
    expect(pageOpened).toHaveLength(2);
    const status = await fetch(`${served.origin}/api/caseStatus`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Tarsier-Token': served.token },
      body: JSON.stringify({ caseId: pageOpened[0] }),
    });
    expect(await status.json()).toEqual({
      ok: false,
      error: `caseStatus: case ${pageOpened[0]} was closed; open it again`,
    });
  });
});
