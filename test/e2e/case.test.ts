/**
 * The case workspace end to end, through `tarsier serve` in Chromium, on the generated incident
 * bundle: the overview's findings, a search for "Failed to attach", the trace of its request id,
 * evidence → the file viewer (Monaco) at the right line, Chinese. Any console error (a missing
 * Monaco worker included) fails the test. Screenshots of every screen: test-results/e2e/case-*.png.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/ui/csp.ts';
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
  page.screenshot({ path: join(SCREENSHOTS, `case-${name}.png`), fullPage: false, animations: 'disabled' });
const incident = (id: string) => manifest.incidents.find((i) => i.id === id)!;

beforeAll(async () => {
  ({ dir, manifest, served, browser, page } = await openIncidentPage({
    name: 'case',
    seed: 7,
    targetBytes: 2_000_000,
    problems,
    context: { viewport: { width: 1440, height: 900 }, acceptDownloads: true },
    open: false,
  }));
  // No remote content: every request stays on the bridge's own origin (Monaco and fonts bundled).
  const origin = new URL(served.url).origin;
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== origin)
      problems.push(`request outside the app: ${request.url()}`);
  });
}, 180_000);

afterEach(() => expectNoPageProblems(problems));

afterAll(() => closeIncidentPage({ dir, served, browser }));

describe('the case workspace', () => {
  it('opens on the overview and shows the findings of the planted incidents', async () => {
    const response = await page.goto(served.url);
    expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    await page.waitForSelector('body[data-diagnosed="true"]', { timeout: 90_000 });
    const findings = page.getByTestId('finding');
    await expect.poll(() => findings.count()).toBeGreaterThan(5);
    expect(await page.locator('[data-testid="finding"][data-rule="nova-cinder-attach-404"]').count()).toBeGreaterThan(
      0,
    );
    expect(await page.getByTestId('components-table').innerText()).toContain('unicloud-engine');
    await shot('1-overview');
    await page.getByTestId('stage-picker').selectOption('host-boot-block');
    await expect.poll(async () => (await findings.first().getAttribute('data-rule')) ?? '').not.toBe('');
    await shot('2-overview-stage');
    await page.getByTestId('triage').scrollIntoViewIfNeeded();
    await shot('3-triage');
  });

  it("jumps from a finding's evidence to the file viewer at that line", async () => {
    const key = incident('attach-volume-404');
    const finding = page
      .locator('[data-testid="finding"][data-rule="nova-cinder-attach-404"]', { hasText: 'unicloud-engine' })
      .first();
    if ((await finding.getByTestId('evidence-line').count()) === 0) await finding.getByRole('button').first().click();
    await finding.getByTestId('evidence-line').first().click();
    const viewer = page.getByTestId('file-viewer');
    await page.waitForSelector('[data-testid="file-viewer"][data-ready="true"]', { timeout: 30_000 });
    expect(await viewer.getAttribute('data-line')).toBe(String(key.line));
    expect(await page.getByTestId('viewer-path').innerText()).toContain('unicloud-engine.log');
    // Monaco renders only what is on screen, horizontally too: the line's start (time, level, request id) is.
    await expect.poll(() => page.locator('.monaco-editor .view-lines').innerText()).toContain(key.requestIds[0]);
    await shot('4-viewer');
  });

  it('pins the line as evidence with a note, kept in the Case tab', async () => {
    const key = incident('attach-volume-404');
    await page.getByTestId('pin-line').click();
    await page.getByRole('tab', { name: 'Case' }).click();
    const pin = page.getByTestId('pin');
    await expect.poll(() => pin.count()).toBe(1);
    expect(await pin.innerText()).toContain(`unicloud-engine.log:${key.line}`);
    await pin.getByRole('textbox').fill('Nova got 404 from Cinder for the volume the customer picked');
    await page.getByTestId('case-statement').fill('Booting web01 fails at 16:24 with "Failed to attach"');
    await shot('4b-case');
    // Kept for this bundle across a reload.
    await page.reload();
    await page.waitForSelector('body[data-case="ready"]', { timeout: 60_000 });
    await page.getByRole('tab', { name: 'Case' }).click();
    expect(await page.getByTestId('pin').getByRole('textbox').inputValue()).toContain('Nova got 404');
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.waitForSelector('body[data-diagnosed="true"]', { timeout: 60_000 });
  });

  it('searches "Failed to attach" in the events', async () => {
    await page.getByRole('tab', { name: 'Events' }).click();
    const input = page.getByTestId('search-input');
    await input.fill('"Failed to attach"');
    await input.press('Enter');
    await expect
      .poll(() => page.getByTestId('search-summary').innerText(), { timeout: 20_000 })
      .toMatch(/^[\d,]+ hits? in/);
    await expect.poll(() => page.getByTestId('event-row').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('events').innerText()).toContain('Failed to attach volume');
    await shot('5-events-search');
    // Keyboard: e jumps to the next error among the hits, then n / N move between hits.
    await page.locator('.ev-scroll').focus();
    await page.keyboard.press('e');
    const selected = page.locator('[data-testid="event-row"].ev-row-selected');
    await expect.poll(() => selected.getAttribute('data-level')).toMatch(/error|critical/);
    const first = Number(await selected.getAttribute('data-position'));
    await page.keyboard.press('n');
    await expect.poll(async () => Number(await selected.getAttribute('data-position'))).toBeGreaterThan(first);
    await page.keyboard.press('Shift+N');
    await expect.poll(async () => Number(await selected.getAttribute('data-position'))).toBe(first);
  });

  it('lists message templates in the Patterns tab, and a row opens its events', async () => {
    await page.getByRole('tab', { name: 'Patterns' }).click();
    const rows = page.getByTestId('pattern-row');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBeGreaterThan(5);
    // Warnings and errors first: the top row carries some.
    expect(await rows.first().locator('.pt-err, .pt-warn').count()).toBeGreaterThan(0);
    await shot('5b-patterns');
    await page.getByTestId('patterns-filter').fill('Failed to attach');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const text = await rows.first().locator('code').innerText();
    expect(text).toContain('Failed to attach');
    const count = Number((await rows.first().locator('.pt-num').innerText()).replace(/\D/g, ''));
    await rows.first().click();
    // The Events tab searches that template: every row is one of its events.
    await expect.poll(() => page.getByTestId('search-input').inputValue()).toMatch(/^template:\d+$/);
    await expect
      .poll(() => page.getByTestId('search-summary').innerText(), { timeout: 20_000 })
      .toMatch(new RegExp(`^${count.toLocaleString('en-US')} hits? in`));
    const shown = await page.getByTestId('event-row').allInnerTexts();
    expect(shown.length).toBeGreaterThan(0);
    for (const row of shown) expect(row).toContain('Failed to attach');
  });

  it('traces the request id of the failure across modules', async () => {
    const key = incident('attach-volume-404');
    await page.getByRole('tab', { name: 'Trace' }).click();
    const input = page.getByTestId('trace-input');
    await input.fill(key.requestIds[0]);
    await input.press('Enter');
    await expect.poll(() => page.getByTestId('trace-lane').count(), { timeout: 20_000 }).toBeGreaterThan(2);
    const lanes = await page.getByTestId('trace').innerText();
    expect(lanes).toContain('porter-api');
    expect(lanes).toContain('unicloud-engine');
    await shot('6-trace');
  });

  it('selects a time range on the timeline, which filters the events', async () => {
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await expect.poll(() => page.getByTestId('timeline-lane').count(), { timeout: 20_000 }).toBeGreaterThan(2);
    expect(await page.getByTestId('timeline-marker').count()).toBeGreaterThan(0);
    await shot('6b-timeline');
    // All events, then only those in the range dragged across the histogram.
    const eventCount = async (): Promise<number> =>
      Number(
        (await page.getByTestId('search-summary').innerText())
          .replace(/[^\d]+/g, ' ')
          .trim()
          .split(' ')[0],
      );
    await page.getByRole('tab', { name: 'Events' }).click();
    await page.getByTestId('search-input').fill('');
    await expect
      .poll(() => page.getByTestId('search-summary').innerText(), { timeout: 20_000 })
      .toMatch(/^[\d,]+ events? in time order$/);
    const all = await eventCount();
    await page.getByRole('tab', { name: 'Timeline' }).click();
    const box = (await page.getByTestId('timeline-histogram').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.getByTestId('range-chip').waitFor();
    await page.getByTestId('timeline-selection').waitFor();
    await shot('6c-timeline-range');
    await page.getByRole('tab', { name: 'Events' }).click();
    await expect
      .poll(() => page.getByTestId('search-summary').innerText(), { timeout: 20_000 })
      .toContain('in the selected time range');
    const inRange = await eventCount();
    expect(inRange).toBeGreaterThan(0);
    expect(inRange).toBeLessThan(all);
    await shot('6d-events-range');
    await page.getByTestId('range-chip').getByRole('button', { name: 'Clear the time range' }).click();
    await expect
      .poll(() => page.getByTestId('search-summary').innerText(), { timeout: 20_000 })
      .toMatch(/^[\d,]+ events? in time order$/);
    expect(await eventCount()).toBe(all);
  });

  it('runs commands from the palette (Ctrl+K) and lists the shortcuts (?)', async () => {
    const key = incident('attach-volume-404');
    await page.keyboard.press('Control+K');
    const palette = page.getByTestId('palette');
    await palette.waitFor();
    await page.getByTestId('palette-input').fill(key.requestIds[0]);
    await expect
      .poll(() => page.getByTestId('palette-item').allInnerTexts())
      .toContainEqual(expect.stringContaining(`Trace “${key.requestIds[0]}”`));
    await shot('6e-palette');
    await page.getByTestId('palette-item').filter({ hasText: 'Trace' }).first().click();
    await expect.poll(() => palette.count()).toBe(0);
    await expect.poll(() => page.getByTestId('trace-input').inputValue()).toBe(key.requestIds[0]);
    await expect.poll(() => page.getByTestId('trace-lane').count(), { timeout: 20_000 }).toBeGreaterThan(2);
    // Go to a tab by name.
    await page.keyboard.press('Control+K');
    await page.getByTestId('palette-input').fill('go to files');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('tab', { name: 'Files' }).getAttribute('aria-selected')).toBe('true');
    // `?` outside a text field shows the shortcuts; Esc closes them.
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('?');
    const help = page.getByTestId('shortcuts-help');
    await help.waitFor();
    expect(await help.innerText()).toContain('Open the command palette');
    await shot('6f-shortcuts');
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);
  });

  it('exports the case report from the Case tab (PDF and Markdown, secrets masked by default)', async () => {
    await page.getByRole('tab', { name: 'Case' }).click();
    await page.getByTestId('case-conclusion').fill('Cinder lost the volume; re-pick it. 建议重新选择云硬盘。');
    await page.getByTestId('export-open').click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.waitFor();
    expect(await page.getByTestId('export-redact').isChecked()).toBe(true);
    await shot('6g-export');
    const downloads: { name: string; path: string }[] = [];
    page.on(
      'download',
      (download) => void download.path().then((path) => downloads.push({ name: download.suggestedFilename(), path })),
    );
    await page.getByTestId('export-run').click();
    await page.getByTestId('export-done').waitFor({ timeout: 60_000 });
    await expect.poll(() => downloads.length, { timeout: 20_000 }).toBe(2);
    expect(downloads.map((d) => d.name.replace(/-\d{8}-\d{4}/, '')).sort()).toEqual([
      'tarsier-incident-case.md',
      'tarsier-incident-case.pdf',
    ]);
    const md = await readFile(downloads.find((d) => d.name.endsWith('.md'))!.path, 'utf8');
    expect(md).toContain('Nova got 404 from Cinder for the volume the customer picked');
    expect(md).toContain('建议重新选择云硬盘。');
    expect((await readFile(downloads.find((d) => d.name.endsWith('.pdf'))!.path)).subarray(0, 5).toString()).toBe(
      '%PDF-',
    );
    expect(await page.getByTestId('export-redaction').innerText()).toMatch(/Redact/);
    await shot('6h-exported');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('speaks Simplified Chinese', async () => {
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('tab', { name: '概览' }).click();
    await page.getByTestId('overview').waitFor();
    expect(await page.getByTestId('overview').innerText()).toMatch(/[\u4e00-\u9fff]/);
    expect(
      await page.locator('[data-testid="finding"][data-rule="nova-cinder-attach-404"]').first().innerText(),
    ).toContain('挂载云硬盘失败');
    await shot('7-overview-zh');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('8-overview-zh-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    // The theme can also be chosen, whatever the system says.
    await page.getByRole('combobox', { name: '主题' }).selectOption('dark');
    expect(await page.locator('html').getAttribute('class')).toContain('dark');
    await page.getByRole('tab', { name: '时间线' }).click();
    await expect.poll(() => page.getByTestId('timeline-lane').count(), { timeout: 20_000 }).toBeGreaterThan(2);
    await shot('8b-timeline-zh-dark');
    await page.getByRole('combobox', { name: '主题' }).selectOption('system');
    await page.getByRole('tab', { name: '概览' }).click();
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('opens the demo bundle from the start screen and lists it under recent cases', async () => {
    await page.getByRole('button', { name: 'Open another bundle' }).click();
    await page.getByTestId('open-demo').click();
    await page.waitForSelector('body[data-diagnosed="true"]', { timeout: 90_000 });
    expect(await page.locator('.header-case').innerText()).toContain('demo-case.tar.gz');
    await page.getByRole('button', { name: 'Open another bundle' }).click();
    expect(await page.getByTestId('recent-cases').innerText()).toContain('demo-case.tar.gz');
    await shot('9-start-recent');
  });
});
