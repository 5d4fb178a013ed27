// How a HAR entry becomes a line, and what the `har` format and the id extractor read from it.
// The entries are shaped after the HAR 1.2 spec (synthetic: no real capture at hand shows a 5xx,
// a failed request and request-id headers together); the real capture is in test/golden/harFiles.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFormat } from '../../src/shared/formats/compileFormat.ts';
import { formatSpecSchema } from '../../src/shared/formats/formatSpec.ts';
import { harLines, looksLikeHar, renderHarEntry } from '../../src/shared/formats/harEntries.ts';
import { extractIds } from '../../src/shared/ids/extractIds.ts';

const spec = formatSpecSchema.parse(JSON.parse(readFileSync(resolve('resources/formats/har.json'), 'utf8')));
const compiled = compileFormat(spec);
if (!compiled.ok) throw new Error(compiled.error);
const har = compiled.format;

const entry = (status: number, extra: Record<string, unknown> = {}, headers: object[] = []) => ({
  startedDateTime: '2024-03-01T08:00:00.250Z',
  time: 41.7,
  request: { method: 'POST', url: 'https://cloud.example/v2.1/servers', headers: [] },
  response: { status, headers, ...extra },
});

describe('HAR entries', () => {
  it('renders METHOD URL → STATUS (ms) at the start time', () => {
    expect(renderHarEntry(entry(202))).toBe(
      '2024-03-01T08:00:00.250Z POST https://cloud.example/v2.1/servers → 202 (42 ms)',
    );
    expect(renderHarEntry({ request: {} })).toBeNull();
  });

  it('4xx is a warning, 5xx and a failed request (status 0) errors', () => {
    const level = (status: number, extra?: Record<string, unknown>) =>
      har.parse(renderHarEntry(entry(status, extra))!)?.level;
    expect([
      level(200),
      level(304),
      level(404),
      level(503),
      level(0, { _error: 'net::ERR_CONNECTION_REFUSED' }),
    ]).toEqual(['info', 'info', 'warning', 'error', 'error']);
    expect(renderHarEntry(entry(0, { _error: 'net::ERR_CONNECTION_REFUSED' }))).toContain(
      '→ 0 (42 ms) net::ERR_CONNECTION_REFUSED',
    );
  });

  it('keeps the headers that name the request, which the id extractor then finds', () => {
    const line = renderHarEntry(
      entry(500, {}, [
        { name: 'Content-Type', value: 'application/json' },
        { name: 'X-Openstack-Request-Id', value: 'req-5b6a0ff4-0d6a-4a6c-9d0e-8b7e3d2c1a90' },
        { name: 'X-Request-Id', value: 'f72fc914' },
        { name: 'traceparent', value: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
      ]),
    )!;
    expect(line).not.toContain('Content-Type');
    const requests = extractIds(line)
      .filter((id) => id.kind === 'request')
      .map((id) => id.value);
    expect(requests).toEqual(
      expect.arrayContaining([
        'req-5b6a0ff4-0d6a-4a6c-9d0e-8b7e3d2c1a90',
        'f72fc914',
        '4bf92f3577b34da6a3ce929d0e0e4736',
      ]),
    );
  });

  it('knows a HAR document by its start and keys, or by its name', () => {
    expect(looksLikeHar('x.json', ['{"log": {"version": "1.2", "entries": []}}'])).toBe(true);
    expect(looksLikeHar('x.har', ['{', '  "log": {'])).toBe(true);
    expect(looksLikeHar('x.json', ['{', '  "log": {'])).toBe(false);
    expect(looksLikeHar('x.har', ['{"level": "info"}'])).toBe(false);
    expect(harLines('{"log": {"entries": [{"startedDateTime": "2024-03-01T08:00:00Z"}]}}')).toEqual([
      '2024-03-01T08:00:00Z GET - → 0 (-1 ms)',
    ]);
    expect(harLines('{"log": ')).toBeNull();
  });
});
