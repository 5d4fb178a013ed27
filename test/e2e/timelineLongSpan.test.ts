/**
 * The timeline on a bundle whose logs span eleven years (a host clock once set years back is
 * enough): ticks name the years, lengths read in years and months (not '96381h 0m'), lanes can be
 * filtered, hidden and shown again, and names are cut in the middle. Screenshots at 1366×768 and
 * 1920×1080, light and dark: test-results/e2e/timeline-long-*.png.
 */
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

let dir: string;
let served: Served;
let browser: Browser;
const problems: string[] = [];

const FROM = Date.UTC(2014, 11, 21, 8, 0, 0);
const TO = Date.UTC(2025, 11, 20, 17, 30, 0);
const COMPONENTS = [
  'porter/porter-api',
  'porter/porter-migration',
  'storplus/storplus-migration',
  'unicloud/unicloud-engine',
];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const stamp = (t: number): string => {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
};

/** An oslo-style log of `count` lines spread over the eleven years, one in ten a warning, one in forty an error. */
function log(component: string, count: number, seed: number): string {
  const logger = component.split('/')[1].replace('-', '.');
  let text = '';
  for (let i = 0; i < count; i++) {
    const t = FROM + Math.floor(((TO - FROM) * i) / (count - 1));
    const level = (i + seed) % 40 === 0 ? 'ERROR' : (i + seed) % 10 === 0 ? 'WARNING' : 'INFO';
    const message =
      level === 'ERROR'
        ? 'Failed to attach volume'
        : level === 'WARNING'
          ? 'Retrying attach in 5 seconds'
          : `Attaching volume 5f1c to instance vm-web0${i % 9}`;
    text += `${stamp(t)} 1234 ${level} ${logger} [req-6ec3e693-69f7-4129-a43a-16eebe74b5${pad(i % 100)} u p - - -] ${message}\n`;
  }
  return text;
}

