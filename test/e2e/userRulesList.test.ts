/**
 * "Your rules" (issue 18 part 3), end to end through `tarsier serve` in Chromium at 1366×768: a
 * rule made from a line is listed; deleted with the Delete key on its row, the case is
 * diagnosed again without its finding and the list comes back with an Undo; undone, the rule is
 * saved again and fires again; Edit reopens the rule dialog prefilled and saves the change. The
 * rule dialog counts the library's past cases the query matches (a library seeded in the data
 * folder: one past case with the line's template, one without), with their tickets on hover.
 * Screenshots: test-results/e2e/user-rules-*.png.
 */
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectNoPageProblems } from './incidentPage.ts';
import {
  assertBuilt,
  CHROMIUM_ARGS,
  SCREENSHOTS,
  collectPageProblems,
  startServe,
  writeTarGz,
  type Served,
} from './serveHarness.ts';

// realdata/openstack/insights-core_cinder_log_samples.log lines 9–13 (as ruleFromLine.test.ts).
const PATH = 'var/log/cinder/volume.log';
const LINES = [
  '2015-06-19 07:31:41.026 7947 INFO cinder.volume.manager [-] Updating volume status',
  '2015-11-27 11:22:45.416 16656 INFO oslo.messaging._drivers.impl_rabbit [-] Connecting to AMQP server on 169.254.10.22:5672',
  '2015-11-27 11:22:45.426 16656 INFO oslo.messaging._drivers.impl_rabbit [-] Connected to AMQP server on 169.254.10.22:5672',
  '2015-11-27 11:23:07.146 16656 INFO cinder.volume.manager [req-a8c22cdb-e21b-497f-affe-9380478decae - - - - -] Updating volume status',
  '2015-11-27 11:23:07.148 16656 WARNING cinder.volume.manager [req-a8c22cdb-e21b-497f-affe-9380478decae - - - - -] Unable to update stats, LVMISCSIDriver -2.0.0 (config name rbd) driver is uninitialized.',
];
const RULE = 'user-unable-to-update-stats-lvmiscsidriver';

/** A past case of the library (shared/library/libraryModel.ts LibraryCase) as the engine keeps it. */
const pastCase = (key: string, ticket: string, template: { text: string; level: 'error' | 'warning' }) => ({
  key: key.repeat(64),
  ticket,
  customer: '',
  problem: '',
  conclusion: '',
  names: [`${ticket}.tar.gz`],
  savedAt: Date.UTC(2026, 10, 3),
  findings: [],
  templates: [{ ...template, count: 2 }],
  pins: [],
  origin: 'local',
});
/** Two past cases: one had the line's template (LINES[4] as the miner masks it), one another (OSLO_LINES[1]'s). */
const LIBRARY = [
  pastCase('a', 'TCK-4711', {
    text: 'Unable to update stats, LVMISCSIDriver <*> (config name rbd) driver is uninitialized.',
    level: 'warning',
  }),
  pastCase('b', 'TCK-5020', { text: 'Failed to attach volume', level: 'error' }),
];

let dir: string;
let dataDir: string;
let served: Served | null = null;
let browser: Browser;
let page: Page;
const problems: string[] = [];

const shot = (name: string): Promise<Buffer> =>
  page.screenshot({ path: join(SCREENSHOTS, `user-rules-${name}.png`), fullPage: false, animations: 'disabled' });
const userFinding = () => page.locator(`[data-testid="finding"][data-rule="${RULE}"]`);
const list = () => page.getByTestId('user-rules-dialog');
const listedRule = () => list().locator(`[data-testid="ur-rule"][data-rule="${RULE}"]`);

/** The case id the open "Your rules" belongs to. */
const listCase = (): Promise<string | null> => list().locator('[data-case-id]').getAttribute('data-case-id');

/** After a change in "Your rules": the list is back on the case read again, and that case is diagnosed. */
async function rediagnosed(before: string | null): Promise<void> {
  await page.waitForSelector(`[data-testid="user-rules-dialog"] [data-case-id]:not([data-case-id="${before}"])`, {
    timeout: 90_000,
  });
  await page.waitForSelector('body[data-diagnosed="true"]', { timeout: 90_000 });
}

