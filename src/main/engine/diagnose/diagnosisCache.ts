/**
 * The diagnosis of a cached index, kept beside it (`diagnosis.json` in the cache entry's
 * folder, so it goes when the entry is evicted): reopening a bundle then skips the rules too. Valid only for the rules, stage table and
 * decision trees it was made with (their hash is in the file), so a changed rule means a new
 * diagnosis. Like the index cache, a problem here never fails a case: the diagnosis is rerun —
 * also when the file's seal does not match (edited by hand, or copied from another entry).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheEntryDir } from '../index/indexCache.ts';
import { resourcesDir } from '../platform/resources.ts';
import type { Diagnosis } from './diagnoseCase.ts';

// 2: the diagnosis is a sealed body (HMAC under the cache folder's secret).
const VERSION = 2;

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

/**
 * The cache folder's own secret (32 random bytes, private to the user), made on first use. A kept
 * diagnosis is sealed with an HMAC under it, so one edited by hand, or copied from another
 * entry, is not served: it is made again from the index.
 */
function cacheSecret(dir: string): Buffer {
  const file = join(dir, 'secret.key');
  try {
    return readFileSync(file);
  } catch {
    const secret = randomBytes(32);
    try {
      writeFileSync(file, secret, { flag: 'wx', mode: 0o600 });
      return secret;
    } catch {
      // Another process made it first.
      return readFileSync(file);
    }
  }
}

function seal(dir: string, key: string, body: string): string {
  return createHmac('sha256', cacheSecret(dir)).update(key).update('\0').update(body).digest('hex');
}

/** In the entry folder of the key (whose name check it shares). */
const fileOf = (dir: string, key: string): string => join(cacheEntryDir(dir, key), 'diagnosis.json');

/** Keeps a diagnosis made without a stage (the one a case opens with). Never throws. */
export async function saveDiagnosis(dir: string, key: string, diagnosis: Diagnosis): Promise<void> {
  if (diagnosis.stage !== null) return;
  const target = fileOf(dir, key);
  const temp = `${target}.${process.pid}.${Date.now()}.partial`;
  try {
    const body = JSON.stringify(diagnosis);
    await writeFile(
      temp,
      JSON.stringify({ version: VERSION, knowledge: knowledgeHash(), seal: seal(dir, key, body), body }),
      { mode: 0o600 },
    );
    await rename(temp, target);
  } catch {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}

/** The kept diagnosis, or null when there is none, it is damaged or the rules changed since. */
export async function loadDiagnosis(dir: string, key: string): Promise<Diagnosis | null> {
  try {
    const value = JSON.parse(await readFile(fileOf(dir, key), 'utf8')) as {
      version?: number;
      knowledge?: string;
      seal?: string;
      body?: string;
    };
    if (
      value.version !== VERSION ||
      value.knowledge !== knowledgeHash() ||
      typeof value.body !== 'string' ||
      typeof value.seal !== 'string'
    )
      return null;
    const expected = Buffer.from(seal(dir, key, value.body), 'hex');
    const given = Buffer.from(value.seal, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const d = JSON.parse(value.body) as Diagnosis;
    if (!d || !Array.isArray(d.findings) || !d.artifacts || !Array.isArray(d.triage)) return null;
    return { ...d, stage: null };
  } catch {
    return null;
  }
}
