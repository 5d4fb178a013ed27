import { afterEach, describe, expect, it, vi } from 'vitest';
import { componentKey, timeLabel } from './traceFormat.ts';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('traceFormat', () => {
  it('names a lane module/component', () => {
    expect(componentKey({ module: 'nova', component: 'nova-api' })).toBe('nova/nova-api');
  });

  it('writes local times to the millisecond, the time alone on request', () => {
    vi.stubEnv('TZ', 'Asia/Shanghai');
    const t = Date.UTC(2025, 8, 18, 8, 24, 31, 42);
    expect(timeLabel(t, false)).toBe('2025-09-18 16:24:31.042');
    expect(timeLabel(t, true)).toBe('16:24:31.042');
    expect(timeLabel(t + 0.9, true)).toBe('16:24:31.042');
  });

  it('keeps milliseconds right before 1970', () => {
    vi.stubEnv('TZ', 'UTC');
    expect(timeLabel(-1, false)).toBe('1969-12-31 23:59:59.999');
  });
});