/** Closes "Your rules" (Esc) and counts the user rule's findings on the Overview. */
async function closeAndCountFindings(): Promise<number> {
  await page.keyboard.press('Escape');
  await expect.poll(() => list().count()).toBe(0);
  await page.getByRole('tab', { name: 'Overview' }).click();
  await page.getByTestId('overview').waitFor();
  return userFinding().count();
}

async function openFromPalette(): Promise<void> {
  await page.keyboard.press('Control+K');
  await page.getByTestId('palette').waitFor();
  await page.getByTestId('palette-input').fill('your rules');
  await page.getByTestId('palette-item').filter({ hasText: 'Show your rules' }).first().click();
  await list().waitFor();
}

beforeAll(async () => {
  assertBuilt();
  await mkdir(SCREENSHOTS, { recursive: true });
  dir = await mkdtemp(join(tmpdir(), 'tarsier-e2e-user-rules-'));
  dataDir = join(dir, 'data');
  const bundle = join(dir, 'cinder.tar.gz');
  await writeTarGz(bundle, [{ name: PATH, body: LINES.join('\n') + '\n' }]);
  await mkdir(join(dataDir, 'library'), { recursive: true });
  for (const c of LIBRARY) await writeFile(join(dataDir, 'library', `${c.key}.json`), JSON.stringify(c));
  served = await startServe([bundle, '--port', '0', '--zone', 'UTC'], { dataDir });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  page = await context.newPage();
  collectPageProblems(page, problems);
  await page.goto(served.url);
  await page.waitForSelector('body[data-diagnosed="true"]', { timeout: 90_000 });
}, 180_000);

