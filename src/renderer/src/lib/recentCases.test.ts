import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetCase, loadRecentCases, rememberCase, type RecentCase } from './recentCases.ts';

/** A localStorage of this test's own; `full` makes writes throw as a full or disabled storage does. */
function memoryStorage() {
  const items = new Map<string, string>();
  const state = { full: false };
  const storage = {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => {
      if (state.full) throw new Error('QuotaExceededError');
      items.set(key, value);
    },
  };
  return { storage, items, state };
}

let store: ReturnType<typeof memoryStorage>;
beforeEach(() => {
  store = memoryStorage();
  vi.stubGlobal('localStorage', store.storage);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const entry = (path: string, openedAt = 1): RecentCase => ({ paths: [path], names: [path], openedAt });

describe('recent cases', () => {
  it('puts the case opened last first, once, and keeps eight', () => {
    for (let i = 0; i < 10; i++) rememberCase(entry(`/b${i}.tgz`, i));
    rememberCase(entry('/b5.tgz', 99));
    const list = loadRecentCases();
    expect(list).toHaveLength(8);
    expect(list[0]).toEqual(entry('/b5.tgz', 99));
    expect(list.filter((r) => r.paths[0] === '/b5.tgz')).toHaveLength(1);
    expect(list.map((r) => r.paths[0])).not.toContain('/b0.tgz');
  });

  it('tells the demo and paths apart, and forgets one case', () => {
    rememberCase({ paths: 'demo', names: ['demo'], openedAt: 1 });
    rememberCase(entry('/a.tgz'));
    expect(forgetCase({ paths: 'demo', names: [], openedAt: 0 }).map((r) => r.paths)).toEqual([['/a.tgz']]);
  });

  it('reads a broken or foreign value as an empty list, keeping the valid entries of a list', () => {
    store.items.set('tarsier.recentCases', '{not json');
    expect(loadRecentCases()).toEqual([]);
    store.items.set('tarsier.recentCases', '{"paths":"demo"}');
    expect(loadRecentCases()).toEqual([]);
    store.items.set('tarsier.recentCases', JSON.stringify([entry('/ok.tgz'), { paths: [1], names: [], openedAt: 1 }]));
    expect(loadRecentCases()).toEqual([entry('/ok.tgz')]);
  });

  it('still answers when the storage refuses writes', () => {
    store.state.full = true;
    expect(rememberCase(entry('/a.tgz'))).toEqual([entry('/a.tgz')]);
    expect(loadRecentCases()).toEqual([]);
  });
});
