// Never open a non-regular file for reading: a FIFO blocks the open for ever, a device never ends.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile, lstat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegularFile } from '../../src/main/engine/bundle/walkFolder.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-special-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('openRegularFile', () => {
  it('refuses a FIFO without waiting for a writer, and names it', async () => {
    const fifo = join(dir, 'agent.log');
    execFileSync('mkfifo', [fifo]);
    expect(await openRegularFile(fifo)).toEqual({
      ok: false,
      reason: 'FIFO (named pipe): not a regular file; not read',
    });
  });
  it('refuses a character device', async () => {
    expect(await openRegularFile('/dev/zero')).toEqual({
      ok: false,
      reason: 'character device: not a regular file; not read',
    });
  });
  it('does not follow a link, to a device or to a regular file', async () => {
    await symlink('/dev/zero', join(dir, 'zero.log'));
    await writeFile(join(dir, 'real.log'), 'x\n');
    await symlink(join(dir, 'real.log'), join(dir, 'real-link.log'));
    expect(await openRegularFile(join(dir, 'zero.log'))).toEqual({ ok: false, reason: 'symbolic link not followed' });
    expect(await openRegularFile(join(dir, 'real-link.log'))).toEqual({
      ok: false,
      reason: 'symbolic link not followed',
    });
  });
  it('refuses a file swapped after it was listed', async () => {
    await writeFile(join(dir, 'a.log'), 'a\n');
    await writeFile(join(dir, 'b.log'), 'b\n');
    const listed = await lstat(join(dir, 'a.log'));
    expect(await openRegularFile(join(dir, 'b.log'), listed)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('replaced'),
    });
  });
  it('reads a regular file', async () => {
    await writeFile(join(dir, 'ok.log'), 'hello\n');
    const opened = await openRegularFile(join(dir, 'ok.log'));
    expect(opened.ok).toBe(true);
    const chunks: Buffer[] = [];
    if (opened.ok) for await (const chunk of opened.source) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString()).toBe('hello\n');
  });
});
