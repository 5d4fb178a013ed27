/**
 * The diagnosis of a cached index, kept beside it (`diagnosis.json` in the cache entry's folder,
 * sealed: index/sealedEntryFile.ts): reopening a bundle then skips the rules too. Valid only for
 * the rules, stage table and decision trees it was made with (their hash is in the file), so a
 * changed rule means a new diagnosis. Like the index cache, a problem here never fails a case:
 * the diagnosis is rerun — also when the file's seal does not match (edited by hand, or copied
 * from another entry).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSealed, saveSealed } from '../index/sealedEntryFile.ts';
import { resourcesDir } from '../platform/resources.ts';
import type { Diagnosis } from './diagnoseCase.ts';

const FILE = 'diagnosis.json';

let knowledge: string | null = null;

/** A hash of everything the diagnosis is made from: the rule files, the stage table, the triage trees. */
export function knowledgeHash(): string {
  if (knowledge === null) {
    const root = resourcesDir();
    const hash = createHash('sha256');
    const rules = join(root, 'rules');
    for (const name of readdirSync(rules)
      .filter((n) => n.endsWith('.json'))
      .sort())
      hash.update(name).update(readFileSync(join(rules, name)));
    for (const name of ['stages.json', 'triage.json', 'topology.json'])
      hash.update(name).update(readFileSync(join(root, name)));
    knowledge = hash.digest('hex');
  }
  return knowledge;
}

/** Keeps a diagnosis made without a stage (the one a case opens with). Never throws. */
export async function saveDiagnosis(dir: string, key: string, diagnosis: Diagnosis): Promise<void> {
  if (diagnosis.stage !== null) return;
  await saveSealed(dir, key, FILE, knowledgeHash(), diagnosis);
}

/** The kept diagnosis, or null when there is none, it is damaged or the rules changed since. */
export async function loadDiagnosis(dir: string, key: string): Promise<Diagnosis | null> {
  const d = (await loadSealed(dir, key, FILE, knowledgeHash())) as Diagnosis | null;
  if (!d || !Array.isArray(d.findings) || !d.artifacts || !Array.isArray(d.triage)) return null;
  return { ...d, stage: null };
}
