/**
 * Navigation habits engineers bring from lnav, klogg, Chipmunk and VS Code (issue 17), in the
 * served UI at 1366×768 on the generated incident bundle: Ctrl+P "go to file", level toggles and
 * filter-out chips, search history, back after a jump, deep links in the hash, notes export and
 * import, and the question asked when several bundles are opened together.
 * Screenshots: test-results/e2e/navigation-*.png.
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../fixtures/generateBundle.ts';
import { SCREENSHOTS, type Served } from './serveHarness.ts';
import { closeIncidentPage, expectNoPageProblems, openIncidentPage } from './incidentPage.ts';

let dir: string;
let manifest: Manifest;
let served: Served;
let browser: Browser;
let page: Page;
const problems: string[] = [];

const shot = (name: string): Promise<Buffer> =>
  page.screenshot({ path: join(SCREENSHOTS, `navigation-${name}.png`), fullPage: false, animations: 'disabled' });
const tab = (name: string) => page.locator(`#tab-${name}`);
const summary = () => page.getByTestId('search-summary');
/** The first number of the events summary ("1,234 hits in 5 ms", "1,234 events in time order"). */
const summaryCount = async (): Promise<number> =>
  Number(/[\d,]+/.exec(await summary().innerText())![0].replace(/,/g, ''));
const settled = (pattern: RegExp) => expect.poll(() => summary().innerText(), { timeout: 20_000 }).toMatch(pattern);

beforeAll(async () => {
  ({ dir, manifest, served, browser, page } = await openIncidentPage({
    name: 'nav',
    seed: 11,
    targetBytes: 1_500_000,
    problems,
    context: { acceptDownloads: true },
  }));
}, 180_000);

afterEach(() => expectNoPageProblems(problems));

afterAll(() => closeIncidentPage({ dir, served, browser }));

/** A log file whose name no other file of the bundle shares, with enough lines to open at one. */
function uniqueLog(minLines: number): { path: string; lines: number } {
  const names = new Map<string, number>();
  for (const f of manifest.files) names.set(basename(f.path), (names.get(basename(f.path)) ?? 0) + 1);
  const file = manifest.files.find(
    (f) => f.events > 0 && f.lines >= minLines && !f.path.includes('!') && names.get(basename(f.path)) === 1,
  );
  if (!file) throw new Error('the generated bundle has no log file with a unique name');
  return { path: file.path, lines: file.lines };
}

