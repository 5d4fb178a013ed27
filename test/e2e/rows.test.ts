/**
 * What the Events list, the trace and the file viewer do with a line (issue 17): the Message
 * column without the timestamp, pins made in the viewer carrying their event's time, pin marks
 * in the list and the viewer's gutter, p / Shift+P to the next or previous pin, and copying a
 * line with ±N lines as text or Markdown (read back from the clipboard). At a laptop's 1366×768,
 * on the generated incident bundle. Screenshots: test-results/e2e/rows-*.png.
 */
import { join } from 'node:path';
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
  page.screenshot({ path: join(SCREENSHOTS, `rows-${name}.png`), fullPage: false, animations: 'disabled' });
const tab = (name: string) => page.getByRole('tab', { name });
const incident = (id: string) => manifest.incidents.find((i) => i.id === id)!;
const clipboard = (): Promise<string> => page.evaluate('navigator.clipboard.readText()') as Promise<string>;
/** A local time as the UI writes it (`2025-09-18 16:24:31`). */
const LOCAL_TIME = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/;
const selected = () => page.locator('[data-testid="event-row"].ev-row-selected');

/** The Events tab searching `query`, with its rows shown. */
async function search(query: string): Promise<void> {
  await tab('Events').click();
  const input = page.getByTestId('search-input');
  await input.fill(query);
  await input.press('Enter');
  const summary = page.getByTestId('search-summary');
  if (query === '') await expect.poll(() => summary.innerText(), { timeout: 20_000 }).toMatch(/events? in time order$/);
  else await expect.poll(() => summary.innerText(), { timeout: 20_000 }).toMatch(/^[\d,]+ hits? in/);
  await expect.poll(() => page.getByTestId('event-row').count()).toBeGreaterThan(0);
}

/** The row of the attach incident's key line among the rows shown. */
const keyRow = () => {
  const key = incident('attach-volume-404');
  return page.locator('[data-testid="event-row"]', {
    has: page.locator(`.ev-file[title$="unicloud-engine.log:${key.line}"]`),
  });
};

beforeAll(async () => {
  ({ dir, manifest, served, browser, page } = await openIncidentPage({
    name: 'rows',
    seed: 7,
    targetBytes: 2_000_000,
    problems,
    clipboard: true,
  }));
}, 180_000);

afterEach(() => expectNoPageProblems(problems));

afterAll(() => closeIncidentPage({ dir, served, browser }));

