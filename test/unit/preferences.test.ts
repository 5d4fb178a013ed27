// The engineer's preferences: the recent list's rules, the lenient file schema, the strict
// request, and the engine's store (a file in the data folder, or memory without one).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaseManager } from '../../src/main/engine/case/caseManager.ts';
import { preferencesSchema, withRecent, withoutRecent, type RecentCase } from '../../src/shared/preferences.ts';
import { dispatchRequest } from '../../src/shared/ui/dispatch.ts';

const entry = (path: string, openedAt = 1): RecentCase => ({ paths: [path], names: [path], openedAt });

describe('recent cases', () => {
  it('puts the case opened last first, once, and keeps eight', () => {
    let list: RecentCase[] = [];
    for (let i = 0; i < 10; i++) list = withRecent(list, entry(`/b${i}.tgz`, i));
    list = withRecent(list, entry('/b5.tgz', 99));
    expect(list).toHaveLength(8);
    expect(list[0]).toEqual(entry('/b5.tgz', 99));
    expect(list.filter((r) => r.paths[0] === '/b5.tgz')).toHaveLength(1);
    expect(list.map((r) => r.paths[0])).not.toContain('/b0.tgz');
  });

  it('tells the demo and paths apart, and forgets one case', () => {
    const list = withRecent(withRecent([], { paths: 'demo', names: ['demo'], openedAt: 1 }), entry('/a.tgz'));
    expect(withoutRecent(list, { paths: 'demo', names: [], openedAt: 0 }).map((r) => r.paths)).toEqual([['/a.tgz']]);
  });
});

describe('preferences file', () => {
  it('keeps what fits and falls back for the rest, dropping only bad recent entries', () => {
    expect(preferencesSchema.parse('{not an object')).toEqual({
      theme: 'system',
      lang: null,
      recent: [],
      tourSeen: false,
    });
    expect(
      preferencesSchema.parse({ theme: 'blue', lang: 'zh', recent: [entry('/ok.tgz'), { paths: [1], names: [] }] }),
    ).toEqual({ theme: 'system', lang: 'zh', recent: [entry('/ok.tgz')], tourSeen: false });
    expect(preferencesSchema.parse({ tourSeen: 'yes' }).tourSeen).toBe(false);
    expect(preferencesSchema.parse({ tourSeen: true }).tourSeen).toBe(true);
  });
});

describe('the engine keeps them', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tarsier-prefs-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('in its data folder, where the next engine (another port, another origin) finds them', async () => {
    const first = new CaseManager({ dataDir: dir });
    expect(await dispatchRequest(first, 'preferences', {})).toEqual({
      ok: true,
      value: { theme: 'system', lang: null, recent: [], tourSeen: false },
    });
    await dispatchRequest(first, 'savePreferences', { theme: 'dark' });
    const saved = await dispatchRequest(first, 'savePreferences', { lang: 'zh', recent: [entry('/a.tgz')] });
    expect(saved).toEqual({
      ok: true,
      value: { theme: 'dark', lang: 'zh', recent: [entry('/a.tgz')], tourSeen: false },
    });
    const second = new CaseManager({ dataDir: dir });
    expect(await dispatchRequest(second, 'preferences', {})).toEqual(saved);
    expect(JSON.parse(await readFile(join(dir, 'preferences.json'), 'utf8'))).toEqual(
      (saved as { value: unknown }).value,
    );
  });

  it('refuses a bad change without touching the kept ones, and reads a broken file as the defaults', async () => {
    const manager = new CaseManager({ dataDir: dir });
    await dispatchRequest(manager, 'savePreferences', { theme: 'light' });
    expect(await dispatchRequest(manager, 'savePreferences', { theme: 'light', fontSize: 30 })).toMatchObject({
      ok: false,
    });
    expect(await dispatchRequest(manager, 'preferences', {})).toMatchObject({ ok: true, value: { theme: 'light' } });
    await writeFile(join(dir, 'preferences.json'), '{broken');
    expect(await dispatchRequest(new CaseManager({ dataDir: dir }), 'preferences', {})).toMatchObject({
      ok: true,
      value: { theme: 'system' },
    });
  });

  it('in memory when there is no data folder', async () => {
    const manager = new CaseManager({});
    await dispatchRequest(manager, 'savePreferences', { lang: 'en' });
    expect(await dispatchRequest(manager, 'preferences', {})).toMatchObject({ ok: true, value: { lang: 'en' } });
    expect(await dispatchRequest(new CaseManager({}), 'preferences', {})).toMatchObject({ value: { lang: null } });
  });
});
