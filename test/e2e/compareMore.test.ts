/**
 * Compare, the rest of issue 18 part 1: `tarsier serve node-a.tar.gz --allow <folder>` opens A and
 * the Compare tab opens B (node-b.tar.gz) beside it. Lining B up at an event chosen in each moves
 * B's timeline so the two picked events coincide (the aligned-by label says so); a template only B
 * has lists B's events in the tab itself, and a click shows the line in B's file; then a bundle
 * whose second half gains a template (node-c.tar.gz) is opened and its two halves compared as two
 * time ranges of one case. Screenshots: test-results/e2e/compare-more-*.png (1366×768, English
 * light and Chinese dark).
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HALVES, PAIR, writeComparePair, writeHalvesBundle } from '../fixtures/comparePair.ts';
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
let halves: string;
let served: Served;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  assertBuilt();
  await mkdir(SCREENSHOTS, { recursive: true });
  dir = await mkdtemp(join(tmpdir(), 'tarsier-e2e-compare-more-'));
  pair = await writeComparePair(join(dir, 'pair'));
  halves = await writeHalvesBundle(join(dir, 'halves'));
  served = await startServe([pair.a, '--allow', dir, '--port', '0', '--zone', '+08:00']);
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

const shot = (name: string) =>
  page.screenshot({ path: join(SCREENSHOTS, `compare-more-${name}.png`), animations: 'disabled' });

/** The x of each bar of a lane (the plot is 1000 units wide). */
const barXs = (lane: 'a' | 'b'): Promise<number[]> =>
  page
    .getByTestId(`compare-lane-${lane}`)
    .locator('rect')
    .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('x'))));

