/**
 * The progress of opening a case (issue 17, item 6), in the served UI: while the case opens, the
 * page names the phase under way with its percentage ("Indexing · 12 MB of 48 MB · 25 % · …"),
 * and once the case is diagnosed no progress is left on screen. Every text the progress took is
 * recorded in the page as it changes (a MutationObserver), so nothing depends on when a check runs.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateBundle } from '../fixtures/generateBundle.ts';
import {
  assertBuilt,
  CHROMIUM_ARGS,
  collectPageProblems,
  SCREENSHOTS,
  startServe,
  type Served,
} from './serveHarness.ts';

let dir: string;
let bundle: string;
let served: Served;
let browser: Browser;
let page: Page;
const problems: string[] = [];

/** Records, in the page, every text of the progress caption (reading screen) and status (workspace). */
const RECORD_PROGRESS = `
  window.__progressTexts = [];
  new MutationObserver(() => {
    for (const el of document.querySelectorAll('[data-testid="work-caption"], [data-testid="work-status"]')) {
      const text = el.getAttribute('data-phase') + '|' + el.textContent;
      const seen = window.__progressTexts;
      if (seen[seen.length - 1] !== text) seen.push(text);
    }
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
`;

beforeAll(async () => {
  assertBuilt();
  await mkdir(SCREENSHOTS, { recursive: true });
  dir = await mkdtemp(join(tmpdir(), 'tarsier-e2e-progress-'));
  bundle = join(dir, 'incident-progress.tar.gz');
  await generateBundle({ seed: 5, targetBytes: 6_000_000, outPath: bundle });
  served = await startServe(['--port', '0', '--allow', dir]);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
  page = await context.newPage();
  collectPageProblems(page, problems);
  await page.addInitScript(RECORD_PROGRESS);
  await page.goto(served.url);
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

describe('progress while a case opens', () => {
  it('names the phase and its percentage, then leaves nothing once diagnosed', async () => {
    await page.getByLabel('Or type the path').fill(bundle);
    await page.keyboard.press('Enter');
    await page.waitForSelector('body[data-diagnosed="true"]', { timeout: 120_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'progress-diagnosed.png') });
    const texts = (await page.evaluate('window.__progressTexts')) as string[];
    const phases = ['Reading', 'Indexing', 'Sealing the index', 'Writing the cache', 'Looking for known problems'];
    const shown = texts.filter((text) => {
      const [phase, words] = text.split('|');
      return phase !== 'null' && phases.some((p) => words.startsWith(`${p} · `)) && / · \d+ % · /.test(words);
    });
    expect(shown.length, `progress texts seen: ${JSON.stringify(texts)}`).toBeGreaterThan(0);
    // The percentage is a whole number from 0 to 100 and the label ends with the time left or "estimating…".
    for (const text of shown) {
      const pct = Number(/ · (\d+) % · /.exec(text)![1]);
      expect(pct).toBeGreaterThanOrEqual(0);
      expect(pct).toBeLessThanOrEqual(100);
      expect(text).toMatch(/ · (about .+ left|estimating…)$/);
    }
    await expect.poll(() => page.getByTestId('work-status').count()).toBe(0);
    await expect.poll(() => page.locator('.tabs-status').innerText()).toBe('');
  }, 180_000);
});
