/**
 * The walkthrough (issue 17, item 7): offered once on a first run when the case is open, taken
 * with the keyboard step by step (each step opens its tab), not offered again after a reload,
 * and taken again from the shortcuts overlay. Screenshots: test-results/e2e/walkthrough-*.png.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS, type Served } from './serveHarness.ts';
import { closeIncidentPage, expectNoPageProblems, openIncidentPage } from './incidentPage.ts';

let dir: string;
let served: Served;
let browser: Browser;
let page: Page;
const problems: string[] = [];

const shot = (name: string): Promise<Buffer> =>
  page.screenshot({ path: join(SCREENSHOTS, `walkthrough-${name}.png`), animations: 'disabled' });
const selectedTab = (): Promise<string | null> => page.locator('[role="tab"][aria-selected="true"]').getAttribute('id');

beforeAll(async () => {
  ({ dir, served, browser, page } = await openIncidentPage({
    name: 'tour',
    seed: 5,
    targetBytes: 600_000,
    problems,
    serve: { firstRun: true },
    context: { timezoneId: undefined },
  }));
}, 180_000);

afterEach(() => expectNoPageProblems(problems));

afterAll(() => closeIncidentPage({ dir, served, browser }));

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
