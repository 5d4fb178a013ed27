import { describe, expect, it } from 'vitest';
import type { RecentCase } from '../../../shared/preferences.ts';
import { parentFolder, recentDetail, sameNameAs } from './recentDetail.ts';

const entry = (paths: RecentCase['paths'], extra: Partial<RecentCase> = {}): RecentCase => ({
  paths,
  names: paths === 'demo' ? ['demo-case.tar.gz'] : paths.map((p) => p.split(/[\\/]/).pop()!),
  openedAt: 1,
  ...extra,
});

describe('recentDetail', () => {
  it('tells two bundles of the same name apart by their folder and size', () => {
    const a = entry(['/cases/acme/sosreport.tar.xz'], { bytes: [1000] });
    const b = entry(['/cases/globex/sosreport.tar.xz'], { bytes: [2000, 48] });
    expect(recentDetail(a)).toEqual({ folder: '/cases/acme', uploaded: false, bytes: 1000 });
    expect(recentDetail(b)).toEqual({ folder: '/cases/globex', uploaded: false, bytes: 2048 });
    expect(sameNameAs(a, [a, b])).toBe(true);
    expect(sameNameAs(a, [a, entry(['/cases/acme/other.tgz'])])).toBe(false);
  });

  it('names no folder for an upload (the folder is Tarsier’s) nor the demo', () => {
    const up = entry(['/home/u/.local/share/tarsier/uploads/ab12/case.tgz'], { uploaded: true, bytes: [5] });
    expect(recentDetail(up)).toEqual({ folder: null, uploaded: true, bytes: 5 });
    expect(recentDetail(entry('demo'))).toEqual({ folder: null, uploaded: false, bytes: null });
  });

  it('finds the parent folder of POSIX and Windows paths', () => {
    expect(parentFolder('/cases/a.tgz')).toBe('/cases');
    expect(parentFolder('/a.tgz')).toBe('/');
    expect(parentFolder('C:\\cases\\acme\\a.zip')).toBe('C:\\cases\\acme');
    expect(parentFolder('/cases/folder/')).toBe('/cases');
    expect(parentFolder('a.tgz')).toBe('');
  });
});
