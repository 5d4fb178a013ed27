/**
 * The case library in the app (issue 18 part 2), through `tarsier serve` in Chromium at 1366×768:
 * case A (node-a of the compare pair) gets a ticket, a conclusion and a pin with a planted secret
 * in its note, and is saved; case B (node-b: the same error and pod templates, a day later) then
 * lists A under "Similar past cases" with its ticket, its findings and error templates say "seen
 * before in TCK-4711 (…)"; the Library panel finds A by a word of its conclusion (English and
 * Chinese), exports it with the secret masked, deletes it with Undo, and the exported file
 * imported on a fresh data folder lists the case.
 * Screenshots: test-results/e2e/library-*.png (light and dark, English and Chinese).
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeComparePair } from '../fixtures/comparePair.ts';
import {
  assertBuilt,
  CHROMIUM_ARGS,
  collectPageProblems,
  SCREENSHOTS,
  startServe,
  type Served,
} from './serveHarness.ts';

const TICKET = 'TCK-4711';
const SECRET = 'Qz8vHunter2xK';
const CONCLUSION = 'Scheduler quota exhausted after the upgrade; 配额耗尽，重启后恢复。';

let dir: string;
let pairDir: string;
let pair: { a: string; b: string };
let served: Served | null = null;
let browser: Browser;
let page: Page;
/** The exported library file (written by the export test, imported by the last). */
let exportedFile = '';
const problems: string[] = [];

const shot = (name: string): Promise<Buffer> =>
  page.screenshot({ path: join(SCREENSHOTS, `library-${name}.png`), fullPage: false, animations: 'disabled' });
const tab = (name: string) => page.locator(`#tab-${name}`);

/** Closes the finding that opens by itself and brings the first "seen before" mark into view. */
async function frameSeenBefore(): Promise<void> {
  const head = page.getByTestId('finding').first().locator('.ov-finding-head');
  if ((await head.getAttribute('aria-expanded')) === 'true') await head.click();
  await page.getByTestId('finding').getByTestId('seen-before').first().scrollIntoViewIfNeeded();
}

/** The Case tab scrolled so that the similar cases section is at the top. */
const frameSimilar = (): Promise<void> =>
  page.getByTestId('similar-cases').evaluate((el) => el.scrollIntoView({ block: 'start' }));