afterEach(() => expectNoPageProblems(problems));

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('your rules', () => {
  it('lists a rule made from a line', async () => {
    await page.getByRole('tab', { name: 'Events' }).click();
    await page.getByTestId('event-row').filter({ hasText: 'driver is uninitialized' }).click();
    await page.getByTestId('make-rule').click();
    await page.getByTestId('rule-from-line-dialog').waitFor();
    await expect.poll(() => page.getByTestId('rl-count').innerText()).toBe('Matches 1 event in this case');
    await expect.poll(() => page.getByTestId('rl-no-match').innerText()).toContain(LINES[3]);
    // The library: the past case with the line's template, its ticket on hover; live as the query changes.
    const library = page.getByTestId('rl-library-count');
    await expect
      .poll(async () => (await library.innerText()).trim())
      .toBe('· 1 past case (templates 1, pinned lines 0)');
    expect(await library.locator('[title]').getAttribute('title')).toBe('TCK-4711 (2026-11-03)');
    await page.getByTestId('rl-query').fill('level:>=warning');
    await expect
      .poll(async () => (await library.innerText()).trim())
      .toBe('· 2 past cases (templates 2, pinned lines 0)');
    await page.getByTestId('rl-query').fill('"Updating volume status"');
    await expect
      .poll(async () => (await library.innerText()).trim())
      .toBe('· 0 past cases (templates 0, pinned lines 0)');
    await page
      .getByTestId('rl-query')
      .fill('"Unable to update stats, LVMISCSIDriver" "config name rbd) driver is uninitialized" level:>=warning');
    await expect
      .poll(async () => (await library.innerText()).trim())
      .toBe('· 1 past case (templates 1, pinned lines 0)');
    await shot('rule-dialog');
    await page.getByTestId('rl-advice-en').fill('The volume driver did not start: check its backend configuration.');
    await page.getByTestId('rl-advice-zh').fill('卷驱动未启动：请检查其后端配置。');
    // "Your rules…" from the dialog lies over it (nothing saved yet); Esc closes the list, the draft kept.
    await page.getByTestId('rl-your-rules').click();
    await list().getByTestId('ur-empty').waitFor();
    expect(await page.getByTestId('rule-from-line-dialog').isVisible()).toBe(false);
    await page.keyboard.press('Escape');
    await expect.poll(() => list().count()).toBe(0);
    expect(await page.getByTestId('rule-from-line-dialog').isVisible()).toBe(true);
    expect(await page.getByTestId('rl-advice-zh').inputValue()).toBe('卷驱动未启动：请检查其后端配置。');

    await page.getByTestId('rl-save').click();
    await page.waitForSelector('[data-testid="rule-from-line-dialog"]', { state: 'detached', timeout: 90_000 });
    await page.waitForSelector('body[data-diagnosed="true"]', { timeout: 90_000 });
    await page.getByRole('tab', { name: 'Overview' }).click();
    await expect.poll(() => userFinding().count(), { timeout: 30_000 }).toBe(1);

    await openFromPalette();
    await expect.poll(() => list().getByTestId('ur-rule').count()).toBe(1);
    const row = listedRule();
    expect(await row.innerText()).toContain('Unable to update stats, LVMISCSIDriver');
    expect(await row.innerText()).toContain(
      '"Unable to update stats, LVMISCSIDriver" "config name rbd) driver is uninitialized" level:>=warning',
    );
    expect(await row.innerText()).toContain(join(dataDir, 'rules', `${RULE}.json`));
    expect(await row.locator('.ov-sev').innerText()).toBe('Warning');
    await shot('list');
  }, 180_000);

  it('deletes the focused rule with the Delete key: the case is diagnosed again without it', async () => {
    const before = await listCase();
    await listedRule().focus();
    await page.keyboard.press('Delete');
    await rediagnosed(before);
    expect(await readdir(join(dataDir, 'rules'))).toEqual([]);
    // Read again on the new case: the folder is empty.
    await list().getByTestId('ur-empty').waitFor();
    expect(await list().getByTestId('ur-rule').count()).toBe(0);
    expect(await list().getByTestId('ur-deleted').innerText()).toContain(RULE);
    expect(await closeAndCountFindings()).toBe(0);
  }, 180_000);

  it('brings it back with Undo, and it fires again', async () => {
    await openFromPalette();
    // The Undo outlives the new diagnosis and the closed list.
    const before = await listCase();
    await list().getByTestId('ur-undo').click();
    await rediagnosed(before);
    await expect.poll(() => listedRule().count()).toBe(1);
    expect(await list().getByTestId('ur-deleted').count()).toBe(0);
    expect(await readdir(join(dataDir, 'rules'))).toEqual([`${RULE}.json`]);
    await expect.poll(closeAndCountFindings, { timeout: 30_000 }).toBe(1);
  }, 180_000);

  it('edits a rule in the rule dialog, prefilled from its file', async () => {
    await openFromPalette();
    const before = await listCase();
    await listedRule().getByTestId('ur-edit').click();
    const dialog = page.getByTestId('rule-from-line-dialog');
    await dialog.waitFor();
    expect(await list().count()).toBe(0);
    expect(await dialog.getByRole('heading').innerText()).toBe(`Edit your rule ${RULE}`);
    expect(await page.getByTestId('rl-id').inputValue()).toBe(RULE);
    expect(await page.getByTestId('rl-id').getAttribute('readonly')).not.toBeNull();
    expect(await page.getByTestId('rl-advice-zh').inputValue()).toBe('卷驱动未启动：请检查其后端配置。');
    await expect.poll(() => page.getByTestId('rl-count').innerText()).toBe('Matches 1 event in this case');
    // The saved must-not-match line, not merely the nearest one to the top of the file.
    await expect.poll(() => page.getByTestId('rl-no-match').innerText()).toContain(LINES[3]);
    await page.getByTestId('rl-severity').selectOption('critical');
    await page.getByTestId('rl-save').click();
    // Saved, the case is diagnosed again and the list comes back on it.
    await rediagnosed(before);
    await expect.poll(() => listedRule().locator('.ov-sev').innerText()).toBe('Critical');
    const saved = JSON.parse(await readFile(join(dataDir, 'rules', `${RULE}.json`), 'utf8')) as {
      severity: string;
      examples: { match: { line: string }[]; noMatch: { line: string }[] };
    };
    expect(saved.severity).toBe('critical');
    expect(saved.examples.match[0].line).toBe(LINES[4]);
    expect(saved.examples.noMatch.map((e) => e.line)).toEqual([LINES[3]]);
    expect(await closeAndCountFindings()).toBe(1);
    expect(await userFinding().locator('.ov-sev').innerText()).toBe('Critical');
  }, 180_000);
});
