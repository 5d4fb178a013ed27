/** Builds real 7z archives for tests with the same 7-Zip (7z-wasm) the engine reads them with. */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import SevenZip from '7z-wasm';

/** Packs `files` (path → content) into a 7z (LZMA2, solid) and returns its bytes; `options` are 7-Zip switches (`-psecret`). */
export async function build7z(files: Record<string, string | Buffer>, options: string[] = []): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'tarsier-7z-'));
  try {
    for (const [name, data] of Object.entries(files)) {
      await mkdir(dirname(join(dir, 'in', name)), { recursive: true });
      await writeFile(join(dir, 'in', name), data);
    }
    const sevenZip = await SevenZip({ stdout: () => {}, stderr: () => {} });
    sevenZip.FS.mkdir('/work');
    sevenZip.FS.mount(sevenZip.NODEFS, { root: dir }, '/work');
    sevenZip.FS.chdir('/work/in');
    sevenZip.callMain(['a', '-bd', '-y', ...options, '../out.7z', ...Object.keys(files)]);
    return await readFile(join(dir, 'out.7z'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
