/**
 * Small visible defects of the served UI (issue 17, item 7), at a laptop's 1366×768, on the
 * generated incident bundle: the Events search box's icon gap and font, the event detail's line
 * from its start, "Show in timeline", the Overview's open findings and scroll across tab
 * switches, and no horizontal overflow in the Files table and the query help's time chip.
 * Screenshots: test-results/e2e/polish-*.png.
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
  page.screenshot({ path: join(SCREENSHOTS, `polish-${name}.png`), fullPage: false, animations: 'disabled' });
const tab = (name: string) => page.locator(`#tab-${name.toLowerCase()}`);

/** Whether an element's content is wider than its box (a horizontal overflow). */
const overflow = (selector: string): Promise<{ scroll: number; client: number }[]> =>
  page.$$eval(selector, (els) => els.map((el) => ({ scroll: el.scrollWidth, client: el.clientWidth })));

beforeAll(async () => {
  ({ dir, served, browser, page } = await openIncidentPage({
    name: 'polish',
    seed: 7,
    targetBytes: 2_000_000,
    problems,
  }));
}, 180_000);

afterEach(() => expectNoPageProblems(problems));

afterAll(() => closeIncidentPage({ dir, served, browser }));

describe('UI polish at 1366×768', () => {
  it('keeps open findings and the scroll of the Overview across a tab switch', async () => {
    const findings = page.getByTestId('finding');
    await expect.poll(() => findings.count()).toBeGreaterThan(3);
    // The first finding opens by itself; open the third too.
    const third = findings.nth(2);
    const header = third.locator('[aria-expanded]').first();
    expect(await header.getAttribute('aria-expanded')).toBe('false');
    await header.click();
    expect(await header.getAttribute('aria-expanded')).toBe('true');

    // A tab switch by click (the tabs are at the top of the page) keeps the open findings.
    await tab('Events').click();
    await page.getByTestId('events').waitFor();
    await tab('Overview').click();
    await page.getByTestId('overview').waitFor();
    expect(await findings.nth(2).locator('[aria-expanded]').first().getAttribute('aria-expanded')).toBe('true');
    expect(await findings.nth(0).locator('[aria-expanded]').first().getAttribute('aria-expanded')).toBe('true');

    // Down the page, an evidence line opens the viewer; Alt+1 comes back to the same place.
    const evidence = findings.nth(2).getByTestId('evidence-line').first();
    await evidence.scrollIntoViewIfNeeded();
    await page.evaluate('window.scrollBy(0, 60)');
    await expect.poll(() => evidence.isVisible()).toBe(true);
    const scrolled = await page.evaluate<number>('window.scrollY');
    expect(scrolled).toBeGreaterThan(100);
    await shot('4-overview-before');
    await evidence.click();
    await page.waitForSelector('[data-testid="file-viewer"][data-ready="true"]', { timeout: 30_000 });
    await page.keyboard.press('Alt+1');
    await page.getByTestId('overview').waitFor();
    await expect.poll(() => page.evaluate<number>('window.scrollY')).toBe(scrolled);
    expect(await findings.nth(2).locator('[aria-expanded]').first().getAttribute('aria-expanded')).toBe('true');
    await shot('4-overview-after');
    await page.evaluate('window.scrollTo(0, 0)');
  });

  it('keeps the search icon clear of the text in the Events search box', async () => {
    await tab('Events').click();
    const input = page.getByTestId('search-input');
    await input.fill('"Failed to attach"');
    // A string: the test project's types have no DOM globals.
    const style = await page.evaluate<{ paddingLeft: number; left: number; font: string }>(`(() => {
      const el = document.querySelector('[data-testid="search-input"]');
      const css = getComputedStyle(el);
      return { paddingLeft: parseFloat(css.paddingLeft), left: el.getBoundingClientRect().left, font: css.fontFamily };
    })()`);
    const icon = await page.locator('.ev-search-icon').evaluate((el) => el.getBoundingClientRect().right);
    expect(style.left + style.paddingLeft).toBeGreaterThan(icon);
    expect(style.font).toMatch(/mono/i);
    await shot('1-search-box');
  });

  it('shows the selected event from its first character, above its trace chips', async () => {
    const input = page.getByTestId('search-input');
    // A word far into a long line: the list cell starts near it, the detail at the line's start.
    await input.fill('"Failed to attach"');
    await input.press('Enter');
    await expect
      .poll(() => page.getByTestId('search-summary').innerText(), { timeout: 20_000 })
      .toMatch(/^[\d,]+ hits? in/);
    const row = page.getByTestId('event-row').first();
    await row.click();
    const detail = page.getByTestId('event-detail');
    const text = await detail.locator('.ev-detail-text').innerText();
    const line = (await row.locator('.ev-text').innerText()).replace(/^…/, '');
    expect(text.startsWith('…')).toBe(false);
    // The line starts with its time stamp, which the generated events all carry.
    expect(text).toMatch(/^\d{4}-\d\d-\d\d[ T]\d\d:\d\d/);
    expect(text).toContain(line.slice(0, 20));
    // The text's box ends above the chips' row.
    const box = await detail.locator('.ev-detail-text').boundingBox();
    const chips = await detail.locator('.ev-detail-ids').boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(chips!.y + 1);
    expect(chips!.height).toBeGreaterThan(10);
    await shot('2-event-detail');
  });

  it('"Show in timeline" opens the Timeline centred on the event, only for a timed event', async () => {
    const row = page.locator('[data-testid="event-row"].ev-row-selected');
    const time = Number(await row.getAttribute('data-time'));
    expect(time).toBeGreaterThan(0);
    await page.getByTestId('show-in-timeline').click();
    await page.getByTestId('timeline').waitFor();
    expect(await tab('Timeline').getAttribute('aria-selected')).toBe('true');
    const windowInfo = page.getByTestId('timeline-window');
    await expect.poll(() => windowInfo.getAttribute('data-from'), { timeout: 20_000 }).not.toBeNull();
    const from = Number(await windowInfo.getAttribute('data-from'));
    const to = Number(await windowInfo.getAttribute('data-to'));
    expect(from).toBeLessThanOrEqual(time);
    expect(to).toBeGreaterThanOrEqual(time);
    // Zoomed in: "Zoom out" goes back to the whole case.
    expect(await page.getByTestId('timeline-zoom-out').isEnabled()).toBe(true);
    expect(to - from).toBeLessThanOrEqual(10 * 60_000);
    await expect.poll(() => page.getByTestId('timeline-lane').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    // The moment is marked where its time falls on the axis.
    const mark = await page.getByTestId('timeline-mark').boundingBox();
    const plot = await page.locator('.tl-over').boundingBox();
    expect(mark).not.toBeNull();
    const expected = plot!.x + ((time - from) / (to - from)) * plot!.width;
    expect(Math.abs(mark!.x + mark!.width / 2 - expected)).toBeLessThan(3);
    await shot('3-show-in-timeline');
  });

  it('offers no "Show in timeline" for an event without a time', async () => {
    await tab('Events').click();
    const input = page.getByTestId('search-input');
    await input.fill('');
    await input.press('Enter');
    const untimed = page.locator('[data-testid="event-row"]:not([data-time])').first();
    const timed = page.locator('[data-testid="event-row"][data-time]').first();
    await expect.poll(() => timed.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    // The list may still be re-rendering from the previous search: a click on a row that is then
    // replaced selects nothing, so click until the selection (and its detail pane) holds.
    await expect
      .poll(async () => {
        await timed.click();
        return page.getByTestId('show-in-timeline').count();
      })
      .toBe(1);
    // The merged log lists untimed events at its end.
    await page.locator('.ev-scroll').focus();
    await page.keyboard.press('End');
    await expect.poll(() => untimed.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect
      .poll(async () => {
        await untimed.click();
        return (await page.locator('[data-testid="event-row"].ev-row-selected:not([data-time])').count()) > 0
          ? page.getByTestId('show-in-timeline').count()
          : -1;
      })
      .toBe(0);
  });

  it('fits the Files table and the query help at 1366×768', async () => {
    await tab('Files').click();
    await page.getByTestId('files-table').waitFor();
    await shot('5-files');
    const [table] = await overflow('.files .table-wrap');
    expect(table.scroll).toBeLessThanOrEqual(table.client);

    await tab('Events').click();
    await page.getByTestId('syntax-help-button').click();
    await page.getByTestId('syntax-help').waitFor();
    await shot('5-query-help');
    const chips = await overflow('.ev-help-example');
    expect(chips.length).toBeGreaterThan(5);
    for (const chip of chips) expect(chip.scroll).toBeLessThanOrEqual(chip.client);
    const [help] = await overflow('[data-testid="syntax-help"]');
    expect(help.scroll).toBeLessThanOrEqual(help.client);
    // In Chinese too (the meanings are shorter, the syntax column the same).
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByTestId('syntax-help-button').click();
    await page.getByTestId('syntax-help').waitFor();
    for (const chip of await overflow('.ev-help-example')) expect(chip.scroll).toBeLessThanOrEqual(chip.client);
    const [helpZh] = await overflow('[data-testid="syntax-help"]');
    expect(helpZh.scroll).toBeLessThanOrEqual(helpZh.client);
    await shot('5-query-help-zh');
    await page.getByRole('button', { name: 'English' }).click();
  });
});
