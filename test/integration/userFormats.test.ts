// A format the engineer defines, through CaseManager as the UI calls it: a file of lines no
// built-in format times stays untimed; tryFormat shows what a format would read in it; saveFormat
// writes it to the data folder's formats/ (refusing a built-in id, naming bad fields); the case
// read again with reopenCase times the file, and the index cache does not serve the old read.
// The CLI reads the same folder (or --formats DIR).
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseManager } from '../../src/main/engine/case/caseManager.ts';
import { loadUserFormats } from '../../src/main/engine/platform/userFormats.ts';
import type { ApiResult, DeletedFormat, Inventory, UserFormatList } from '../../src/shared/api.ts';
import type { FormatSpec } from '../../src/shared/formats/formatSpec.ts';
import type { FormatTrial } from '../../src/shared/formats/formatTrial.ts';
import { dispatchRequest } from '../../src/shared/ui/dispatch.ts';
import { buildTarGz } from '../support/archives.ts';
import { runCli } from '../support/runCli.ts';

const PATH = 'var/log/acme/gateway.log';
const LINES = Array.from({ length: 40 }, (_, i) => {
  const level = i % 10 === 3 ? 'WARN' : 'INFO';
  return `acme|07.12.2025|01:02:${String(i).padStart(2, '0')}|${level}|queue depth ${i}`;
});

const spec: FormatSpec = {
  id: 'acme-gateway',
  name: 'Acme gateway',
  description: 'Pipe-separated gateway log (defined in a test)',
  specificity: 60,
  pattern: '^acme\\|(?<ts>\\d{2}\\.\\d{2}\\.\\d{4}\\|\\d{2}:\\d{2}:\\d{2})\\|(?<level>[A-Z]+)\\|(?<msg>.*)$',
  time: { group: 'ts', layout: 'DD.MM.YYYY|HH:mm:ss' },
  level: { group: 'level' },
  message: 'msg',
  samples: [{ line: LINES[3], source: `synthetic: ${PATH}` }],
};

let dir: string;
let dataDir: string;
let bundle: string;
let manager: CaseManager;

async function call<T>(method: string, payload: unknown): Promise<ApiResult<T>> {
  return (await dispatchRequest(manager, method, payload)) as ApiResult<T>;
}
async function value<T>(method: string, payload: unknown): Promise<T> {
  const result = await call<T>(method, payload);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}
