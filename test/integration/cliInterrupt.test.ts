// The CLI under interruption and wrong report targets: Ctrl+C / SIGTERM stop a read promptly and
// leave no scratch folder behind; a report target that cannot be written is refused before the read.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/runCli.ts';
import { generateBundle } from '../fixtures/generateBundle.ts';

let dir: string;
let bundle: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-cli-interrupt-'));
  bundle = join(dir, 'case.tar.gz');
  await generateBundle({ seed: 5, targetBytes: 400_000, outPath: bundle });
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const run = runCli;

describe('report targets are checked before the read', () => {
  it('refuses a --pdf whose folder does not exist, naming it, and reads nothing', async () => {
    const missing = join(dir, 'no-such-folder', 'case.pdf');
    const { code, err } = await run(['analyze', bundle, '--quiet', '--pdf', missing]);
    expect(code).toBe(2);
    expect(err).toContain(`--pdf ${missing}: the folder ${join(dir, 'no-such-folder')} does not exist`);
  });

  it('refuses a --md that names a folder', async () => {
    const { code, err } = await run(['analyze', bundle, '--quiet', '--md', tmpdir()]);
    expect(code).toBe(2);
    expect(err).toContain(`--md ${tmpdir()}: is a folder`);
  });
});

describe('interruption', () => {
  it('leaves no listener behind after a run (each run registers its own)', async () => {
    const before = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
    const { code } = await run(['analyze', bundle, '--quiet', '--no-cache', '--zone', 'UTC']);
    expect(code).toBe(0);
    const search = await run(['search', bundle, 'error', '--quiet', '--no-cache', '--zone', 'UTC']);
    expect(search.code).toBe(0);
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(before);
  });
});
