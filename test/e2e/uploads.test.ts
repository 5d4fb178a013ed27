/**
 * Issue 17 in the browser: a bundle uploaded through the page is kept in the data folder, so a
 * new `tarsier serve` over the same data folder opens it again from Recent and diagnoses it; a
 * failed open never enters Recent; two uploads of the same name are told apart; "Forget" removes
 * the entry and our copy; an upload that is gone says so and offers to forget it. Any console
 * error or page error fails the test.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  CHROMIUM_ARGS,
  OSLO_LINES,
  SCREENSHOTS,
  startServe,
  writeTarGz,
  collectPageProblems,
} from './serveHarness.ts';

let dir: string;
let dataDir: string;
let browser: Browser;
let small: string;
let larger: string;
let notArchive: string;

beforeAll(async () => {
  assertBuilt();
  await mkdir(SCREENSHOTS, { recursive: true });
  dir = await mkdtemp(join(tmpdir(), 'tarsier-e2e-uploads-'));
  dataDir = join(dir, 'data');
  await mkdir(join(dir, 'a'));
  await mkdir(join(dir, 'b'));
  // Two bundles of the same name, different bytes (the second has one more file).
  small = join(dir, 'a', 'case.tar.gz');
  larger = join(dir, 'b', 'case.tar.gz');
  await writeTarGz(small, [
    { name: 'opt/installer/production/logs/porter/porter-api.log', body: OSLO_LINES.join('\n') + '\n' },
  ]);
  await writeTarGz(larger, [
    { name: 'opt/installer/production/logs/porter/porter-api.log', body: OSLO_LINES.join('\n') + '\n' },
    { name: 'opt/installer/production/logs/porter/porter-worker.log', body: OSLO_LINES.join('\n') + '\n' },
  ]);
  notArchive = join(dir, 'a', 'photo.dat');
  await writeFile(notArchive, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3]));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A fresh browser context on a fresh `serve` of the same data folder (the path field may open `dir`). */
async function session() {
  const served = await startServe(['--port', '0', '--allow', dir], { dataDir });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems: string[] = [];
  collectPageProblems(page, problems);
  await page.goto(served.url);
  await page.getByTestId('open-demo').waitFor();
  return { served, context, page, problems };
}

const recentItems = (page: Page) => page.getByTestId('recent-cases').locator('li');

async function uploadAndWait(page: Page, file: string): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(file);
  await page.waitForSelector('body[data-diagnosed="true"]', { timeout: 90_000 });
}

async function backToStart(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Open another bundle' }).click();
  await page.getByRole('heading', { name: 'Open a log bundle' }).waitFor();
}

const storedUploads = (): string[] =>
  existsSync(join(dataDir, 'uploads')) ? readdirSync(join(dataDir, 'uploads')) : [];

describe('uploads survive a restart of serve', () => {
  it('uploads, restarts, reopens from Recent and diagnoses; a failed open stays out of Recent; forget', async () => {
    const first = await session();
    try {
      await uploadAndWait(first.page, small);
      await backToStart(first.page);
      expect(await recentItems(first.page).count()).toBe(1);

      // A file that opens but cannot be read: a notice, and no Recent entry.
      await first.page.getByLabel('Or type the path').fill(notArchive);
      await first.page.getByRole('button', { name: 'Open', exact: true }).click();
      const notice = first.page.getByTestId('notice');
      await notice.waitFor();
      expect(await notice.innerText()).toContain('not an archive');
      expect(await recentItems(first.page).count()).toBe(1);
      expect(await first.page.getByTestId('recent-cases').innerText()).not.toContain('photo.dat');

      await uploadAndWait(first.page, larger);
      await backToStart(first.page);
      // Two entries named case.tar.gz, told apart by their size (both uploaded).
      await expect.poll(() => recentItems(first.page).count()).toBe(2);
      const where = await first.page.getByTestId('recent-where').allInnerTexts();
      expect(where).toHaveLength(2);
      expect(where.every((w) => w.startsWith('uploaded · '))).toBe(true);
      expect(where[0]).not.toBe(where[1]);
      expect(storedUploads()).toHaveLength(2);
      expect(first.problems).toEqual([]);
    } finally {
      await first.context.close();
      await first.served.stop();
    }

    const second = await session();
    try {
      const { page } = second;
      await expect.poll(() => recentItems(page).count()).toBe(2);
      await page.screenshot({ path: join(SCREENSHOTS, 'uploads-recent-after-restart.png'), fullPage: true });
      // The older entry: the single-file bundle.
      await recentItems(page).nth(1).getByRole('button', { name: 'case.tar.gz', exact: true }).click();
      await page.waitForSelector('body[data-diagnosed="true"]', { timeout: 90_000 });
      await page.getByRole('tab', { name: 'Files' }).click();
      const files = page.getByTestId('files-table');
      await files.waitFor();
      expect(await files.innerText()).toContain('porter-api.log');
      expect(await files.innerText()).not.toContain('porter-worker.log');
      await backToStart(page);

      // Forget the other one: confirm, then the entry and our copy are gone; the user's file stays.
      const storedBefore = storedUploads();
      const other = recentItems(page).filter({ hasText: 'case.tar.gz' }).first();
      await other.getByRole('button', { name: 'Forget case.tar.gz…' }).click();
      const confirm = page.getByTestId('forget-confirm');
      expect(await confirm.innerText()).toContain('Your own files are not touched');
      await page.screenshot({ path: join(SCREENSHOTS, 'uploads-forget-confirm.png'), fullPage: true });
      await confirm.getByRole('button', { name: 'Forget', exact: true }).click();
      await expect.poll(() => recentItems(page).count()).toBe(1);
      expect(storedUploads()).toHaveLength(1);
      expect(storedBefore).toContain(storedUploads()[0]);
      expect(existsSync(larger) && existsSync(small)).toBe(true);

      // The last upload's copy disappears (as eviction would remove it): Recent says so and offers to forget.
      await rm(join(dataDir, 'uploads', storedUploads()[0]), { recursive: true, force: true });
      await recentItems(page).first().getByRole('button', { name: 'case.tar.gz', exact: true }).click();
      const notice = page.getByTestId('notice');
      await notice.waitFor();
      const said = await notice.innerText();
      expect(said).toContain('Could not open case.tar.gz');
      expect(said).toContain('case.tar.gz was uploaded in an earlier session');
      await page.screenshot({ path: join(SCREENSHOTS, 'uploads-gone.png'), fullPage: true });
      await notice.getByRole('button', { name: 'Forget this case' }).click();
      await page.getByText('Cases you open appear here').waitFor();
      expect(await notice.count()).toBe(0);
      expect(second.problems).toEqual([]);
    } finally {
      await second.context.close();
      await second.served.stop();
    }
  });
});
