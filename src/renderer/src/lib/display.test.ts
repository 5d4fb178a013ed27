import { afterEach, describe, expect, it, vi } from 'vitest';
import { baseName, formatLocalTime, formatSpan, localZoneLabel, namesLabel } from './display.ts';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('display', () => {
  it('writes times in this computer’s zone, the date once in a span', () => {
    vi.stubEnv('TZ', 'Asia/Shanghai');
    const t = Date.UTC(2025, 8, 18, 8, 24, 31);
    expect(formatLocalTime(t)).toBe('2025-09-18 16:24:31');
    expect(formatSpan(t, t + 60_000)).toBe('2025-09-18 16:24:31 → 16:25:31');
    expect(formatSpan(t, t + 10 * 3_600_000)).toBe('2025-09-18 16:24:31 → 2025-09-19 02:24:31');
    expect(formatSpan(t, t)).toBe('2025-09-18 16:24:31');
    expect(formatSpan(t, null)).toBe('2025-09-18 16:24:31');
    expect(formatSpan(null, t)).toBeNull();
  });

  it('names the zone by its offset, negative ones and half hours too', () => {
    vi.stubEnv('TZ', 'Asia/Kolkata');
    // ICU may name the zone by its older alias.
    expect(localZoneLabel(0)).toMatch(/^UTC\+05:30 \(Asia\/(Kolkata|Calcutta)\)$/);
    vi.stubEnv('TZ', 'America/St_Johns');
    expect(localZoneLabel(Date.UTC(2025, 0, 1))).toBe('UTC-03:30 (America/St_Johns)');
    vi.stubEnv('TZ', 'UTC');
    expect(localZoneLabel(0)).toBe('UTC+00:00');
  });

  it('takes the last part of a path, with either slash and a trailing one', () => {
    expect(baseName('/a/b/case.tar.gz')).toBe('case.tar.gz');
    expect(baseName('C:\\logs\\bundle\\')).toBe('bundle');
    expect(baseName('plain')).toBe('plain');
    expect(baseName('/')).toBe('/');
  });

  it('names one bundle, or the first and how many more', () => {
    expect(namesLabel([])).toBe('');
    expect(namesLabel(['a.tgz'])).toBe('a.tgz');
    expect(namesLabel(['a.tgz', 'b.tgz', 'c.tgz'])).toBe('a.tgz + 2');
  });
});
