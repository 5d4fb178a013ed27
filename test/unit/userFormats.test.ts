// The user's formats folder: what loads, what is told and left out (never thrown), and the hash
// that goes into the index cache key (empty with no files, so keys without user formats stay as
// they were; different as soon as a file changes).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatsWithUser, loadUserFormats } from '../../src/main/engine/platform/userFormats.ts';
import { loadFormats } from '../../src/main/engine/platform/resources.ts';

const spec = (id: string, patch: Record<string, unknown> = {}) => ({
  id,
  name: id,
  description: 'a test format',
  specificity: 60,
  pattern: '^(?<ts>\\S+ \\S+) (?<msg>.*)$',
  time: { group: 'ts', layout: 'YYYY-MM-DD HH:mm:ss' },
  message: 'msg',
  samples: [{ line: '2025-01-02 03:04:05 up', source: 'synthetic: a test' }],
  ...patch,
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-user-formats-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const put = (name: string, value: unknown) =>
  writeFile(join(dir, name), typeof value === 'string' ? value : JSON.stringify(value));

describe('loadUserFormats', () => {
  it('has nothing and an empty hash without a folder, or with an empty one', () => {
    expect(loadUserFormats(null)).toEqual({ formats: [], problems: [], hash: '' });
    expect(loadUserFormats(join(dir, 'missing'))).toEqual({ formats: [], problems: [], hash: '' });
    expect(loadUserFormats(dir)).toEqual({ formats: [], problems: [], hash: '' });
  });

  it('loads good files and tells each bad one by file and field, leaving it out', async () => {
    await put('good.json', spec('good'));
    await put('broken.json', '{ "id":');
    await put('named.json', spec('other'));
    await put('oslo.json', spec('oslo'));
    await put('layout.json', spec('layout', { time: { group: 'ts', layout: 'QQQ' } }));
    await put('field.json', spec('field', { specificity: 'high' }));
    const loaded = loadUserFormats(dir);
    expect(loaded.formats.map((f) => f.id)).toEqual(['good']);
    const told = loaded.problems.map((p) => p.replace(` (in ${dir})`, '').replace(` in ${dir}`, ''));
    expect(told).toEqual([
      expect.stringMatching(/^format broken\.json: not valid JSON/),
      'format field.json: "specificity" must be a number 0–100, got "high"',
      expect.stringMatching(/^format layout\.json: format layout: /),
      'format named.json: "id" must equal the file name, got "other"',
      'format oslo.json: "id" "oslo" is a built-in format\'s id; choose another id',
    ]);
  });

  it('changes its hash when a file changes, and appends its formats after the built-in ones', async () => {
    await put('good.json', spec('good'));
    const first = loadUserFormats(dir).hash;
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(loadUserFormats(dir).hash).toBe(first);
    await put('good.json', spec('good', { name: 'Renamed' }));
    expect(loadUserFormats(dir).hash).not.toBe(first);
    const all = formatsWithUser(dir);
    expect(all.length).toBe(loadFormats().length + 1);
    expect(all.at(-1)!.id).toBe('good');
    expect(formatsWithUser(null)).toBe(loadFormats());
  });
});
