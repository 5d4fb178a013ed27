// `tarsier compare` of bundles compared before loads neither index: each case's summary is kept
// beside its cached index (summary.json). What it serves must be what the bundle holds now.
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareCases, type CaseSummary } from '../../src/shared/compare/compareCases.ts';
import { diagnoseOpened, keptSummary, openCase, summarizeOpened } from '../../src/main/engine/case/openCase.ts';
import { summarizeCase } from '../../src/main/engine/compare/caseSummary.ts';
import { PAIR, writeComparePair } from '../fixtures/comparePair.ts';

let dir: string;
let pair: { a: string; b: string };
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-summary-cache-'));
  pair = await writeComparePair(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Opens, diagnoses and summarizes `path` the way `tarsier compare` does; also the summary made from scratch. */
async function summarized(
  path: string,
  cacheDir: string,
): Promise<{ kept: CaseSummary; fresh: CaseSummary; key: string }> {
  const opened = await openCase([path], { zone: '+08:00', cacheDir });
  if (!opened.ok) throw new Error(opened.error);
  try {
    const diagnosis = await diagnoseOpened(opened.value);
    const kept = await summarizeOpened(opened.value, diagnosis);
    const fresh = summarizeCase(opened.value.index, opened.value.inventory, diagnosis);
    return { kept, fresh, key: opened.value.cache.key! };
  } finally {
    opened.value.close();
  }
}

describe('kept comparison summaries', () => {
  it('serves the summary of a bundle read before without opening it, equal to one made from its index', async () => {
    const cacheDir = join(dir, 'cache-a');
    const options = { zone: '+08:00', cacheDir };
    expect(await keptSummary([pair.a], options)).toBeNull();
    const a = await summarized(pair.a, cacheDir);
    const b = await summarized(pair.b, cacheDir);
    expect(a.kept).toEqual(a.fresh);
    const servedA = await keptSummary([pair.a], options);
    const servedB = await keptSummary([pair.b], options);
    expect(servedA).toEqual(a.fresh);
    expect(servedB).toEqual(b.fresh);
    // The comparison from kept summaries is the one from open cases: B's new error and rate ×10.
    const compared = compareCases(servedA!, servedB!, { kind: 'wall' });
    expect(compared).toEqual(compareCases(a.fresh, b.fresh, { kind: 'wall' }));
    const quota = compared.templates.onlyB.find((t) => t.text.includes('VolumeLimitExceeded'));
    expect(quota?.b?.count).toBe(PAIR.quotaExceeded);
    // Another zone is another index, hence no kept summary.
    expect(await keptSummary([pair.a], { zone: 'UTC', cacheDir })).toBeNull();
  });

  it('does not serve a summary edited by hand, nor one of a bundle changed in place', async () => {
    const cacheDir = join(dir, 'cache-b');
    const options = { zone: '+08:00', cacheDir };
    const a = await summarized(pair.a, cacheDir);
    const file = join(cacheDir, a.key, 'summary.json');
    const kept = JSON.parse(await readFile(file, 'utf8')) as { body: string };
    const forged = JSON.parse(kept.body) as { summary: CaseSummary };
    forged.summary.templates = [];
    await writeFile(file, JSON.stringify({ ...kept, body: JSON.stringify(forged) }));
    expect(await keptSummary([pair.a], options)).toBeNull();

    // Summarized again (and kept again) from the index.
    const again = await summarized(pair.a, cacheDir);
    expect(await keptSummary([pair.a], options)).toEqual(again.fresh);
    // The same size, mtime and inode, other bytes: the key is the same, the sha256 is not.
    const before = await stat(pair.a);
    const bytes = await readFile(pair.a);
    bytes[bytes.length - 1] ^= 0xff;
    await writeFile(pair.a, bytes);
    await utimes(pair.a, before.atime, before.mtime);
    expect(await keptSummary([pair.a], options)).toBeNull();
  });
});
