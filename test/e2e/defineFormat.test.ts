/**
 * Define a format, end to end through `tarsier serve` in Chromium: a bundle with a file no
 * built-in format times shows the untimed notice with its events; the dialog proposes a format
 * from its first line, a mark moved by keyboard selection changes the regex and the live effect;
 * Enter saves it to the data folder's formats/, and the case read again shows the file timed.
 * Screenshots: test-results/e2e/define-format-*.png.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  CHROMIUM_ARGS,
  OSLO_LINES,
  SCREENSHOTS,
  startServe,
  writeTarGz,
  type Served,
  collectPageProblems,
} from './serveHarness.ts';

const ACME_PATH = 'var/log/acme/gateway.log';
const OSLO_PATH = 'opt/installer/production/logs/porter/porter-api.log';
const LEVELS = ['INFO', 'INFO', 'WARN', 'INFO', 'ERROR'];
const ACME_LINES = Array.from({ length: 30 }, (_, i) => [
  `acme|07.12.2025|01:02:${String(i).padStart(2, '0')}|${LEVELS[i % 5]}|queue depth ${i} on worker-${i % 3}`,
  ...(i % 10 === 9 ? ['    at Queue.push (queue.js:12)'] : []),
]).flat();

let dir: string;
let served: Served;
let browser: Browser;
let page: Page;
const problems: string[] = [];

const shot = (name: string): Promise<Buffer> =>
  page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

beforeAll(async () => {
  assertBuilt();
  await mkdir(SCREENSHOTS, { recursive: true });
  dir = await mkdtemp(join(tmpdir(), 'tarsier-e2e-df-'));
  const bundle = join(dir, 'case-acme.tar.gz');
  await writeTarGz(bundle, [
    { name: OSLO_PATH, body: OSLO_LINES.join('\n') + '\n' },
    { name: ACME_PATH, body: ACME_LINES.join('\n') + '\n' },
  ]);
  served = await startServe([bundle, '--port', '0', '--zone', 'UTC']);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  page = await context.newPage();
  collectPageProblems(page, problems);
});

afterEach(() => {
  const seen = problems.splice(0);
  expect(seen, 'console and page errors').toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('Define a format', () => {
  it('tells the untimed file, defines a format from its line, saves it and reads the case again', async () => {
    await page.goto(served.url);
    await page.waitForSelector('body[data-case="ready"]', { timeout: 60_000 });
    await page.getByRole('tab', { name: 'Files' }).click();
    await page.waitForSelector('body[data-ready="inventory"]', { timeout: 60_000 });

    const notice = page.getByTestId('untimed-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('1 file has no time: 33 events are missing from the timeline');
    expect(await notice.textContent()).toContain(ACME_PATH);
    expect(await page.getByTestId('untimed-badge').count()).toBe(1);
    await shot('define-format-notice');

    // In Chinese (and dark), opened from the table's row and closed with Esc; then in English from the notice.
    const dialog = page.getByTestId('define-format-dialog');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByText('1 个文件没有时间：时间线上缺少 33 个事件').waitFor();
    await page.getByTestId('row-define').click();
    await dialog.waitFor();
    await expect
      .poll(() => page.getByTestId('df-counts').textContent(), { timeout: 10_000 })
      .toBe('33 行中 30 行读出时间，30 行读出级别；3 行未匹配。');
    await shot('define-format-dialog-zh');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('define-format-dialog-zh-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'English' }).click();
    await notice.getByText('1 file has no time').waitFor();
    await notice.getByRole('button', { name: `Define a format for ${ACME_PATH}` }).click();
    await dialog.waitFor();
    // The first line is proposed: time, level and message marked, the layout guessed, tried on the file.
    await expect.poll(() => page.getByTestId('df-layout').inputValue()).toBe('DD.MM.YYYY|HH:mm:ss');
    expect(await page.getByTestId('df-id').inputValue()).toBe('gateway');
    const counts = page.getByTestId('df-counts');
    await expect
      .poll(() => counts.textContent(), { timeout: 10_000 })
      .toBe('30 of 33 lines get a time, 30 a level; 3 lines are not matched.');
    expect(await page.getByTestId('df-parsed').locator('tbody tr').count()).toBe(8);
    expect(await page.getByTestId('df-unmatched').textContent()).toContain('at Queue.push');
    await shot('define-format-dialog');
    // The effect, scrolled into view inside the dialog.
    await page.getByTestId('df-effect').scrollIntoViewIfNeeded();
    await shot('define-format-effect');

    // Marking the message as "queue depth 0" alone (selected with the keyboard) closes it before " on worker-…";
    // typing into the line changes nothing.
    const line = page.getByTestId('df-line');
    const text = await line.inputValue();
    const start = text.indexOf('queue depth');
    await line.focus();
    await line.press('x');
    expect(await line.inputValue()).toBe(text);
    await line.press('Home');
    for (let i = 0; i < start; i++) await line.press('ArrowRight');
    for (let i = 0; i < 'queue depth 0'.length; i++) await line.press('Shift+ArrowRight');
    await page.getByTestId('df-mark-msg').click();
    await expect.poll(() => page.getByTestId('df-pattern').inputValue()).toContain('(?<msg>.*?)\\s+on\\s+worker-\\d+$');
    await expect
      .poll(() => page.getByTestId('df-parsed').locator('tbody tr').first().textContent())
      .toContain('queue depth 0');

    // A layout that does not read the sample's time is named, and saving is refused until it is fixed.
    await page.getByTestId('df-layout').fill('YYYY-MM-DD HH:mm:ss');
    await expect.poll(() => page.getByTestId('df-problem').textContent()).toContain('does not read the time');
    expect(await page.getByTestId('df-save').isDisabled()).toBe(true);
    await shot('define-format-problem');
    await page.getByTestId('df-layout').fill('DD.MM.YYYY|HH:mm:ss');
    await expect.poll(() => page.getByTestId('df-save').isDisabled()).toBe(false);

    // Enter saves; the case is read again with the format and opens on its Files tab.
    await page.getByTestId('df-name').fill('Acme gateway');
    await page.getByTestId('df-name').press('Enter');
    // The saved notice shows while the read is asked for; the app then follows the new read.
    await page.waitForSelector('[data-testid="define-format-dialog"]', { state: 'detached', timeout: 60_000 });
    const saved = JSON.parse(await readFile(join(served.dataDir, 'formats', 'gateway.json'), 'utf8'));
    expect(saved).toMatchObject({
      id: 'gateway',
      name: 'Acme gateway',
      time: { group: 'ts', layout: 'DD.MM.YYYY|HH:mm:ss' },
      samples: [{ line: ACME_LINES[0], expect: { time: '2025-12-07T01:02:00.000Z', level: 'info' } }],
    });
    await page.waitForSelector('body[data-ready="inventory"]', { timeout: 60_000 });
    expect(await page.getByTestId('untimed-notice').count()).toBe(0);
    const row = page.getByTestId('files-table').locator('tr', { hasText: 'gateway.log' });
    expect(await row.textContent()).toContain('2025-12-07');
    expect(await row.textContent()).toContain('gateway');
    await shot('define-format-after');
  }, 180_000);
});
