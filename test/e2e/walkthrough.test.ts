/**
 * The walkthrough (issue 17, item 7): offered once on a first run when the case is open, taken
 * with the keyboard step by step (each step opens its tab), not offered again after a reload,
 * and taken again from the shortcuts overlay. Screenshots: test-results/e2e/walkthrough-*.png.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateBundle, type Manifest } from '../fixtures/generateBundle.ts';
import {
  assertBuilt,
  CHROMIUM_ARGS,
  SCREENSHOTS,
  startServe,
  type Served,
  collectPageProblems,
} from './serveHarness.ts';

let dir: string;
let manifest: Manifest;
let served: Served;
let browser: Browser;
let page: Page;
const problems: string[] = [];

const shot = (name: string): Promise<Buffer> =>
  page.screenshot({ path: join(SCREENSHOTS, `walkthrough-${name}.png`), animations: 'disabled' });
const selectedTab = (): Promise<string | null> => page.locator('[role="tab"][aria-selected="true"]').getAttribute('id');

beforeAll(async () => {
  assertBuilt();
  await mkdir(SCREENSHOTS, { recursive: true });
  dir = await mkdtemp(join(tmpdir(), 'tarsier-e2e-tour-'));
  const bundle = join(dir, 'incident-tour.tar.gz');
  manifest = await generateBundle({ seed: 5, targetBytes: 600_000, outPath: bundle });
  served = await startServe([bundle, '--port', '0', '--zone', manifest.timeZone], { firstRun: true });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
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

describe('the walkthrough', () => {
  it('is offered on a first run and walks the tabs with the keyboard', async () => {
    const offer = page.getByTestId('tour-offer');
    await offer.waitFor();
    await shot('offer');
    await offer.getByRole('button', { name: 'Take the tour' }).click();
    const tour = page.getByTestId('walkthrough');
    await tour.waitFor();
    await expect.poll(() => tour.getAttribute('data-step')).toBe('1');
    expect(await selectedTab()).toBe('tab-overview');
    expect(await tour.getByRole('dialog').textContent()).toContain('Step 1 of 9');
    // The callout is inside the window, below the tab it points at.
    const callout = await tour.getByRole('dialog').boundingBox();
    const tabBox = await page.locator('#tab-overview').boundingBox();
    expect(callout!.y).toBeGreaterThan(tabBox!.y + tabBox!.height);
    expect(callout!.x + callout!.width).toBeLessThanOrEqual(1366);
    await shot('step-1');

    await page.keyboard.press('ArrowRight');
    await expect.poll(() => tour.getAttribute('data-step')).toBe('2');
    await expect.poll(selectedTab).toBe('tab-timeline');
    await page.keyboard.press('ArrowRight');
    await expect.poll(selectedTab).toBe('tab-events');
    await shot('step-3');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(selectedTab).toBe('tab-timeline');
    // The views' own keys wait while the tour is open: `3` does not switch tabs.
    await page.keyboard.press('3');
    expect(await selectedTab()).toBe('tab-timeline');

    for (let step = 3; step <= 9; step++) await page.keyboard.press('Enter');
    await expect.poll(() => tour.getAttribute('data-step')).toBe('9');
    await shot('step-9');
    await page.keyboard.press('Enter');
    await tour.waitFor({ state: 'detached' });
    expect(await offer.count()).toBe(0);
  });

  it('is not offered again after a reload, and is taken again from the shortcuts overlay', async () => {
    await page.reload();
    await page.waitForSelector('body[data-diagnosed="true"]', { timeout: 90_000 });
    await page.locator('#tab-overview').waitFor();
    expect(await page.getByTestId('tour-offer').count()).toBe(0);

    await page.getByTestId('open-shortcuts').click();
    await page.getByTestId('shortcuts-help').getByRole('button', { name: 'Take the tour' }).click();
    const tour = page.getByTestId('walkthrough');
    await tour.waitFor();
    expect(await tour.getAttribute('data-step')).toBe('1');
    await page.keyboard.press('Escape');
    await tour.waitFor({ state: 'detached' });
  });
});
