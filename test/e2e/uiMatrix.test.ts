/**
 * Every tab at a laptop's 1366×768 and a desktop's 1920×1080, in English and Chinese, light and
 * dark (issue 17): no horizontal overflow of the page, no control whose words spill out of it,
 * no English tab or heading left in the Chinese UI, no console error; one screenshot per view in
 * test-results/e2e/matrix-<size>-<lang>-<theme>-<tab>.png.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBundle, type Manifest } from '../fixtures/generateBundle.ts';
import {
  assertBuilt,
  CHROMIUM_ARGS,
  SCREENSHOTS,
  startServe,
  type Served,
  collectPageProblems,
} from './serveHarness.ts';

const SIZES = [
  { name: '1366', width: 1366, height: 768 },
  { name: '1920', width: 1920, height: 1080 },
] as const;
const LANGS = ['en', 'zh'] as const;
const THEMES = ['light', 'dark'] as const;
const TABS = ['overview', 'timeline', 'events', 'patterns', 'trace', 'files', 'case', 'compare'] as const;

let dir: string;
let manifest: Manifest;
let served: Served;
let browser: Browser;

beforeAll(async () => {
  assertBuilt();
  await mkdir(SCREENSHOTS, { recursive: true });
  dir = await mkdtemp(join(tmpdir(), 'tarsier-e2e-matrix-'));
  const bundle = join(dir, 'incident-matrix.tar.gz');
  manifest = await generateBundle({ seed: 11, targetBytes: 1_500_000, outPath: bundle });
  served = await startServe([bundle, '--port', '0', '--zone', manifest.timeZone]);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** What overflows in the visible page: the page itself, and buttons, tabs and chips cut without an ellipsis. */
const spills = (page: Page): Promise<string[]> =>
  page.evaluate(`(() => {
    const out = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) out.push('page ' + root.scrollWidth + ' > ' + root.clientWidth);
    for (const el of document.querySelectorAll('button, [role="tab"], .chip, .pill, th, label, h1, h2, h3')) {
      const box = el.getBoundingClientRect();
      if (box.width <= 2 || box.height <= 2) continue; // visually hidden
      const style = getComputedStyle(el);
      if (style.textOverflow === 'ellipsis' || style.overflow === 'visible' && el.scrollWidth <= el.clientWidth + 1) continue;
      if (el.scrollWidth > el.clientWidth + 1 && style.overflowX !== 'auto' && style.overflowX !== 'scroll')
        out.push(el.tagName.toLowerCase() + ' "' + (el.textContent || '').trim().slice(0, 40) + '" ' + el.scrollWidth + ' > ' + el.clientWidth);
    }
    return out;
  })()`);

/** Tab names and headings written in Latin letters only (English left in the Chinese UI). */
const englishLeft = (page: Page): Promise<string[]> =>
  page.evaluate(`(() => [...document.querySelectorAll('[role="tab"], main h1, main h2, main h3, main th')]
    .filter((el) => el.getBoundingClientRect().width > 2)
    .map((el) => (el.textContent || '').trim())
    .filter((text) => /[A-Za-z]{4,}/.test(text) && !/[\\u4e00-\\u9fff]/.test(text))
    // A file or bundle name is the user's, not ours to translate.
    .filter((text) => !/^[\\w.\\-/]+\\.[\\w]+$/.test(text)))()`);

describe('the UI matrix', () => {
  for (const size of SIZES)
    for (const lang of LANGS)
      for (const theme of THEMES)
        it(`${size.name} · ${lang} · ${theme}: every tab fits and speaks the language`, async () => {
          const problems: string[] = [];
          const context = await browser.newContext({
            viewport: { width: size.width, height: size.height },
            locale: lang === 'zh' ? 'zh-CN' : 'en-US',
            timezoneId: 'Asia/Shanghai',
          });
          const page = await context.newPage();
          collectPageProblems(page, problems);
          try {
            await page.goto(served.url);
            await page.waitForSelector('body[data-diagnosed="true"]', { timeout: 90_000 });
            await page.locator('.theme-select').selectOption(theme);
            await page.locator(`.lang-button[lang="${lang === 'zh' ? 'zh-CN' : 'en'}"]`).click();
            await expect.poll(() => page.evaluate('document.documentElement.className')).toContain(theme);
            const found: string[] = [];
            for (const tab of TABS) {
              const button = page.locator(`#tab-${tab}`);
              await button.click();
              await expect.poll(() => button.getAttribute('aria-selected')).toBe('true');
              await page.locator(`#panel-${tab}`).waitFor();
              // The view's data is in (no section still loading) before it is judged.
              await expect
                .poll(() => page.locator(`#panel-${tab} [aria-busy="true"]`).count(), { timeout: 30_000 })
                .toBe(0);
              await page.screenshot({
                path: join(SCREENSHOTS, `matrix-${size.name}-${lang}-${theme}-${tab}.png`),
                animations: 'disabled',
              });
              for (const spill of await spills(page)) found.push(`${tab}: ${spill}`);
              if (lang === 'zh') for (const text of await englishLeft(page)) found.push(`${tab}: English "${text}"`);
              // Durations carry the language's units (the Overview's span: "2 天", not "2 d").
              if (lang === 'zh' && tab === 'overview') {
                const length = (await page.locator('.ov-sum-length').textContent()) ?? '';
                if (!/[\u4e00-\u9fff]/.test(length)) found.push(`overview: duration "${length}" in English units`);
              }
            }
            expect(found).toEqual([]);
            expect(problems, 'console and page errors').toEqual([]);
          } finally {
            await context.close();
          }
        }, 120_000);
});
