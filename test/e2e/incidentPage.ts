/**
 * The setup most E2E files share: a generated incident bundle in a temp folder, `tarsier serve`
 * on it, Chromium on a page of it (1366×768, en-US, Asia/Shanghai unless told otherwise) whose
 * console and page errors are collected, and the page waiting until the case is diagnosed.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { generateBundle, type Manifest } from '../fixtures/generateBundle.ts';
import {
  assertBuilt,
  CHROMIUM_ARGS,
  SCREENSHOTS,
  collectPageProblems,
  startServe,
  type Served,
  type ServeOptions,
} from './serveHarness.ts';

export interface IncidentPage {
  /** The temp folder holding the bundle (removed by {@link closeIncidentPage}). */
  dir: string;
  manifest: Manifest;
  served: Served;
  browser: Browser;
  page: Page;
}

export interface IncidentPageOptions {
  /** Names the temp folder and the bundle (`incident-<name>.tar.gz`). */
  name: string;
  seed: number;
  targetBytes: number;
  /** Where the page's console and page errors go. */
  problems: string[];
  /** Over the defaults (1366×768, en-US, Asia/Shanghai). */
  context?: BrowserContextOptions;
  serve?: ServeOptions;
  /** Let the page read and write the clipboard. */
  clipboard?: boolean;
  /** Go to the served page and wait for the diagnosis (default); false leaves the page blank. */
  open?: boolean;
}

/** Generates the bundle, serves it and opens a page of it (see the module's comment). */
export async function openIncidentPage(options: IncidentPageOptions): Promise<IncidentPage> {
  assertBuilt();
  await mkdir(SCREENSHOTS, { recursive: true });
  const dir = await mkdtemp(join(tmpdir(), `tarsier-e2e-${options.name}-`));
  const bundle = join(dir, `incident-${options.name}.tar.gz`);
  const manifest = await generateBundle({ seed: options.seed, targetBytes: options.targetBytes, outPath: bundle });
  const served = await startServe([bundle, '--port', '0', '--zone', manifest.timeZone], options.serve);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'en-US',
    timezoneId: 'Asia/Shanghai',
    ...options.context,
  });
  if (options.clipboard)
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: served.origin });
  const page = await context.newPage();
  collectPageProblems(page, options.problems);
  if (options.open !== false) {
    await page.goto(served.url);
    await page.waitForSelector('body[data-diagnosed="true"]', { timeout: 90_000 });
  }
  return { dir, manifest, served, browser, page };
}

/** After each test: no console or page error was collected (and the list is emptied). */
export function expectNoPageProblems(problems: string[]): void {
  const seen = problems.splice(0);
  expect(seen, 'console and page errors').toEqual([]);
}

/** Closes the browser, stops serve and removes the temp folder (whatever was opened). */
export async function closeIncidentPage(opened: Partial<IncidentPage>): Promise<void> {
  await opened.browser?.close();
  await opened.served?.stop();
  if (opened.dir) await rm(opened.dir, { recursive: true, force: true });
}
