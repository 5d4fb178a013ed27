/** Small in-memory archive builders for engine tests (the big generator lives in test/fixtures). */
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

/** One tar member. */
export interface TarMember {
  name: string;
  data?: Buffer | string;
  type?: 'file' | 'directory' | 'symlink' | 'link';
  linkname?: string;
  mtime?: Date;
}

/** Builds a tar archive in memory. */
export async function buildTar(members: readonly TarMember[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    pack.on('data', (c) => chunks.push(c as Buffer));
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  for (const m of members) {
    const data = m.data === undefined ? undefined : Buffer.isBuffer(m.data) ? m.data : Buffer.from(m.data);
    const header = {
      name: m.name,
      type: m.type ?? 'file',
      linkname: m.linkname,
      mtime: m.mtime ?? new Date('2025-09-19T00:00:00Z'),
      size: data?.length ?? 0,
    } as const;
    const isFile = m.type === 'file' || m.type === undefined;
    await new Promise<void>((resolve, reject) => {
      const callback = (error?: Error | null) => (error ? reject(error) : resolve());
      pack.entry(header, isFile ? (data ?? Buffer.alloc(0)) : Buffer.alloc(0), callback);
    });
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** Builds a .tar.gz in memory. */
export async function buildTarGz(members: readonly TarMember[]): Promise<Buffer> {
  return gzipSync(await buildTar(members), { level: 6 });
}