beforeAll(async () => {
  assertBuilt();
  await mkdir(SCREENSHOTS, { recursive: true });
  dir = await mkdtemp(join(tmpdir(), 'tarsier-e2e-longspan-'));
  const bundle = join(dir, 'eleven-years.tar.gz');
  await writeTarGz(
    bundle,
    COMPONENTS.map((key, i) => ({
      name: `opt/installer/production/logs/${key}.log`,
      body: log(key, 400 + 150 * i, i * 3),
    })),
  );
  served = await startServe([bundle, '--port', '0', '--zone', 'UTC']);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
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

async function open(width: number, height: number, scheme: 'light' | 'dark', lanes = COMPONENTS.length): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  collectPageProblems(page, problems);
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(served.url);
  await page.waitForSelector('body[data-diagnosed="true"]', { timeout: 90_000 });
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await expect.poll(() => page.getByTestId('timeline-lane').count(), { timeout: 20_000 }).toBe(lanes);
  return page;
}

/** The lane arrangement of each case the engine kept in its data folder. */
async function savedLanes(): Promise<({ hidden: string[]; order: string[]; filter: string } | undefined)[]> {
  const dir = join(served.dataDir, 'cases');
  const files = await readdir(dir).catch(() => [] as string[]);
  const texts = await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')));
  return texts.map(
    (text) =>
      (JSON.parse(text) as { state: { timelineLanes?: { hidden: string[]; order: string[]; filter: string } } }).state
        .timelineLanes,
  );
}
const savedHidden = async () => (await savedLanes()).map((lanes) => lanes?.hidden);

const shot = (page: Page, name: string): Promise<Buffer> =>
  page.screenshot({ path: join(SCREENSHOTS, `timeline-long-${name}.png`), animations: 'disabled' });

describe('the timeline over eleven years', () => {
  it('names the years on the axis and reads the length in years, not hours', async () => {
    const page = await open(1366, 768, 'light');
    const ticks = await page.locator('.tl-axis .tl-tick text').allTextContents();
    expect(ticks.length).toBeGreaterThan(2);
    for (const tick of ticks) expect(tick).toMatch(/^\d{4}(-\d\d)?$/);
    expect(new Set(ticks).size).toBe(ticks.length);
    const length = await page.getByTestId('timeline-window-length').innerText();
    expect(length).toMatch(/^\(11 y( \d+ mo)?\)$/);
    // No length anywhere reads in hours past a hundred of them ('96381h 0m').
    expect(await page.locator('body').innerText()).not.toMatch(/\d{3,}\s?h\b/);
    await shot(page, '1366x768-light');
    await page.context().close();
  });

  it('hides a lane and shows it again, filters lanes, and cuts names in the middle', async () => {
    const page = await open(1366, 768, 'dark');
    const lane = (key: string) => page.locator(`[data-testid="timeline-lane"][data-component="${key}"]`);
    // Both porter lanes still read differently, their ends kept.
    const names = await page.getByTestId('timeline-lane-search').allInnerTexts();
    expect(new Set(names).size).toBe(COMPONENTS.length);
    const migration = await lane('storplus/storplus-migration').getByTestId('timeline-lane-search').innerText();
    expect(migration.endsWith('ion')).toBe(true);
    expect(
      await lane('storplus/storplus-migration').getByTestId('timeline-lane-search').getAttribute('title'),
    ).toContain('storplus/storplus-migration');

    await lane('porter/porter-migration').hover();
    await shot(page, '1366x768-dark-hover');
    await lane('porter/porter-migration').getByTestId('timeline-lane-hide').click();
    await expect.poll(() => page.getByTestId('timeline-lane').count()).toBe(COMPONENTS.length - 1);
    expect(await lane('porter/porter-migration').count()).toBe(0);
    expect(await page.getByTestId('timeline-lanes-shown').innerText()).toBe('3 of 4 components');
    await shot(page, '1366x768-dark-hidden');
    await page.getByTestId('timeline-lane-unhide').click();
    await expect.poll(() => page.getByTestId('timeline-lane').count()).toBe(COMPONENTS.length);

    await page.getByTestId('timeline-lane-filter').fill('migration');
    await expect.poll(() => page.getByTestId('timeline-lane').count()).toBe(2);
    await page.getByTestId('timeline-lane-filter').fill('');

    // Moving a lane up puts it above its neighbour.
    const order = () => page.getByTestId('timeline-lane').evaluateAll((els) => els.map((e) => e.dataset.component));
    const before = await order();
    await lane(before[1]!).hover();
    await lane(before[1]!).getByTestId('timeline-lane-up').click();
    await expect.poll(order).toEqual([before[1], before[0], ...before.slice(2)]);
    // Kept with the case before the page goes: the next test opens it again.
    await expect
      .poll(async () => (await savedLanes()).map((lanes) => lanes && { ...lanes, order: lanes.order.slice(0, 2) }))
      .toEqual([{ hidden: [], filter: '', order: [before[1], before[0]] }]);
    await page.context().close();
  });

  it('looks right at 1920×1080 in both themes', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await open(1920, 1080, scheme);
      const ticks = await page.locator('.tl-axis .tl-tick text').allTextContents();
      for (const tick of ticks) expect(tick).toMatch(/^\d{4}(-\d\d)?$/);
      await shot(page, `1920x1080-${scheme}`);
      await page.context().close();
    }
    const page = await open(1366, 768, 'dark');
    await shot(page, '1366x768-dark');
    await page.context().close();
  });

  it('keeps hidden lanes with the case, for the next time it is opened', async () => {
    const first = await open(1366, 768, 'light');
    const hide = first.locator('[data-testid="timeline-lane"][data-component="unicloud/unicloud-engine"]');
    await hide.hover();
    await hide.getByTestId('timeline-lane-hide').click();
    await expect.poll(() => first.getByTestId('timeline-lane').count()).toBe(COMPONENTS.length - 1);
    // Written to the data folder with the rest of the case.
    await expect.poll(savedHidden, { timeout: 10_000 }).toEqual([['unicloud/unicloud-engine']]);
    await first.context().close();

    // A new page (nothing kept in the browser): the engine gives the case back with the lane hidden.
    const again = await open(1366, 768, 'light', COMPONENTS.length - 1);
    expect(await again.locator('[data-component="unicloud/unicloud-engine"]').count()).toBe(0);
    expect(await again.getByTestId('timeline-lane-unhide').innerText()).toContain('unicloud/unicloud-engine');
    await again.getByTestId('timeline-lane-unhide').click();
    await expect.poll(savedHidden, { timeout: 10_000 }).toEqual([[]]);
    await again.context().close();
  });
});
