/**
 * Compare in the app (issue 18): `tarsier serve node-a.tar.gz --allow <pair folder>` opens A;
 * the Compare tab opens B (node-b.tar.gz, by path) beside it — A stays the page's case — and
 * lists the error template only B has and the region's version change; the first-error
 * alignment says B is laid a day back; a template of A opens its events; one only in B says it is
 * in the other bundle. Screenshot: test-results/e2e/compare-*.png (1366×768).
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PAIR, writeComparePair } from '../fixtures/comparePair.ts';
import {
  assertBuilt,
  CHROMIUM_ARGS,
  collectPageProblems,
  SCREENSHOTS,
  startServe,
  type Served,
} from './serveHarness.ts';

let dir: string;
let pair: { a: string; b: string };
let served: Served;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  assertBuilt();
  await mkdir(SCREENSHOTS, { recursive: true });
  dir = await mkdtemp(join(tmpdir(), 'tarsier-e2e-compare-'));
  pair = await writeComparePair(join(dir, 'pair'));
  served = await startServe([pair.a, '--allow', join(dir, 'pair'), '--port', '0', '--zone', '+08:00']);
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

/** The x of each bar of a lane (the plot is 1000 units wide). */
const barXs = (lane: 'a' | 'b'): Promise<number[]> =>
  page
    .getByTestId(`compare-lane-${lane}`)
    .locator('rect')
    .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('x'))));

afterEach(() => {
  const seen = problems.splice(0);
  expect(seen, 'console and page errors').toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('Compare tab', () => {
  it('opens B beside A and lists the template only in B and the version change', async () => {
    const sessionCase = () =>
      page.evaluate(async () => {
        const res = await fetch('/bridge/session', { credentials: 'same-origin' });
        return ((await res.json()) as { value: { caseId: string | null } }).value.caseId;
      });
    const before = await sessionCase();
    expect(before).not.toBeNull();
    await page.locator('#tab-compare').click();
    await page.getByTestId('compare-path').fill(pair.b);
    await page.getByTestId('compare-go').click();
    const result = page.getByTestId('compare-result');
    await result.waitFor({ timeout: 90_000 });

    await expect.poll(() => page.getByTestId('compare-a').innerText()).toContain('node-a.tar.gz');
    expect(await page.getByTestId('compare-b').innerText()).toContain('node-b.tar.gz');
    const onlyB = page.getByTestId('compare-only-b').locator('tbody tr');
    expect(await onlyB.count()).toBe(1);
    expect(await onlyB.first().innerText()).toContain('VolumeLimitExceeded');
    expect(await onlyB.first().innerText()).toContain(`— → ${PAIR.quotaExceeded}`);
    const versions = await page.getByTestId('compare-versions').innerText();
    expect(versions).toContain(PAIR.versions.a);
    expect(versions).toContain(PAIR.versions.b);
    const rate = await page.getByTestId('compare-rate').innerText();
    expect(rate).toContain(`${PAIR.volumeNotFound.a} → ${PAIR.volumeNotFound.b}`);
    expect(await page.getByTestId('compare-config').innerText()).toContain('api_workers');
    expect(await page.getByTestId('compare-pods').innerText()).toContain('CrashLoopBackOff');
    expect(await page.getByTestId('compare-offset').innerText()).toBe('B is shown at its own times.');
    // By wall time the axis spans both days: A's bars in its first hour (left), B's in the last (right).
    await expect.poll(() => barXs('a').then((xs) => xs.length)).toBeGreaterThan(0);
    await expect.poll(() => barXs('b').then((xs) => xs.length)).toBeGreaterThan(0);
    expect(Math.max(...(await barXs('a')))).toBeLessThan(100);
    expect(Math.min(...(await barXs('b')))).toBeGreaterThan(900);
    await page.screenshot({ path: join(SCREENSHOTS, 'compare-result.png'), animations: 'disabled' });

    // The page's case is still A: the session did not move to B.
    expect(await sessionCase()).toBe(before);
  });

  it('lines B up by its first error: a day back', async () => {
    await page.getByTestId('compare-align-first-error').check();
    await expect.poll(() => page.getByTestId('compare-offset').innerText()).toContain('B is shifted by −1 d');
    // On one axis now: B's bars start where A's do, not a day later.
    await expect.poll(async () => Math.min(...(await barXs('b')))).toBeLessThan(100);
    expect(Math.max(...(await barXs('b')))).toBeGreaterThan(900);
    await page.getByTestId('compare-timelines').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'compare-aligned.png'), animations: 'disabled' });
  });

  it('says a template only in B is in the other bundle, and opens a template of A in Events', async () => {
    await page.getByTestId('compare-only-b').locator('tbody tr').first().click();
    await page.getByTestId('compare-in-b').waitFor();
    expect(await page.getByTestId('compare-open-b').isVisible()).toBe(true);

    await page.getByTestId('compare-rate').locator('tbody tr').first().click();
    await expect.poll(() => page.locator('#tab-events').getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.locator('input[type="search"]').first().inputValue()).toMatch(/^template:\d+$/);
  });

  it('offers "Compare them" for two bundles chosen together, and opens the first compared with the second', async () => {
    await page.getByRole('button', { name: 'Open another bundle' }).click();
    await page.getByTestId('dropzone').waitFor();
    await page.getByTestId('file-input').setInputFiles([
      { name: 'node-a.tar.gz', mimeType: 'application/gzip', buffer: await readFile(pair.a) },
      { name: 'node-b.tar.gz', mimeType: 'application/gzip', buffer: await readFile(pair.b) },
    ]);
    const dialog = page.getByTestId('many-bundles');
    await dialog.waitFor();
    expect(await dialog.innerText()).not.toContain('coming');
    const compareThem = dialog.getByTestId('many-compare');
    expect(await compareThem.innerText()).toBe('Compare them (open node-a.tar.gz, compare with node-b.tar.gz)');
    await compareThem.click();
    const onlyB = page.getByTestId('compare-only-b').locator('tbody tr');
    await onlyB.first().waitFor({ timeout: 90_000 });
    expect(await page.locator('#tab-compare').getAttribute('aria-selected')).toBe('true');
    expect(await onlyB.count()).toBe(1);
    expect(await onlyB.first().innerText()).toContain('VolumeLimitExceeded');

    // In Chinese, the same view (screenshot for the eye).
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => page.locator('#tab-compare').innerText()).toBe('比较');
    expect(await page.getByTestId('compare-only-b').locator('h2').innerText()).toContain('仅在 B 中的模板');
    await page.getByTestId('compare-versions').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'compare-zh.png'), animations: 'disabled' });
    await page.getByRole('button', { name: 'English' }).click();
  });
});