describe('navigation', () => {
  it('Ctrl+P, a fuzzy text and Enter open the file in the viewer', async () => {
    const { path } = uniqueLog(5);
    // Only the letters of the name, no separators: a subsequence, not a substring.
    const typed = basename(path).replace(/[^a-z0-9]/gi, '');
    await page.keyboard.press('Control+p');
    const input = page.getByTestId('palette-input');
    await input.waitFor();
    await input.fill(typed);
    const first = page.getByTestId('palette-item').first();
    await expect.poll(() => first.innerText()).toContain(path);
    await shot('1-go-to-file');
    await input.press('Enter');
    await page.waitForSelector('[data-testid="file-viewer"][data-ready="true"]', { timeout: 30_000 });
    expect(await page.getByTestId('viewer-path').innerText()).toContain(basename(path));
    expect(await tab('viewer').getAttribute('aria-selected')).toBe('true');
  });

  it('opens a file from its row in the Files tab', async () => {
    await tab('files').click();
    const open = page.getByTestId('file-open').first();
    const name = await open.innerText();
    await open.click();
    await page.waitForSelector('[data-testid="file-viewer"][data-ready="true"]', { timeout: 30_000 });
    expect(await page.getByTestId('viewer-path').innerText()).toContain(name);
  });

  it('a level toggle hides that level and changes the count', async () => {
    await tab('events').click();
    const input = page.getByTestId('search-input');
    await input.fill('');
    await input.press('Enter');
    await settled(/events in time order/);
    const all = await summaryCount();
    await page.getByTestId('level-toggle-info').click();
    await expect.poll(() => input.inputValue()).toBe('-level:info');
    await settled(/hits? in/);
    const withoutInfo = await summaryCount();
    expect(withoutInfo).toBeLessThan(all);
    expect(withoutInfo).toBeGreaterThan(0);
    expect(await page.getByTestId('level-toggle-info').getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => page.locator('[data-testid="event-row"].ev-row-info').count()).toBe(0);
    await shot('2-level-toggle');
    await page.getByTestId('level-toggle-info').click();
    await expect.poll(() => input.inputValue()).toBe('');
    await settled(/events in time order/);
    expect(await summaryCount()).toBe(all);
  });

  it('an Alt-click on a word adds a filter-out chip that removes its rows; × brings them back', async () => {
    const input = page.getByTestId('search-input');
    await input.fill('level:>=warning');
    await input.press('Enter');
    await settled(/hits? in/);
    const before = await summaryCount();
    const cell = page.getByTestId('event-row').first().locator('.ev-text');
    const box = (await cell.boundingBox())!;
    await page.mouse.move(box.x + 4, box.y + box.height / 2);
    await page.keyboard.down('Alt');
    await page.mouse.click(box.x + 4, box.y + box.height / 2);
    await page.keyboard.up('Alt');
    const chip = page.getByTestId('exclude-chip');
    await expect.poll(() => chip.count()).toBe(1);
    const word = (await chip.innerText()).replace(/×$/, '').trim().replace(/^-/, '').replace(/^"|"$/g, '');
    expect(word.length).toBeGreaterThan(0);
    expect(await input.inputValue()).toBe(`level:>=warning ${(await chip.innerText()).replace(/×$/, '').trim()}`);
    await expect.poll(summaryCount, { timeout: 20_000 }).toBeLessThan(before);
    const shown = await page.getByTestId('event-row').locator('.ev-text').allInnerTexts();
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const text of shown)
      expect(text).not.toMatch(new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'iu'));
    await shot('3-filter-out-chip');
    await chip.getByRole('button').click();
    await expect.poll(() => input.inputValue()).toBe('level:>=warning');
    await expect.poll(summaryCount, { timeout: 20_000 }).toBe(before);
  });

  it('Alt+← after a jump to the viewer returns to the same query and selected event', async () => {
    const input = page.getByTestId('search-input');
    await input.fill('level:error');
    await input.press('Enter');
    await settled(/hits? in/);
    const row = page.getByTestId('event-row').nth(2);
    const selected = page.locator('[data-testid="event-row"].ev-row-selected');
    await expect
      .poll(async () => {
        await row.click();
        return selected.count();
      })
      .toBe(1);
    const text = await selected.locator('.ev-text').innerText();
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="file-viewer"][data-ready="true"]', { timeout: 30_000 });
    expect(await page.evaluate<string>('location.hash')).toMatch(/^#\/file\/.+:\d+$/);
    await page.keyboard.press('Alt+ArrowLeft');
    await page.getByTestId('events').waitFor();
    expect(await input.inputValue()).toBe('level:error');
    await expect.poll(() => selected.locator('.ev-text').innerText(), { timeout: 20_000 }).toBe(text);
    expect(await page.evaluate<string>('location.hash')).toMatch(/^#\/events\?q=level%3Aerror&sel=\d+$/);
    // Forward again: the viewer.
    await page.keyboard.press('Alt+ArrowRight');
    await page.waitForSelector('[data-testid="file-viewer"][data-ready="true"]', { timeout: 30_000 });
  });

  it('a link #/file/<path>:<line> opens the viewer at that line; a bad link gives a notice', async () => {
    const { path, lines } = uniqueLog(20);
    const line = Math.min(17, lines);
    await page.goto('about:blank');
    await page.goto(`${served.url}#/file/${path}:${line}`);
    await page.waitForSelector('[data-testid="file-viewer"][data-ready="true"]', { timeout: 60_000 });
    expect(await page.getByTestId('file-viewer').getAttribute('data-line')).toBe(String(line));
    expect(await page.getByTestId('viewer-path').innerText()).toContain(basename(path));
    await shot('5-deep-link');

    await page.goto('about:blank');
    await page.goto(`${served.url}#/nowhere?x=1`);
    const notice = page.getByTestId('link-notice');
    await notice.waitFor({ timeout: 60_000 });
    expect(await notice.innerText()).toContain('unknown view');
    await page.waitForSelector('body[data-diagnosed="true"]', { timeout: 60_000 });
  });

  it('↑ in the search box recalls the last search, and the list of recent ones shows', async () => {
    await tab('events').click();
    const input = page.getByTestId('search-input');
    for (const q of ['nova', 'timeout']) {
      await input.fill(q);
      await input.press('Enter');
      await settled(/hits? in|No events/);
    }
    await input.fill('');
    await input.press('Enter');
    await settled(/events in time order/);
    // Back to the list, then into the empty box again: the recent searches show.
    await input.press('Escape');
    await input.click();
    await page.getByTestId('search-history').waitFor();
    expect(await page.getByTestId('history-item').first().innerText()).toBe('timeout');
    await shot('4-search-history');
    await input.press('ArrowUp');
    expect(await input.inputValue()).toBe('timeout');
    await input.press('ArrowUp');
    expect(await input.inputValue()).toBe('nova');
    await input.press('ArrowDown');
    expect(await input.inputValue()).toBe('timeout');
    await input.press('ArrowDown');
    expect(await input.inputValue()).toBe('');
  });

  it('exports the notes as JSON and Markdown, and an import merges them back with a preview', async () => {
    await tab('case').click();
    await page.getByLabel('Ticket').fill('NAV-17');
    await page.getByTestId('case-conclusion').fill('Disk full on the compute node.');
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('notes-export-json').click()]);
    const exported = JSON.parse(await readFile((await json.path())!, 'utf8')) as {
      ticket: string;
      conclusion: string;
      pins: unknown[];
    };
    expect(exported.ticket).toBe('NAV-17');
    expect(exported.conclusion).toBe('Disk full on the compute node.');
    const [md] = await Promise.all([page.waitForEvent('download'), page.getByTestId('notes-export-md').click()]);
    expect(md.suggestedFilename()).toMatch(/-notes\.md$/);
    expect(await readFile((await md.path())!, 'utf8')).toContain('- **Ticket:** NAV-17');

    // The same file back: nothing to add or replace.
    const fileInput = page.getByTestId('notes-import-file');
    const asFile = (value: unknown) => ({
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(value)),
    });
    await fileInput.setInputFiles(asFile(exported));
    const preview = page.getByTestId('notes-import-preview');
    await preview.waitFor();
    expect(await preview.getByTestId('notes-preview-added').innerText()).toContain('Pins added: 0');
    await preview.getByRole('button', { name: 'Cancel' }).click();

    // The file edited elsewhere: one pin more, with a note.
    const { path } = uniqueLog(5);
    await fileInput.setInputFiles(
      asFile({ ...exported, pins: [...exported.pins, { path, line: 5, note: 'from a colleague' }] }),
    );
    await preview.waitFor();
    expect(await preview.getByTestId('notes-preview-added').innerText()).toContain('Pins added: 1');
    expect(await preview.innerText()).toContain(`${path}:5`);
    await shot('6-notes-import');
    await preview.getByTestId('notes-import-apply').click();
    const pinned = page.getByTestId('pin').filter({ hasText: `${basename(path)}` });
    await expect.poll(() => pinned.count()).toBe(1);
    expect(await pinned.locator('textarea').inputValue()).toBe('from a colleague');
    expect(await page.getByLabel('Ticket').inputValue()).toBe('NAV-17');

    // A file that is not notes is refused with what is wrong.
    await fileInput.setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"pins":[{"line":3}]}'),
    });
    const message = page.getByTestId('notes-import-message');
    await expect.poll(() => message.innerText()).toContain('bad.json');
    expect(await message.innerText()).toContain('pins[0] has no "path"');
  });

  it('asks how to open two bundles chosen together, and opens the one picked', async () => {
    await page.getByRole('button', { name: 'Open another bundle' }).click();
    await page.getByTestId('dropzone').waitFor();
    const bundle = await readFile(join(dir, 'incident-nav.tar.gz'));
    await page.getByTestId('file-input').setInputFiles([
      { name: 'first.tar.gz', mimeType: 'application/gzip', buffer: bundle },
      { name: 'second.tar.gz', mimeType: 'application/gzip', buffer: bundle },
    ]);
    const dialog = page.getByTestId('many-bundles');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('2 bundles');
    expect(await dialog.getByTestId('many-merge').isVisible()).toBe(true);
    expect(await dialog.getByTestId('many-pick').allInnerTexts()).toEqual([
      'Open only first.tar.gz',
      'Open only second.tar.gz',
    ]);
    await shot('7-two-bundles');
    await dialog.getByTestId('many-pick').nth(1).click();
    await page.waitForSelector('body[data-case="ready"]', { timeout: 90_000 });
    await tab('files').click();
    const cards = page.getByTestId('bundle-card');
    await expect.poll(() => cards.count()).toBe(1);
    expect(await cards.innerText()).toContain('second.tar.gz');
  });
});
