/**
 * HAR files (a browser's F12 network capture, `{"log":{"entries":[…]}}`): one JSON document,
 * often a single line of megabytes, sometimes pretty-printed over thousands. Lines of that JSON
 * are not events, the requests are; so the ingest reads the whole document and renders each entry
 * as one line, which the `har` format (resources/formats/har.json) then reads like any log line:
 *
 *   2015-02-22T19:28:12.136-08:00 GET http://humanssuck.net/ → 200 (153 ms)
 *
 * The headers that name a request (`X-Request-Id`, `X-Openstack-Request-Id`, `traceparent`…) are
 * appended as `name: value`, the shape the id extractor reads, so a request seen by the browser
 * can be traced into the services' logs.
 */

/** The id of the format that reads the rendered lines. */
export const HAR_FORMAT_ID = 'har';

/** The largest HAR document read whole (characters); a bigger one stays a JSON file. */
export const HAR_MAX_CHARS = 256 * 1024 * 1024;

// `{"log": {` at the start, then the keys a HAR log has; `.har` files are HAR by name.
const HAR_START = /^\s*\{\s*"log"\s*:\s*\{/;
const HAR_KEYS = /"(?:entries|creator|pages)"\s*:/;
// Headers whose value names a request or a trace, as browsers and gateways write them.
const ID_HEADER =
  /^(?:x-(?:openstack-|compute-|amzn-|ms-|correlation-|b3-)?request-?id|x-correlation-id|x-b3-traceid|x-trace-id|x-cloud-trace-context|traceparent|request-id)$/i;

/** Whether a file is a HAR document, from its name and first lines. */
export function looksLikeHar(path: string, firstLines: readonly string[]): boolean {
  const head = firstLines.slice(0, 16).join('\n');
  if (!HAR_START.test(head)) return false;
  return /\.har$/i.test(path) || HAR_KEYS.test(head);
}

interface Header {
  name?: unknown;
  value?: unknown;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function idHeaders(...lists: unknown[]): string[] {
  const seen = new Set<string>();
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const header of list as Header[]) {
      const name = text(header?.name);
      const value = text(header?.value);
      if (name && value && ID_HEADER.test(name)) seen.add(`${name}: ${value.replace(/\s+/g, ' ')}`);
    }
  }
  return [...seen];
}

/** One entry as a line, or null when it has no start time (nothing to place it on the timeline). */
export function renderHarEntry(entry: unknown): string | null {
  if (entry === null || typeof entry !== 'object') return null;
  const { startedDateTime, request, response, time } = entry as Record<string, unknown>;
  const started = text(startedDateTime);
  if (!started) return null;
  const asked = (request ?? {}) as Record<string, unknown>;
  const answered = (response ?? {}) as Record<string, unknown>;
  const method = text(asked.method) ?? 'GET';
  const url = (text(asked.url) ?? '-').replace(/\s/g, '%20');
  const status = typeof answered.status === 'number' ? Math.trunc(answered.status) : 0;
  const took = typeof time === 'number' && Number.isFinite(time) ? Math.round(time) : -1;
  let line = `${started} ${method} ${url} → ${status} (${took} ms)`;
  // Chrome names why a request failed (status 0) in `_error`: net::ERR_CONNECTION_REFUSED.
  const failure = text(answered._error) ?? text((entry as Record<string, unknown>)._error);
  if (failure) line += ` ${failure}`;
  for (const header of idHeaders(asked.headers, answered.headers)) line += ` ${header}`;
  return line;
}

/**
 * The entries of a HAR document as lines, in the document's order; null when the text is not a
 * HAR document (not JSON, or no `log.entries` list).
 */
export function harLines(document: string): string[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    return null;
  }
  const entries = (parsed as { log?: { entries?: unknown } } | null)?.log?.entries;
  if (!Array.isArray(entries)) return null;
  const lines: string[] = [];
  for (const entry of entries) {
    const line = renderHarEntry(entry);
    if (line !== null) lines.push(line);
  }
  return lines;
}
