/**
 * A rule from a line (issue 18 part 3), end to end through `tarsier serve` in Chromium at
 * 1366×768: select an event, "Make a rule…" proposes the query from its template with a live
 * count and the healthy line next to it as the must-not-match example; a missing advice is
 * refused under its field; saved, the rule lands in the data folder's rules/ and the case
 * diagnosed again lists its finding on the Overview, marked as a user rule — and again after
 * the server is restarted on the same data folder (the case opened anew).
 * Screenshots: test-results/e2e/rule-from-line-*.png.
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

// realdata/openstack/insights-core_cinder_log_samples.log lines 9–13.
const PATH = 'var/log/cinder/volume.log';
const LINES = [
  '2015-06-19 07:31:41.026 7947 INFO cinder.volume.manager [-] Updating volume status',
  '2015-11-27 11:22:45.416 16656 INFO oslo.messaging._drivers.impl_rabbit [-] Connecting to AMQP server on 169.254.10.22:5672',
  '2015-11-27 11:22:45.426 16656 INFO oslo.messaging._drivers.impl_rabbit [-] Connected to AMQP server on 169.254.10.22:5672',
  '2015-11-27 11:23:07.146 16656 INFO cinder.volume.manager [req-a8c22cdb-e21b-497f-affe-9380478decae - - - - -] Updating volume status',
  '2015-11-27 11:23:07.148 16656 WARNING cinder.volume.manager [req-a8c22cdb-e21b-497f-affe-9380478decae - - - - -] Unable to update stats, LVMISCSIDriver -2.0.0 (config name rbd) driver is uninitialized.',
];

let dir: string;
let dataDir: string;
let bundle: string;
let served: Served | null = null;
let browser: Browser;
let page: Page;
const problems: string[] = [];

const shot = (name: string): Promise<Buffer> =>
  page.screenshot({ path: join(SCREENSHOTS, `rule-from-line-${name}.png`), fullPage: false, animations: 'disabled' });

async function serveAndOpen(): Promise<void> {
  served = await startServe([bundle, '--port', '0', '--zone', 'UTC'], { dataDir });
  await page.goto(served.url);
  await page.waitForSelector('body[data-diagnosed="true"]', { timeout: 90_000 });
}

beforeAll(async () => {
  assertBuilt();
  await mkdir(SCREENSHOTS, { recursive: true });
  dir = await mkdtemp(join(tmpdir(), 'tarsier-e2e-rule-'));
  dataDir = join(dir, 'data');
  bundle = join(dir, 'cinder.tar.gz');
  await writeTarGz(bundle, [{ name: PATH, body: LINES.join('\n') + '\n' }]);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  page = await context.newPage();
  collectPageProblems(page, problems);
  await serveAndOpen();
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

const userFinding = () =>
  page.locator('[data-testid="finding"][data-rule="user-unable-to-update-stats-lvmiscsidriver"]');

describe('a rule from a line', () => {
  it('is made from an event, refused without advice, saved, and listed on the Overview as a user rule', async () => {
    await page.getByRole('tab', { name: 'Overview' }).click();
    await expect.poll(() => page.getByTestId('user-rule-badge').count()).toBe(0);

    await page.getByRole('tab', { name: 'Events' }).click();
    const row = page.getByTestId('event-row').filter({ hasText: 'driver is uninitialized' });
    await row.click();
    await page.getByTestId('make-rule').click();
    const dialog = page.getByTestId('rule-from-line-dialog');
    await dialog.waitFor();
    expect(await page.getByTestId('rl-query').inputValue()).toBe(
      '"Unable to update stats, LVMISCSIDriver" "config name rbd) driver is uninitialized" level:>=warning',
    );
    await expect.poll(() => page.getByTestId('rl-count').innerText()).toBe('Matches 1 event in this case');
    // The nearest info line of the same file that the query leaves out.
    await expect.poll(() => page.getByTestId('rl-no-match').innerText()).toContain(LINES[3]);
    expect(await page.getByTestId('rl-severity').inputValue()).toBe('warning');

    // A broader query is counted live.
    await page.getByTestId('rl-query').fill('"volume status"');
    await expect.poll(() => page.getByTestId('rl-count').innerText()).toBe('Matches 2 events in this case');
    await page
      .getByTestId('rl-query')
      .fill('"Unable to update stats, LVMISCSIDriver" "config name rbd) driver is uninitialized" level:>=warning');
    await expect.poll(() => page.getByTestId('rl-count').innerText()).toBe('Matches 1 event in this case');

    // Saved without advice: refused, the problem under the advice field.
    await page.getByTestId('rl-save').click();
    await expect
      .poll(() => page.getByTestId('rl-field-problem').allInnerTexts())
      .toEqual([expect.stringMatching(/"advice"/)]);
    expect(await page.getByTestId('rl-advice-en').getAttribute('aria-invalid')).toBe('true');
    expect(await readdir(join(dataDir, 'rules')).catch(() => [])).toEqual([]);

    await page.getByTestId('rl-severity').selectOption('error');
    await page.getByTestId('rl-advice-en').fill('The volume driver did not start: check its backend configuration.');
    await page.getByTestId('rl-advice-zh').fill('卷驱动未启动：请检查其后端配置。');
    // Edited, the field's problems from the last save are gone.
    expect(await page.getByTestId('rl-field-problem').count()).toBe(0);
    await shot('dialog');
    await page.getByTestId('rl-save').click();

    // The case is read again from its cache and diagnosed with the new rule.
    await page.waitForSelector('body[data-diagnosed="true"]', { timeout: 90_000 });
    await page.getByRole('tab', { name: 'Overview' }).click();
    await expect.poll(() => userFinding().count(), { timeout: 30_000 }).toBe(1);
    expect(await userFinding().getByTestId('user-rule-badge').innerText()).toBe('user rule');
    await shot('overview');

    const saved = JSON.parse(
      await readFile(join(dataDir, 'rules', 'user-unable-to-update-stats-lvmiscsidriver.json'), 'utf8'),
    ) as { severity: string; examples: { match: { line: string }[]; noMatch: { line: string }[] } };
    expect(saved.severity).toBe('error');
    expect(saved.examples.match[0].line).toBe(LINES[4]);
    expect(saved.examples.noMatch[0].line).toBe(LINES[3]);
  }, 120_000);

  it('fires again when the case is opened anew by a restarted server', async () => {
    // Leave the page first: its event stream must not see the server go away.
    await page.goto('about:blank');
    await served!.stop();
    await serveAndOpen();
    await page.getByRole('tab', { name: 'Overview' }).click();
    await expect.poll(() => userFinding().count(), { timeout: 30_000 }).toBe(1);
    expect(await userFinding().getByTestId('user-rule-badge').count()).toBe(1);

    // A finding's evidence line offers the same dialog, the query proposed from the line alone.
    await userFinding().getByTestId('evidence-make-rule').first().click();
    await page.getByTestId('rule-from-line-dialog').waitFor();
    expect(await page.getByTestId('rl-query').inputValue()).toBe(
      '"Unable to update stats, LVMISCSIDriver" "config name rbd) driver is uninitialized" level:>=warning',
    );
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('rule-from-line-dialog').count()).toBe(0);
  }, 120_000);
});