describe('Compare tab, more', () => {
  it('lines B up at an event chosen in each: the two coincide and B moves', async () => {
    await page.locator('#tab-compare').click();
    await page.getByTestId('compare-path').fill(pair.b);
    await page.getByTestId('compare-go').click();
    await page.getByTestId('compare-result').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('compare-aligned-by').innerText()).toBe('Aligned by wall time.');
    // By wall time B is a day later: its bars at the right end.
    await expect.poll(async () => Math.min(...(await barXs('b')))).toBeGreaterThan(900);

    await page.getByTestId('compare-align-event').check();
    const pickA = page.getByTestId('compare-pick-item-a');
    await pickA.first().waitFor();
    // A's first errors: its 404s, the first at 08:05:17.
    expect(await pickA.count()).toBe(PAIR.volumeNotFound.a);
    expect(await pickA.first().innerText()).toContain('2025-09-18 08:05:17');
    await pickA.first().click();
    expect(await page.getByTestId('compare-pick-waiting').isVisible()).toBe(true);
    // Still by wall time until B's event is picked too.
    expect(await page.getByTestId('compare-aligned-by').innerText()).toBe('Aligned by wall time.');

    // In B, the first quota error, found by a search.
    await page.getByTestId('compare-pick-query-b').fill('VolumeLimitExceeded');
    await page.getByTestId('compare-pick-query-b').press('Enter');
    const pickB = page.getByTestId('compare-pick-item-b');
    await expect.poll(() => pickB.count()).toBe(PAIR.quotaExceeded);
    expect(await pickB.first().innerText()).toContain('2025-09-19 08:40:23');
    await shot('pick-en');
    await pickB.first().click();

    await expect.poll(() => page.getByTestId('compare-aligned-by').innerText()).toBe('Aligned at the chosen events.');
    // B is laid back by 1 d 35 min 6 s (from 09-19 08:40:23 to 09-18 08:05:17).
    expect(await page.getByTestId('compare-offset').innerText()).toMatch(/^B is shifted by −1 d /);
    expect(await page.getByTestId('compare-picked-b').innerText()).toContain('2025-09-19 08:40:23');
    // The picked events are marked, at one x; B's events (from 08:00) now start left of A's.
    const anchorX = (lane: 'a' | 'b') => page.getByTestId(`compare-anchor-${lane}`).getAttribute('data-x');
    await expect.poll(() => anchorX('b')).not.toBeNull();
    expect(await anchorX('a')).toBe(await anchorX('b'));
    await expect.poll(async () => Math.min(...(await barXs('b')))).toBeLessThan(50);
    expect(Math.min(...(await barXs('a')))).toBeGreaterThan(300);
    await page.getByTestId('compare-timelines').scrollIntoViewIfNeeded();
    await shot('aligned-at-events-en');
  });

  it("lists a B-only template's events in B, and shows one's line in B's file", async () => {
    await page.getByTestId('compare-only-b').locator('tbody tr').first().click();
    const events = page.getByTestId('compare-b-event');
    await expect.poll(() => events.count()).toBe(PAIR.quotaExceeded);
    for (const text of await events.allInnerTexts()) expect(text).toContain('VolumeLimitExceeded');
    expect(await page.getByTestId('compare-b-events-count').innerText()).toBe(String(PAIR.quotaExceeded));
    await events.first().click();
    const lines = page.getByTestId('compare-b-lines');
    await lines.waitFor();
    expect(await lines.locator('figcaption').innerText()).toContain(`node-b/${PAIR.log}`);
    expect(await lines.locator('.cmp-line-own').innerText()).toContain(
      '2025-09-19 08:40:23.000 3122 ERROR porter.api.v1.hosts',
    );
    await page.getByTestId('compare-in-b').scrollIntoViewIfNeeded();
    await shot('b-events-en');

    // The B side of a row whose rate changed: B's 30 404s, not A's 3.
    await page.getByTestId('compare-rate').getByTestId('compare-show-b').click();
    await expect.poll(() => page.getByTestId('compare-b-events-count').innerText()).toBe(String(PAIR.volumeNotFound.b));
    expect(await events.first().innerText()).toContain('could not be found');
    await page.getByTestId('compare-b-events-close').click();
    expect(await page.getByTestId('compare-in-b').count()).toBe(0);
  });

  it('"Align compare here" in Events makes an event A\'s chosen one; B\'s stays', async () => {
    await page.locator('#tab-events').click();
    const input = page.getByTestId('search-input');
    await input.fill('"could not be found"');
    await input.press('Enter');
    await expect.poll(() => page.getByTestId('event-row').count()).toBe(PAIR.volumeNotFound.a);
    await page.getByTestId('event-row').nth(1).click();
    await shot('align-here-en');
    await page.getByTestId('align-compare-here').click();
    await expect.poll(() => page.locator('#tab-compare').getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('compare-picked-a').innerText()).toContain('2025-09-18 08:21:57');
    expect(await page.getByTestId('compare-picked-b').innerText()).toContain('2025-09-19 08:40:23');
    // Recomputed at the new pair: A's marker is now at 08:21:57, and B's still coincides with it.
    const title = (lane: 'a' | 'b') => page.getByTestId(`compare-anchor-${lane}`).locator('title').textContent();
    await expect.poll(() => title('a')).toBe('A at 2025-09-18 08:21:57');
    expect(await title('b')).toBe('B at 2025-09-19 08:40:23');
    const anchorX = (lane: 'a' | 'b') => page.getByTestId(`compare-anchor-${lane}`).getAttribute('data-x');
    expect(await anchorX('a')).toBe(await anchorX('b'));
  });

  it('compares two time ranges of one case: the template only the second half has', async () => {
    await page.getByRole('button', { name: 'Open another bundle' }).click();
    await page.getByTestId('dropzone').waitFor();
    await page
      .getByTestId('file-input')
      .setInputFiles([{ name: 'node-c.tar.gz', mimeType: 'application/gzip', buffer: await readFile(halves) }]);
    await page.waitForSelector('body[data-diagnosed="true"]', { timeout: 90_000 });
    await page.locator('#tab-compare').click();
    await page.getByTestId('compare-mode-ranges').check();
    // Prefilled with the halves of the case: its hour (08:00 → 09:00 as written; an upload is read
    // in the server's zone, so the hour shown depends on it) cut at the half hour.
    await page.getByTestId('compare-ranges-prefill').waitFor();
    const aFrom = await page.getByTestId('compare-range-aFrom').inputValue();
    expect(aFrom).toMatch(/^2025-09-1[89]T\d\d:00$/);
    const hour = aFrom.slice(0, 13);
    const next = `${aFrom.slice(0, 11)}${String(Number(aFrom.slice(11, 13)) + 1).padStart(2, '0')}`;
    expect(await page.getByTestId('compare-range-aTo').inputValue()).toBe(`${hour}:29:59.999`);
    expect(await page.getByTestId('compare-range-bFrom').inputValue()).toBe(`${hour}:30`);
    expect(await page.getByTestId('compare-range-bTo').inputValue()).toBe(`${next}:00`);
    await page.getByTestId('compare-align-wall').check();
    await page.getByTestId('compare-ranges-go').click();
    const onlyB = page.getByTestId('compare-only-b').locator('tbody tr');
    await onlyB.first().waitFor({ timeout: 90_000 });
    expect(await onlyB.count()).toBe(1);
    expect(await onlyB.first().innerText()).toContain(`VolumeLimitExceeded`);
    expect(await onlyB.first().innerText()).toContain(`— → ${HALVES.quotaExceeded}`);
    expect(await page.getByTestId('compare-rate').innerText()).toContain(
      `${HALVES.volumeNotFound.first} → ${HALVES.volumeNotFound.second}`,
    );
    expect(await page.getByTestId('compare-a').innerText()).toContain('node-c.tar.gz');
    expect(await page.getByTestId('compare-b').innerText()).toContain('node-c.tar.gz');
    await shot('ranges-en');

    // B's events of the rate row: only the second half's 20.
    await page.getByTestId('compare-rate').getByTestId('compare-show-b').click();
    await expect
      .poll(() => page.getByTestId('compare-b-events-count').innerText())
      .toBe(String(HALVES.volumeNotFound.second));
    // A range of this case is no bundle to open.
    expect(await page.getByTestId('compare-open-b').count()).toBe(0);

    // In Chinese and dark, each new control (screenshots for the eye).
    await page.getByRole('button', { name: '中文' }).click();
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect
      .poll(async () => (await page.getByTestId('compare-mode-ranges').locator('..').innerText()).trim())
      .toBe('本案例的另一个时间段');
    await page.getByTestId('compare').evaluate((el) => el.scrollTo(0, 0));
    await shot('ranges-zh-dark');
    await page.getByTestId('compare-align-event').check();
    await page.getByTestId('compare-pick-item-a').first().waitFor();
    await page.getByTestId('compare-pick-item-a').first().click();
    await page.getByTestId('compare-pick-item-b').nth(5).click();
    await expect.poll(() => page.getByTestId('compare-aligned-by').innerText()).toBe('按选定的事件对齐。');
    await shot('pick-zh-dark');
    await page.getByTestId('compare-in-b').scrollIntoViewIfNeeded();
    await shot('b-events-zh-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('button', { name: 'English' }).click();
  });
});