describe('rows of the Events list, the trace and the viewer', () => {
  it('shows the message without the timestamp, pid and level in the Message column', async () => {
    await search('"Failed to attach"');
    const messages = await page.getByTestId('event-message').allInnerTexts();
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) {
      expect(message).toContain('Failed to attach');
      expect(message).not.toMatch(/^\d{4}-\d{2}-\d{2}/);
      expect(message).not.toMatch(/\b(ERROR|WARNING|INFO)\b.*Failed to attach/);
    }
    // The whole line stays in the detail strip.
    await keyRow().click();
    expect(await page.getByTestId('event-detail').locator('.ev-detail-text').innerText()).toBe(
      incident('attach-volume-404').text,
    );
  });

  it('shows the message body in the trace Text column too', async () => {
    const key = incident('attach-volume-404');
    await tab('Trace').click();
    const input = page.getByTestId('trace-input');
    await input.fill(key.requestIds[0]);
    await input.press('Enter');
    await expect.poll(() => page.getByTestId('trace-event').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const texts = await page.getByTestId('trace-message').allInnerTexts();
    expect(texts.some((text) => text.includes('Failed to attach'))).toBe(true);
    for (const text of texts) expect(text).not.toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  });

  it('gives a pin made in the file viewer its event time, shown in the Case tab', async () => {
    const key = incident('attach-volume-404');
    await search('"Failed to attach"');
    await keyRow().dblclick();
    await page.waitForSelector('[data-testid="file-viewer"][data-ready="true"]', { timeout: 30_000 });
    expect(await page.getByTestId('file-viewer').getAttribute('data-line')).toBe(String(key.line));
    await page.getByTestId('pin-line').click();
    await expect.poll(() => page.getByTestId('pin-line').innerText()).toBe('Pinned');
    // The gutter marks the pinned line.
    await expect.poll(() => page.locator('.monaco-editor .fv-glyph-pin').count()).toBe(1);
    await shot('1-viewer-pin');
    await tab('Case').click();
    const pin = page.getByTestId('pin');
    await expect.poll(() => pin.count()).toBe(1);
    expect(await pin.innerText()).toContain(`unicloud-engine.log:${key.line}`);
    expect(await pin.locator('.case-pin-head .mono').first().innerText()).toMatch(LOCAL_TIME);
  });

  it('marks the pinned event in the list, and p / Shift+P move to the pins', async () => {
    await search('');
    await page.locator('.ev-scroll').focus();
    await page.keyboard.press('Home');
    await expect.poll(() => selected().getAttribute('data-position')).toBe('0');
    await page.keyboard.press('p');
    await expect.poll(() => selected().getAttribute('data-pinned'), { timeout: 20_000 }).toBe('true');
    expect(await selected().getByTestId('pin-glyph').count()).toBe(1);
    expect(await selected().locator('.ev-file').getAttribute('title')).toMatch(
      new RegExp(`unicloud-engine\\.log:${incident('attach-volume-404').line}$`),
    );
    // Only one pin: none after it, and Shift+P from the end comes back to it.
    const pinned = await selected().getAttribute('data-position');
    await page.keyboard.press('p');
    await expect.poll(() => page.getByTestId('events-notice').innerText()).toContain('No pinned event after');
    await page.keyboard.press('End');
    await expect.poll(() => selected().getAttribute('data-position')).not.toBe(pinned);
    await page.keyboard.press('Shift+P');
    await expect.poll(() => selected().getAttribute('data-position')).toBe(pinned);
    await shot('2-list-pin');
  });

  it('copies the selected event with ±3 lines as Markdown, and its lines as text with c', async () => {
    const key = incident('attach-volume-404');
    // The pinned event is selected (previous test): its lines (a traceback follows the key line) ±3.
    const count = Number(await selected().getAttribute('data-line-count'));
    expect(count).toBeGreaterThan(0);
    await page.getByTestId('copy-menu').click();
    await shot('3a-copy-menu');
    await page.getByTestId('copy-markdown-3').click();
    await expect.poll(() => page.getByTestId('copy-status').getAttribute('data-copied-lines')).toBe(String(count + 6));
    const md = (await clipboard()).split('\n');
    expect(md[0]).toMatch(
      new RegExp(
        `^\`[^\`]*unicloud-engine\\.log:${key.line}\` \\(${key.line - 3}–${key.line + count - 1 + 3}\\) · ${LOCAL_TIME.source}`,
      ),
    );
    expect(md[2]).toBe('```text');
    expect(md[3 + 3]).toBe(key.text);
    expect(md[3 + count + 6]).toBe('```');
    await shot('3-copy-markdown');
    await page.locator('.ev-scroll').focus();
    await page.keyboard.press('c');
    await expect.poll(async () => (await clipboard()).split('\n')).toHaveLength(count);
    expect((await clipboard()).split('\n')[0]).toBe(key.text);
  });

  it('copies the cursor line in the viewer with c, and p finds the pin from the top', async () => {
    const key = incident('attach-volume-404');
    await page.locator('.ev-scroll').focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="file-viewer"][data-ready="true"]', { timeout: 30_000 });
    await page.evaluate('navigator.clipboard.writeText("")');
    await page.locator('.monaco-editor textarea').focus();
    await page.keyboard.press('c');
    await expect.poll(clipboard).toBe(key.text);
    // From the file's first line, p goes to the pinned line.
    await page.getByTestId('goto-line').fill('1');
    await page.getByTestId('goto-line').press('Enter');
    await expect.poll(() => page.getByTestId('file-viewer').getAttribute('data-line')).toBe('1');
    await page.locator('.monaco-editor textarea').focus();
    await page.keyboard.press('p');
    await expect.poll(() => page.getByTestId('file-viewer').getAttribute('data-line')).toBe(String(key.line));
    await shot('4-viewer-next-pin');
  });
});
