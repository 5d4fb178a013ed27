/**
 * Time order in the served UI, on two real files whose own lines go back in time (the vendored
 * insights-core samples of test/fixtures/vendored/openstack): ceilometer's line 6 (14:32:41)
 * after its 14:38 lines 1–5, cinder's 2019 lines before its 2015 ones. The Events list is in time
 * order and j walks it in that order; a trace whose events all lie outside the selected time
 * range says how many and clears the range on request. Any console error fails the test.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  CHROMIUM_ARGS,
  ROOT,
  SCREENSHOTS,
  startServe,
  writeTarGz,
  type Served,
  collectPageProblems,
} from './serveHarness.ts';

const OPENSTACK = join(ROOT, 'test', 'fixtures', 'vendored', 'openstack');
const CEILOMETER = 'var/log/ceilometer/central.log';
const CINDER = 'var/log/cinder/volume.log';
/** On cinder's lines 1–4, 2019-04-16 21:01:02: the latest events of the case. */
const REQUEST = 'req-e7b42a20-4109-45b7-b18a-ae5ad4831909';

let dir: string;
let served: Served;
let browser: Browser;
let page: Page;
const problems: string[] = [];

const shot = (name: string): Promise<Buffer> =>
  page.screenshot({ path: join(SCREENSHOTS, `time-order-${name}.png`), fullPage: false, animations: 'disabled' });

interface Row {
  position: number;
  time: string;
  where: string;
}

/** The rows in the DOM, by position. */
async function rows(): Promise<Row[]> {
  const all = await page.getByTestId('event-row').evaluateAll((els) =>
    els.map((el) => ({
      position: Number(el.getAttribute('data-position')),
      time: el.querySelector('.ev-time')?.textContent ?? '',
      where: el.querySelector('.ev-file')?.textContent ?? '',
    })),
  );
  return all.sort((a, b) => a.position - b.position);
}

beforeAll(async () => {
  assertBuilt();
  await mkdir(SCREENSHOTS, { recursive: true });
  dir = await mkdtemp(join(tmpdir(), 'tarsier-e2e-order-'));
  const bundle = join(dir, 'out-of-order.tar.gz');
  await writeTarGz(bundle, [
    { name: CEILOMETER, body: readFileSync(join(OPENSTACK, 'insights-core_ceilometer_log_samples.log')) },
    { name: CINDER, body: readFileSync(join(OPENSTACK, 'insights-core_cinder_log_samples.log')) },
  ]);
  served = await startServe([bundle, '--port', '0', '--zone', 'UTC']);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  // Tall enough for all 34 events at once.
  const context = await browser.newContext({
    viewport: { width: 1440, height: 1400 },
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  page = await context.newPage();
  collectPageProblems(page, problems);
}, 120_000);

afterEach(() => {
  const seen = problems.splice(0);
  expect(seen, 'console and page errors').toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('time order in the served UI', () => {
  it('lists the events in time order whatever each file does, and j follows it', async () => {
    await page.goto(served.url);
    await page.waitForSelector('body[data-diagnosed="true"]', { timeout: 90_000 });
    await page.getByRole('tab', { name: 'Events' }).click();
    await expect
      .poll(() => page.getByTestId('search-summary').innerText(), { timeout: 20_000 })
      .toMatch(/^34 events in time order$/);
    await expect.poll(async () => (await rows()).length, { timeout: 20_000 }).toBe(34);
    const listed = await rows();
    const times = listed.map((r) => r.time);
    expect(times).toEqual([...times].sort());
    const ceilometer = listed.filter((r) => r.where.startsWith('central.log:')).map((r) => r.where);
    // Line 6 (14:32:41.099) comes before lines 1–5 (14:38:08–14:38:10).
    expect(ceilometer.slice(0, 10)).toEqual([6, 7, 8, 9, 1, 2, 3, 4, 5, 10].map((n) => `central.log:${n}`));
    expect(listed[0]).toMatchObject({ where: 'volume.log:6', time: '2015-06-19 07:31:41.020' });
    await shot('1-events');

    // j from cinder’s last 2015 event walks on in time order, into ceilometer’s line 6 and back to line 1.
    await page.getByTestId('event-row').filter({ hasText: 'volume.log:13' }).click();
    const selected = page.locator('[data-testid="event-row"].ev-row-selected');
    await expect.poll(() => selected.locator('.ev-file').innerText()).toBe('volume.log:13');
    const walked: string[] = [];
    for (let i = 0; i < 6; i++) {
      const before = Number(await selected.getAttribute('data-position'));
      await page.keyboard.press('j');
      await expect.poll(async () => Number(await selected.getAttribute('data-position'))).toBe(before + 1);
      walked.push(await selected.locator('.ev-file').innerText());
    }
    expect(walked).toEqual([
      'central.log:6',
      'central.log:7',
      'central.log:8',
      'central.log:9',
      'central.log:1',
      'central.log:2',
    ]);
    await page.keyboard.press('k');
    await expect.poll(() => selected.locator('.ev-file').innerText()).toBe('central.log:1');
  });

  it('says how many events of a trace lie outside the time range, and clears it on request', async () => {
    // A range in the middle of the case (2016–2017), away from the request's 2019 events.
    await page.getByRole('tab', { name: 'Timeline' }).click();
    const histogram = page.getByTestId('timeline-histogram');
    await histogram.waitFor({ timeout: 20_000 });
    const box = (await histogram.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.getByTestId('range-chip').waitFor();

    await page.getByRole('tab', { name: 'Trace' }).click();
    const input = page.getByTestId('trace-input');
    await input.fill(REQUEST);
    await input.press('Enter');
    const outside = page.getByTestId('trace-outside-range');
    await outside.waitFor({ timeout: 20_000 });
    expect(await outside.innerText()).toContain(`4 events carry ${REQUEST} outside the selected time range`);
    expect(await page.getByTestId('trace-none').count()).toBe(0);
    await shot('2-trace-outside-range');

    await outside.getByRole('button', { name: 'Clear the time range and show them' }).click();
    await expect.poll(() => page.getByTestId('range-chip').count()).toBe(0);
    await expect.poll(() => page.getByTestId('trace-lane').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('trace').innerText()).toContain('returned with HTTP 300');
    expect(await page.getByTestId('trace-outside-range').count()).toBe(0);
    await shot('3-trace-cleared');
  });
});