/** The library's cases as the engine lists them (the page's own bridge). */
const libraryTickets = (): Promise<string[]> =>
  page.evaluate(async () => {
    const res = await fetch('/api/libraryCases', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    const result = (await res.json()) as { ok: boolean; value?: { cases: { ticket: string }[] } };
    return result.ok ? (result.value?.cases ?? []).map((c) => c.ticket) : [`error: ${JSON.stringify(result)}`];
  });

async function serve(bundles: string[], dataDir: string): Promise<void> {
  served = await startServe([...bundles, '--allow', pairDir, '--port', '0', '--zone', '+08:00'], { dataDir });
  await page.goto(served.url);
}

async function openByPath(path: string): Promise<void> {
  await page.getByRole('button', { name: 'Open another bundle' }).click();
  await page.locator('#bundle-path').fill(path);
  await page.locator('#bundle-path').press('Enter');
  await page.waitForSelector('body[data-diagnosed="true"]', { timeout: 90_000 });
}

beforeAll(async () => {
  assertBuilt();
  await mkdir(SCREENSHOTS, { recursive: true });
  dir = await mkdtemp(join(tmpdir(), 'tarsier-e2e-library-'));
  pairDir = join(dir, 'pair');
  pair = await writeComparePair(pairDir);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'en-US',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  page = await context.newPage();
  collectPageProblems(page, problems);
  await serve([pair.a], join(dir, 'data'));
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

describe('the case library', () => {
  it('keeps a saved case: ticket, conclusion and a pin', async () => {
    // A case never saved is not in the library, and the Case tab says the library is empty.
    await tab('case').click();
    await expect.poll(() => page.getByTestId('similar-empty').innerText(), { timeout: 30_000 }).toContain('empty');

    await tab('overview').click();
    const finding = page.getByTestId('finding').first();
    // The first finding opens by itself; opened here only when it did not.
    const head = finding.locator('.ov-finding-head');
    if ((await head.getAttribute('aria-expanded')) !== 'true') await head.click();
    await finding.getByTestId('pin-evidence').first().click();
    await tab('case').click();
    await page.getByLabel('Ticket').fill(TICKET);
    await page.getByTestId('case-conclusion').fill(CONCLUSION);
    await page.getByTestId('pin').locator('textarea').fill(`The db login password=${SECRET} was in the log`);
    await expect.poll(libraryTickets, { timeout: 30_000 }).toEqual([TICKET]);
  }, 120_000);

  it('names it as seen before and similar when a case like it opens', async () => {
    await openByPath(pair.b);
    await tab('case').click();
    const similar = page.getByTestId('similar-case');
    await expect.poll(() => similar.count(), { timeout: 30_000 }).toBe(1);
    const row = similar.first();
    expect(await row.locator('summary').innerText()).toMatch(
      /^TCK-4711\s+\d{4}-\d\d-\d\d\s+Scheduler quota exhausted.*\s+\d+ shared templates? \(\d+ %\)$/,
    );
    expect(await page.getByTestId('library-size').innerText()).toBe('1 case in the library');
    await row.locator('summary').click();
    expect(await row.locator('.lib-examples li').count()).toBeGreaterThan(0);
    expect(await row.innerText()).toContain('Volume <*> could not be found.');
    await frameSimilar();
    await shot('case-similar-en-light');

    await tab('overview').click();
    const seen = page.getByTestId('finding').getByTestId('seen-before');
    await expect.poll(() => seen.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await seen.first().innerText()).toMatch(/seen before in TCK-4711 \(\d{4}-\d\d-\d\d, concluded: Scheduler/);
    await frameSeenBefore();
    await shot('overview-seen-en-light');

    await tab('patterns').click();
    const seenRow = page.getByTestId('pattern-row').filter({ hasText: 'could not be found' });
    await expect.poll(() => seenRow.getByTestId('seen-before').count(), { timeout: 30_000 }).toBe(1);
    // An info template (the boot requests, in both cases) carries no mark.
    expect(
      await page.getByTestId('pattern-row').filter({ hasText: 'Boot host' }).getByTestId('seen-before').count(),
    ).toBe(0);
  }, 180_000);

  it('finds the case by a word of its conclusion, in English and in Chinese', async () => {
    await tab('case').click();
    await page.getByTestId('library-open').click();
    const panel = page.getByTestId('library-panel');
    await panel.waitFor();
    await page.getByTestId('library-search').fill('quota');
    const hits = page.getByTestId('library-hit');
    await expect.poll(() => hits.allInnerTexts(), { timeout: 20_000 }).toEqual([expect.stringContaining(TICKET)]);
    expect(await hits.first().innerText()).toMatch(/conclusion/);
    await shot('panel-en-light');
    await page.getByTestId('library-search').fill('配额');
    await expect.poll(() => hits.allInnerTexts(), { timeout: 20_000 }).toEqual([expect.stringContaining(TICKET)]);
    await page.getByTestId('library-search').fill('nosuchwordanywhere');
    await expect.poll(() => page.getByTestId('library-hits').innerText()).toContain('No past case matches');
  });

  it('exports the library with the planted secret masked', async () => {
    await page.getByTestId('library-export').click();
    expect(await page.getByTestId('library-redact-secrets').isChecked()).toBe(true);
    expect(await page.getByTestId('library-redact-network').isChecked()).toBe(false);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('library-export-run').click(),
    ]);
    exportedFile = join(dir, download.suggestedFilename());
    await download.saveAs(exportedFile);
    const text = await readFile(exportedFile, 'utf8');
    const file = JSON.parse(text) as { format: string; redacted: { secrets: boolean }; cases: { ticket: string }[] };
    expect(file.format).toBe('tarsier.library/1');
    expect(file.redacted.secrets).toBe(true);
    expect(file.cases.map((c) => c.ticket)).toEqual([TICKET]);
    expect(text).toContain('The db login password=');
    expect(text).not.toContain(SECRET);
    expect(await page.getByTestId('library-message').innerText()).toContain('1 case saved');
  });

  it('deletes a case with Undo, and deletes it for good once the panel closes', async () => {
    const rows = page.getByTestId('library-case');
    expect(await rows.count()).toBe(1);
    await rows.first().getByTestId('library-delete').click();
    await expect.poll(() => rows.count()).toBe(0);
    expect(await page.getByTestId('library-message').innerText()).toContain(`${TICKET} was deleted`);
    await page.getByTestId('library-undo').click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await libraryTickets()).toEqual([TICKET]);

    await rows.first().getByTestId('library-delete').click();
    await expect.poll(() => rows.count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('library-panel').count()).toBe(0);
    await expect.poll(libraryTickets).toEqual([]);
    // The open case asks again: nothing left to be alike.
    await expect.poll(() => page.getByTestId('similar-empty').innerText()).toContain('empty');
  });

  it('imports the exported file into a fresh data folder and lists the case', async () => {
    await page.goto('about:blank');
    await served!.stop();
    await serve([], join(dir, 'fresh-data'));
    await page.getByTestId('start-library').click();
    await page.getByTestId('library-panel').waitFor();
    await expect.poll(() => page.getByTestId('library-cases').innerText()).toContain('No case yet');
    await page.getByTestId('library-import-file').setInputFiles(exportedFile);
    await expect.poll(() => page.getByTestId('library-message').innerText()).toMatch(/1 added, 0 updated/);
    const rows = page.getByTestId('library-case');
    await expect.poll(() => rows.allInnerTexts()).toEqual([expect.stringContaining(TICKET)]);
    expect(await rows.first().innerText()).toContain('imported');
    expect(await libraryTickets()).toEqual([TICKET]);

    // A file that is not JSON is refused with its name.
    await page.getByTestId('library-import-file').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not json'),
    });
    await expect.poll(() => page.getByTestId('library-message').innerText()).toContain('notes.txt is not a JSON file');
    await page.keyboard.press('Escape');
  });

  it('shows the same surfaces in Chinese and dark', async () => {
    await page.locator('.theme-select').selectOption('dark');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByTestId('start-library').click();
    await page.getByTestId('library-search').fill('配额');
    await expect.poll(() => page.getByTestId('library-hit').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId('library-hit').innerText()).toContain('结论');
    await shot('panel-zh-dark');
    await page.keyboard.press('Escape');

    // B opened on this library: the imported A is its similar case, and the finding says 见过.
    await page.locator('#bundle-path').fill(pair.b);
    await page.locator('#bundle-path').press('Enter');
    await page.waitForSelector('body[data-diagnosed="true"]', { timeout: 90_000 });
    const seen = page.getByTestId('finding').getByTestId('seen-before');
    await expect.poll(() => seen.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await seen.first().innerText()).toMatch(/^↺\s*见过：TCK-4711（\d{4}-\d\d-\d\d，结论：Scheduler/);
    await frameSeenBefore();
    await shot('overview-seen-zh-dark');
    await tab('case').click();
    await expect.poll(() => page.getByTestId('similar-case').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('similar-shared').innerText()).toMatch(/^\d+ 个相同模板（\d+ %）$/);
    await page.getByTestId('similar-case').locator('summary').click();
    await frameSimilar();
    await shot('case-similar-zh-dark');
    await page.locator('.theme-select').selectOption('system');
    await page.getByRole('button', { name: 'English' }).click();
  }, 180_000);
});
