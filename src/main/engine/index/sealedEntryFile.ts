/**
 * A JSON file kept beside a cached index (in its entry folder, so it goes when the entry is
 * evicted): the diagnosis, the comparison summary. Each is sealed with an HMAC under the cache
 * folder's own secret, so one edited by hand, or copied from another entry, is not served; and
 * it names the `knowledge` it was made with (a hash of the rules, say), so a change there makes
 * it stale. Reading never throws: any problem is "no file", and the caller makes it again.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheEntryDir } from './indexCache.ts';

// 2: the body is sealed (HMAC under the cache folder's secret).
const VERSION = 2;

/**
 * The cache folder's own secret (32 random bytes, private to the user), made on first use.
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

/** The file `name` in the entry folder of the key (whose name check it shares). */
const fileOf = (dir: string, key: string, name: string): string => join(cacheEntryDir(dir, key), name);

/** Writes `value` as the entry's file `name`, sealed, made with `knowledge`. Never throws. */
export async function saveSealed(
  dir: string,
  key: string,
  name: string,
  knowledge: string,
  value: unknown,
): Promise<void> {
  const target = fileOf(dir, key, name);
  const temp = `${target}.${process.pid}.${Date.now()}.partial`;
  try {
    const body = JSON.stringify(value);
    await writeFile(temp, JSON.stringify({ version: VERSION, knowledge, seal: seal(dir, key, body), body }), {
      mode: 0o600,
    });
    await rename(temp, target);
  } catch {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}

/** The entry's file `name` as parsed JSON, or null: missing, damaged, unsealed, or made with other knowledge. */
export async function loadSealed(dir: string, key: string, name: string, knowledge: string): Promise<unknown> {
  try {
    const value = JSON.parse(await readFile(fileOf(dir, key, name), 'utf8')) as {
      version?: number;
      knowledge?: string;
      seal?: string;
      body?: string;
    };
    if (
      value.version !== VERSION ||
      value.knowledge !== knowledge ||
      typeof value.body !== 'string' ||
      typeof value.seal !== 'string'
    )
      return null;
    const expected = Buffer.from(seal(dir, key, value.body), 'hex');
    const given = Buffer.from(value.seal, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return JSON.parse(value.body) as unknown;
  } catch {
    return null;
  }
}