async function open(request: { method: 'openCase' | 'reopenCase'; payload: unknown }) {
  const { caseId } = await value<{ caseId: string }>(request.method, request.payload);
  await manager.settled(caseId);
  const cache = await manager.cacheSettled(caseId);
  const inventory = await value<Inventory>('inventory', { caseId });
  return { caseId, cache, inventory, file: inventory.files.findIndex((f) => f.path === PATH) };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-userformats-'));
  dataDir = join(dir, 'data');
  bundle = join(dir, 'acme.tar.gz');
  await writeFile(bundle, await buildTarGz([{ name: PATH, data: LINES.join('\n') + '\n' }]));
  manager = new CaseManager({ dataDir, cacheDir: join(dataDir, 'index-cache') });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a format the engineer defines', () => {
  it('times a file no built-in format times, once saved and the case read again', async () => {
    const first = await open({ method: 'openCase', payload: { paths: [bundle], zone: 'UTC' } });
    expect(first.file).toBeGreaterThanOrEqual(0);
    expect(first.inventory.files[first.file].firstTime).toBeNull();

    const trial = await value<FormatTrial>('tryFormat', { caseId: first.caseId, file: first.file, format: spec });
    expect(trial).toMatchObject({ totalLines: 40, linesTried: 40, matched: 40, timed: 40, leveled: 40, unmatched: 0 });
    expect(trial.stopped).toBeNull();
    expect(trial.parsed[0]).toMatchObject({
      line: 1,
      time: Date.UTC(2025, 11, 7, 1, 2, 0),
      level: 'info',
      message: 'queue depth 0',
    });

    const saved = await value<{ id: string; path: string }>('saveFormat', { format: spec });
    expect(saved).toEqual({ id: 'acme-gateway', path: join(dataDir, 'formats', 'acme-gateway.json') });
    const written = JSON.parse(await readFile(saved.path, 'utf8')) as FormatSpec;
    expect(written.samples[0].expect).toEqual({
      time: '2025-12-07T01:02:03.000Z',
      level: 'warning',
      message: 'queue depth 3',
    });
    const loaded = loadUserFormats(join(dataDir, 'formats'));
    expect(loaded.problems).toEqual([]);
    expect(loaded.formats.map((f) => f.id)).toEqual(['acme-gateway']);

    // The bundle was cached with the first read: the saved format must change the key.
    expect(first.cache?.cached).toBe(false);
    const again = await open({ method: 'reopenCase', payload: { caseId: first.caseId } });
    expect(again.caseId).not.toBe(first.caseId);
    expect(again.cache?.cached).toBe(false);
    const file = again.inventory.files[again.file];
    expect(file.format).toBe('acme-gateway');
    expect(file.firstTime).toBe(Date.UTC(2025, 11, 7, 1, 2, 0));
    expect(file.levels.warning).toBe(4);

    // Unchanged formats: the same bundle now comes from the cache, still timed.
    const cached = await open({ method: 'openCase', payload: { paths: [bundle], zone: 'UTC' } });
    expect(cached.cache?.cached).toBe(true);
    expect(cached.inventory.files[cached.file].format).toBe('acme-gateway');
  }, 120_000);

  it('refuses a built-in id, a bad layout and a sample the pattern does not read, naming the field', async () => {
    const builtin = await call('saveFormat', { format: { ...spec, id: 'oslo' } });
    expect(builtin).toEqual({
      ok: false,
      error: expect.stringMatching(/^saveFormat: format\.id: "oslo" is a built-in/),
    });
    const badId = await call('saveFormat', { format: { ...spec, id: '../evil' } });
    expect(badId).toEqual({ ok: false, error: expect.stringMatching(/^saveFormat: format\.id: .*"\.\.\/evil"/) });
    const layout = await call('saveFormat', { format: { ...spec, id: 'acme-2', time: { group: 'ts', layout: 'QQ' } } });
    expect(layout.ok).toBe(false);
    const sample = await call('saveFormat', {
      format: { ...spec, id: 'acme-3', samples: [{ line: 'nothing like it', source: 'synthetic: test' }] },
    });
    expect(sample).toEqual({
      ok: false,
      error: 'saveFormat: format.samples[0].line is not read by "pattern": "nothing like it"',
    });
  });

  it('reads a case with a broken user format file, telling it among the problems', async () => {
    await writeFile(join(dataDir, 'formats', 'broken.json'), '{ "id": "broken", ');
    const opened = await open({ method: 'openCase', payload: { paths: [bundle], zone: 'UTC' } });
    expect(opened.inventory.files[opened.file].format).toBe('acme-gateway');
    expect(opened.inventory.problems).toContainEqual({
      path: join(dataDir, 'formats'),
      reason: expect.stringMatching(/^format broken\.json in .*: not valid JSON/),
    });
  }, 60_000);
});

describe('a format whose regex could hang a read', () => {
  // OWASP's first "evil regex", as the message group of a format: on a line of a's that does not
  // end the way it wants, the built-in engine would try 2^n ways.
  const evil: FormatSpec = {
    ...spec,
    id: 'evil',
    pattern: '^(?<ts>\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}) (?<msg>(a+)+)$',
    time: { group: 'ts', layout: 'YYYY-MM-DD HH:mm:ss' },
    level: undefined,
    samples: [{ line: '2025-12-07 01:02:03 aaaa', source: 'synthetic: a test' }],
  };
  // 28 a's take V8 some 20 s; 4000 would take longer than the universe has.
  const long = `2025-12-07 01:02:03 ${'a'.repeat(4000)}!`;

  it('is refused by tryFormat and saveFormat, naming the format and the group', async () => {
    const { caseId, file } = await open({ method: 'openCase', payload: { paths: [bundle], zone: 'UTC' } });
    const tried = await call('tryFormat', { caseId, file, format: evil });
    expect(tried).toEqual({
      ok: false,
      error: expect.stringMatching(/^tryFormat: format "evil": "pattern" has a nested quantifier, \(a\+\)\+/),
    });
    const saved = await call('saveFormat', { format: evil });
    expect(saved).toEqual({
      ok: false,
      error: expect.stringMatching(/^saveFormat: format "evil": "pattern" has a nested quantifier/),
    });
    expect(loadUserFormats(join(dataDir, 'formats')).formats.map((f) => f.id)).not.toContain('evil');
  }, 60_000);

  it('is told and left out when found in the formats folder, and the bundle with a long line is read', async () => {
    const other = join(dir, 'evil-data');
    await mkdir(join(other, 'formats'), { recursive: true });
    await writeFile(join(other, 'formats', 'evil.json'), JSON.stringify(evil));
    const evilBundle = join(dir, 'evil.tar.gz');
    await writeFile(evilBundle, await buildTarGz([{ name: 'var/log/a.log', data: `${long}\n${long}\n` }]));
    const evilManager = new CaseManager({ dataDir: other, cacheDir: join(other, 'index-cache') });
    const opened = await dispatchRequest(evilManager, 'openCase', { paths: [evilBundle], zone: 'UTC' });
    if (!opened.ok) throw new Error(opened.error);
    const { caseId } = opened.value as { caseId: string };
    await evilManager.settled(caseId);
    const inventory = await dispatchRequest(evilManager, 'inventory', { caseId });
    await evilManager.closeCase({ caseId });
    if (!inventory.ok) throw new Error(inventory.error);
    const read = inventory.value as Inventory;
    expect(read.files.map((f) => [f.path, f.lines])).toEqual([['var/log/a.log', 2]]);
    expect(read.problems).toContainEqual({
      path: join(other, 'formats'),
      reason: expect.stringMatching(/^format evil\.json: format "evil": "pattern" has a nested quantifier/),
    });
  }, 60_000);
});

