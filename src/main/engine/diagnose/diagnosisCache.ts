/**
 * The diagnosis of a cached index, kept beside it (`diagnosis.json` in the cache entry's
 * folder, so it goes when the entry is evicted): reopening a bundle then skips the rules too. Valid only for the rules, stage table and
 * decision trees it was made with (their hash is in the file), so a changed rule means a new
 * diagnosis. Like the index cache, a problem here never fails a case: the diagnosis is rerun.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheEntryDir } from '../index/indexCache.ts';
import { resourcesDir } from '../resources.ts';
import type { Diagnosis } from './diagnoseCase.ts';

const VERSION = 1;

let knowledge: string | null = null;

/** A hash of everything the diagnosis is made from: the rule files, the stage table, the triage trees. */
export function knowledgeHash(): string {
  if (knowledge === null) {
    const root = resourcesDir();
    const hash = createHash('sha256');
    const rules = join(root, 'rules');
    for (const name of readdirSync(rules).filter((n) => n.endsWith('.json')).sort()) hash.update(name).update(readFileSync(join(rules, name)));
    for (const name of ['stages.json', 'triage.json']) hash.update(name).update(readFileSync(join(root, name)));
    knowledge = hash.digest('hex');
  }
  return knowledge;
}

/** In the entry folder of the key (whose name check it shares). */
const fileOf = (dir: string, key: string): string => join(cacheEntryDir(dir, key), 'diagnosis.json');

/** Keeps a diagnosis made without a stage (the one a case opens with). Never throws. */
export async function saveDiagnosis(dir: string, key: string, diagnosis: Diagnosis): Promise<void> {
  if (diagnosis.stage !== null) return;
  const target = fileOf(dir, key);
  const temp = `${target}.${process.pid}.${Date.now()}.partial`;
  try {
    await writeFile(temp, JSON.stringify({ version: VERSION, knowledge: knowledgeHash(), diagnosis }), { mode: 0o600 });
    await rename(temp, target);
  } catch {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}

/** The kept diagnosis, or null when there is none, it is damaged or the rules changed since. */
export async function loadDiagnosis(dir: string, key: string): Promise<Diagnosis | null> {
  try {
    const value = JSON.parse(await readFile(fileOf(dir, key), 'utf8')) as { version?: number; knowledge?: string; diagnosis?: Diagnosis };
    if (value.version !== VERSION || value.knowledge !== knowledgeHash()) return null;
    const d = value.diagnosis;
    if (!d || !Array.isArray(d.findings) || !d.artifacts || !Array.isArray(d.triage)) return null;
    return { ...d, stage: null };
  } catch {
    return null;
  }
}
