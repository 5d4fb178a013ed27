/**
 * Preferences belong to the engineer, not to the page's origin: `tarsier serve` listens on a new
 * port (a new origin, with empty browser storage) on every start, and the theme, the language
 * and the recent cases must still be there. Any console error or page error fails the test.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, CHROMIUM_ARGS, SCREENSHOTS, startServe, collectPageProblems } from './serveHarness.ts';

let dataDir: string;
let browser: Browser;

beforeAll(async () => {
  assertBuilt();
  await mkdir(SCREENSHOTS, { recursive: true });
  dataDir = await mkdtemp(join(tmpdir(), 'tarsier-e2e-prefs-'));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** A fresh browser context (no storage) on a fresh `serve` of the same data folder. */
async function session() {
  const served = await startServe(['--port', '0'], { dataDir });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems: string[] = [];
  collectPageProblems(page, problems);
  await page.goto(served.url);
  await page.getByTestId('open-demo').waitFor();
  return { served, context, page, problems };
}

describe('preferences across restarts of serve', () => {
  it('keeps the theme, the language and the recent cases on a new port and a new origin', async () => {
    const first = await session();
    try {
      await first.page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
      await first.page.getByRole('button', { name: '中文' }).click();
      await first.page.getByTestId('open-demo').click();
      await first.page.waitForSelector('body[data-diagnosed="true"]', { timeout: 90_000 });
      expect(first.problems).toEqual([]);
    } finally {
      await first.context.close();
      await first.served.stop();
    }

    const second = await session();
    try {
      expect(second.served.origin).not.toBe(first.served.origin);
      expect(await second.page.locator('html').getAttribute('class')).toContain('dark');
      expect(await second.page.locator('html').getAttribute('lang')).toBe('zh-CN');
      expect(await second.page.getByTestId('recent-cases').innerText()).toContain('demo-case.tar.gz');
      await second.page.screenshot({ path: join(SCREENSHOTS, 'preferences-after-restart.png'), fullPage: true });
      expect(second.problems).toEqual([]);
    } finally {
      await second.context.close();
      await second.served.stop();
    }
  });
});