describe('the saved formats, listed and deleted', () => {
  it('lists every file with why one does not load, deletes one and saves it back from what delete gave', async () => {
    const formats = join(dataDir, 'formats');
    const listed = await value<UserFormatList>('userFormats', {});
    expect(listed).toEqual({
      dir: formats,
      formats: [
        {
          id: 'acme-gateway',
          path: join(formats, 'acme-gateway.json'),
          name: 'Acme gateway',
          description: spec.description,
          problem: null,
        },
        {
          id: 'broken',
          path: join(formats, 'broken.json'),
          name: null,
          description: null,
          problem: expect.stringMatching(/^format broken\.json: not valid JSON/),
        },
      ],
    });

    const deleted = await value<DeletedFormat>('deleteFormat', { id: 'acme-gateway' });
    expect(deleted.path).toBe(join(formats, 'acme-gateway.json'));
    expect(deleted.format).toMatchObject({ id: 'acme-gateway', pattern: spec.pattern });
    expect((await value<UserFormatList>('userFormats', {})).formats.map((f) => f.id)).toEqual(['broken']);
    expect(loadUserFormats(formats).formats).toEqual([]);
    expect(await call('deleteFormat', { id: 'acme-gateway' })).toEqual({
      ok: false,
      error: `deleteFormat: no saved format "acme-gateway" in ${formats}`,
    });

    // Undo: the spec given back saves as it was (its samples already carry their expectation).
    await value('saveFormat', { format: deleted.format });
    const restored = JSON.parse(await readFile(join(formats, 'acme-gateway.json'), 'utf8')) as FormatSpec;
    expect(restored).toEqual(deleted.format);
    expect(loadUserFormats(formats).formats.map((f) => f.id)).toEqual(['acme-gateway']);
  });

  it('refuses a built-in id and a path, and deletes a file that does not load (no undo)', async () => {
    expect(await call('deleteFormat', { id: 'oslo' })).toEqual({
      ok: false,
      error: 'deleteFormat: "oslo" is a built-in format (resources/formats), not one of yours',
    });
    expect(await call('deleteFormat', { id: '../preferences' })).toEqual({
      ok: false,
      error: 'deleteFormat: id must be a format id, got "../preferences"',
    });
    await writeFile(join(dataDir, 'formats', 'junk.json'), '[');
    const deleted = await value<DeletedFormat>('deleteFormat', { id: 'junk' });
    expect(deleted).toEqual({ id: 'junk', path: join(dataDir, 'formats', 'junk.json'), format: null });
    const noFolder = new CaseManager({ dataDir: join(dir, 'fresh'), cacheDir: join(dir, 'fresh', 'cache') });
    expect(await dispatchRequest(noFolder, 'userFormats', {})).toEqual({
      ok: true,
      value: { dir: join(dir, 'fresh', 'formats'), formats: [] },
    });
  });
});

describe('the CLI with --formats', () => {
  it('reads the bundle with the formats of the folder, and refuses a folder that is not there', async () => {
    const out = join(dir, 'hits.json');
    const formats = join(dataDir, 'formats');
    const run = await runCli([
      'search',
      bundle,
      'level:warning',
      '--formats',
      formats,
      '--zone',
      'UTC',
      '--no-cache',
      '--quiet',
      '--json',
      out,
    ]);
    expect(run.code, run.err).toBe(0);
    // The broken file written above is told and left out; the good one is read.
    expect(run.err).toMatch(/^tarsier search: format broken\.json in .*: not valid JSON.*; left out$/m);
    const hits = JSON.parse(await readFile(out, 'utf8')) as { total: number; hits: { time: string }[] };
    expect(hits.total).toBe(4);
    expect(hits.hits[0].time).toBe('2025-12-07T01:02:03.000Z');
    const missing = await runCli(['search', bundle, 'x', '--formats', join(dir, 'nope'), '--quiet']);
    expect(missing).toMatchObject({ code: 1, err: expect.stringContaining('--formats') });
  }, 60_000);
});
