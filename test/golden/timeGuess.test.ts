// What a file's times rest on beyond their text (FileRecord.timeGuess), on vendored real logs:
// syslog lines have no year (taken from the file's modification time) and no offset (read in
// the case's zone); a HAR's ISO times with offsets guess nothing.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInventory } from '../../src/main/engine/ingest/readInventory.ts';
import { GOLDEN_DIR } from './goldenSupport.ts';

const VENDORED = resolve(GOLDEN_DIR, '..', 'fixtures', 'vendored');

async function guessOf(path: string) {
  const result = await readInventory([path], { zone: 'UTC' });
  if (!result.ok) throw new Error(result.error);
  return result.value.files[0]!.timeGuess;
}

describe('timeGuess', () => {
  it('syslog: the year from the file time, the zone assumed', async () => {
    const path = resolve(VENDORED, 'lnav', 'logfile_syslog.0');
    expect(await guessOf(path)).toEqual({
      year: 'file-time',
      yearReference: { time: Math.floor(statSync(path).mtimeMs), zone: 'UTC' },
      zone: 'assumed',
    });
  });

  it('HAR: nothing guessed', async () => {
    expect(await guessOf(resolve(VENDORED, 'har', 'humanssuck.net.har'))).toBeUndefined();
  });
});
