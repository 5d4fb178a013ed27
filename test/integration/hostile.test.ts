// Every hostile input gets a specific reason, and whatever can be read is still read.
// The fixtures and their expectations come from test/fixtures/hostileFixtures.ts.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/shared/api.ts';
import { readInventory } from '../../src/main/engine/ingest/readInventory.ts';
import { indexCase, releaseSpool } from '../../src/main/engine/index/indexCase.ts';
import { HOSTILE_CASE_IDS, writeHostileFixtures, type HostileCase } from '../fixtures/hostileFixtures.ts';

// Written at collection time so that each case is a test of its own.
const dir = await mkdtemp(join(tmpdir(), 'tarsier-hostile-'));
const cases: HostileCase[] = await writeHostileFixtures(dir);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * The in-line read of each case, made once: the first suite checks it, the threaded suite compares
 * the threads' inventory with it (reading many-entries' 100,000 members a second time in-line
 * only cost time).
 */
const inlineReads = new Map<string, ReturnType<typeof readInventory>>();
function readInline(c: HostileCase): ReturnType<typeof readInventory> {
  let read = inlineReads.get(c.id);
  if (!read) inlineReads.set(c.id, (read = readInventory([c.file], { zone: 'UTC' })));
  return read;
}

const mentions = (reason: string, keywords: readonly string[] | undefined) =>
  !keywords || keywords.some((k) => reason.toLowerCase().includes(k.toLowerCase()));

/** Every reason the inventory gives, for a path (by suffix) or for anything. */
function reasons(inventory: Inventory, path?: string): string[] {
  const hit = (p: string) => path === undefined || p === path || p.endsWith(`/${path}`) || p.endsWith(`!/${path}`);
  return [
    ...inventory.skipped.filter((s) => hit(s.path)).map((s) => s.reason),
    ...inventory.problems.filter((p) => hit(p.path)).map((p) => p.reason),
    ...inventory.files.filter((f) => hit(f.path) && f.incomplete).map((f) => f.incomplete!),
  ];
}

describe('hostile input', () => {
  it('has a fixture for every case this suite names', () => {
    const ids = new Set(cases.map((c) => c.id));
    for (const id of HOSTILE_CASE_IDS) expect(ids.has(id), id).toBe(true);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const outcome = await readInline(c);
    const label = `${c.id} (${basename(c.file)})`;
    const acceptable = [c.expect.outcome, ...(c.expect.alsoAcceptable ?? [])];
    if (!outcome.ok) {
      expect(acceptable, `${label} was rejected: ${outcome.error}`).toContain('rejected');
      expect(
        mentions(outcome.error, c.expect.reasonKeywords),
        `${label}: "${outcome.error}" names none of ${c.expect.reasonKeywords}`,
      ).toBe(true);
      expect(outcome.error).toContain(basename(c.file));
      return;
    }
    const inventory = outcome.value;
    const all = reasons(inventory);
    const got = inventory.files.length === 0 ? 'rejected' : all.length > 0 ? 'partial' : 'analysed';
    expect(acceptable, `${label} was ${got}: ${all.slice(0, 3).join(' | ')}`).toContain(got);
    if (got !== 'analysed' && c.expect.reasonKeywords) {
      expect(
        all.some((r) => mentions(r, c.expect.reasonKeywords)),
        `${label}: ${JSON.stringify(all.slice(0, 5))} names none of ${c.expect.reasonKeywords}`,
      ).toBe(true);
    }
    for (const want of c.expect.readable ?? []) {
      const file = inventory.files.find(
        (f) => f.path === want.path || f.path.endsWith(`/${want.path}`) || f.path.endsWith(`!/${want.path}`),
      );
      expect(file, `${label}: ${want.path} was not read`).toBeDefined();
      if (want.lines !== undefined) expect(file!.lines, `${label}: ${want.path}`).toBe(want.lines);
      if (want.minLines !== undefined)
        expect(file!.lines, `${label}: ${want.path}`).toBeGreaterThanOrEqual(want.minLines);
    }
    for (const want of c.expect.skipped ?? []) {
      const found = reasons(inventory, want.path);
      expect(found.length, `${label}: ${want.path} not listed as skipped or incomplete`).toBeGreaterThan(0);
      expect(
        found.some((r) => mentions(r, want.reasonKeywords)),
        `${label}: ${want.path}: ${JSON.stringify(found)} names none of ${want.reasonKeywords}`,
      ).toBe(true);
    }
    for (const name of c.expect.unsafeEntries ?? []) {
      expect(
        inventory.files.some((f) => f.path.endsWith(name.replace(/\\/g, '/'))),
        `${label}: unsafe ${name} was read`,
      ).toBe(false);
    }
    for (const name of c.expect.mustNotWrite ?? []) {
      for (const base of [dirname(c.file), dirname(dirname(c.file)), process.cwd(), tmpdir()]) {
        expect(existsSync(join(base, name)), `${label}: ${name} written at ${base}`).toBe(false);
      }
    }
    if (c.expect.maxInflatedBytes !== undefined) {
      const read = inventory.files.reduce((n, f) => n + f.bytes, 0);
      expect(read, `${label}: inflated too much`).toBeLessThanOrEqual(c.expect.maxInflatedBytes);
    }
    if (c.expect.fileCount !== undefined) expect(inventory.files.length).toBe(c.expect.fileCount);
  });
});

// The same inputs through the index's worker threads: the inventory must be the one read in-line
// (every file, every skipped entry and problem, in the same order), whatever the threads do.
describe('hostile input through the ingest threads', () => {
  // many-entries reads 100,000 members through the threads: a loaded 2-core machine needs minutes.
  it.each(cases.map((c) => [c.id, c] as const))(
    '%s',
    async (_id, c) => {
      const inline = await readInline(c);
      const threaded = await indexCase([c.file], { zone: 'UTC', threads: 2 });
      expect(threaded.ok).toBe(inline.ok);
      if (!inline.ok || !threaded.ok) return;
      const { inventory, index } = threaded.value;
      expect(inventory.files).toEqual(inline.value.files);
      expect(inventory.skipped).toEqual(inline.value.skipped);
      expect(inventory.problems).toEqual(inline.value.problems);
      expect(inventory.bundles).toEqual(inline.value.bundles);
      expect(index.size).toBe(inventory.files.reduce((n, f) => n + f.events, 0));
      releaseSpool(threaded.value);
    },
    240_000,
  );
});
