// The generated incident bundle (seed 7, ~3.5 MB) read and fully indexed in-line, for the index
// tests; and the oracle's own reading of an id's lookup keys (written from the extractor's
// documentation, not imported, so that the tests do not grade the engine by itself).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseIndex } from '../../src/main/engine/index/caseIndex.ts';
import { indexCase } from '../../src/main/engine/index/indexCase.ts';
import type { Inventory } from '../../src/shared/api.ts';
import type { FoundId } from '../../src/shared/ids/extractIds.ts';
import { generateBundle, type Manifest } from '../fixtures/generateBundle.ts';

/** A generated bundle with its manifest and index; `remove()` deletes its temp folder. */
export interface GeneratedCase {
  bundle: string;
  manifest: Manifest;
  inventory: Inventory;
  index: CaseIndex;
  remove: () => Promise<void>;
}

/** Generates the bundle into a fresh temp folder and indexes it (in-line, fully). */
export async function openGeneratedCase(prefix: string): Promise<GeneratedCase> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const bundle = join(dir, 'case.tar.gz');
  const manifest = await generateBundle({ seed: 7, targetBytes: 3_500_000, outPath: bundle });
  const result = await indexCase([bundle], { zone: manifest.timeZone, indexMode: 'inline' });
  if (!result.ok) throw new Error(result.error);
  return {
    bundle,
    manifest,
    inventory: result.value.inventory,
    index: result.value.index,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Lookup keys of an id: itself, the bare uuid of `req-<uuid>`, the ancestors of a Cloudpods rid. */
export function oracleKeysOf(found: FoundId): string[] {
  const keys = [found.value];
  if (found.kind !== 'request') return keys;
  if (/^req-[0-9a-f-]{36}$/.test(found.value)) keys.push(found.value.slice(4));
  else if (found.role === 'cloudpods-rid') {
    const parts = found.value.split('-');
    for (let i = 1; i < parts.length; i++) keys.push(parts.slice(0, i).join('-'));
  }
  return keys;
}
