/**
 * The loopback HTTP bridge behind `tarsier serve`: the same AnalyzerApi as the Electron IPC,
 * for a browser on this machine. Bound to 127.0.0.1 only; every request needs the token
 * (see auth.ts). Routes:
 *   GET  /?token=…           trade the token for a cookie, redirect to /
 *   GET  / and /assets/…     the built renderer, with the app's CSP
 *   POST /api/<method>       JSON body → validateRequest → CaseManager → JSON ApiResult
 *   GET  /bridge/session     the case opened from the command line, if any
 *   GET  /bridge/events      the engine's case events, as server-sent events (no polling)
 *   POST /bridge/upload?name=…  a dropped bundle, streamed into the data folder's upload store
 * openCase only opens what pathAccess.ts allows: the command line's bundles, uploads, --allow folders.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';
import {
  isApiMethod,
  routeOf,
  validateRequest,
  type AnalyzerApi,
  type ApiMethod,
  type ApiResult,
  type OpenCaseRequest,
} from '../../shared/api.ts';
import { CASE_EVENT_ROUTE, type CaseEventSource } from '../../shared/caseEvents.ts';
import { CONTENT_SECURITY_POLICY } from '../../shared/ui/csp.ts';
import { dispatchRequest } from '../../shared/ui/dispatch.ts';
import { formatBytes } from '../../shared/format.ts';
import { UploadStore } from '../engine/case/uploadStore.ts';
import { DEFAULT_CACHE_BUDGET_BYTES } from '../engine/index/indexCache.ts';
import { dataDir as defaultDataDir } from '../engine/platform/dataDir.ts';
import { createGate } from './auth.ts';
import { createPathAccess } from './pathAccess.ts';
import { serveStatic } from './staticFiles.ts';
import { UploadReceiver } from './upload.ts';

export const LOOPBACK = '127.0.0.1';
/** An API request body: small, except the two that carry a case's notes and pins. */
const MAX_JSON_BYTES = 64 * 1024;
const MAX_NOTES_JSON_BYTES = 8 * 2 ** 20;
const NOTES_METHODS: ReadonlySet<ApiMethod> = new Set(['saveCaseState', 'exportReport']);
/** Bytes of API bodies being read at once, over all requests (a flood of large bodies waits its turn). */
const MAX_JSON_IN_FLIGHT = 32 * 2 ** 20;
/** Our requests nest a handful of levels; checking (and echoing) a deeper one could overflow the stack. */
export const MAX_JSON_DEPTH = 32;
const DEFAULT_CONCURRENT_UPLOADS = 4;
/** How long an upload not opened yet is spared by eviction (several files of one drop arrive one by one). */
const FRESH_UPLOAD_MS = 10 * 60 * 1000;

export interface BridgeOptions {
  api: AnalyzerApi & CaseEventSource;
  /** 0 picks a free port. */
  port: number;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** The case opened from the command line, shown at once. */
  initialCaseId?: string | null;
  /**
   * What openCase may open besides uploads: exact paths (the command line's bundles) and
   * everything under folders (`--allow`). Absent: uploads only.
   */
  allow?: { paths?: readonly string[]; folders?: readonly string[] };
  /** Largest upload (default 8 GiB). */
  maxUploadBytes?: number;
  /** All uploads of the run together (default twice {@link maxUploadBytes}). */
  maxUploadTotalBytes?: number;
  /** Uploads at the same time (default 4). */
  maxConcurrentUploads?: number;
  /** The data folder whose `uploads/` keeps the uploads (default: `TARSIER_DATA_DIR` or the platform's). */
  dataDir?: string;
  /** Bytes the upload store is kept under: the index cache's budget (default 4 GiB). */
  storeBudgetBytes?: number;
}

/** What the page learns from `GET /bridge/session`. */
export interface BridgeSession {
  caseId: string | null;
  maxUploadBytes: number;
}

export interface Bridge {
  /** The URL to open, token included. */
  url: string;
  origin: string;
  port: number;
  /** Ids of the cases opened through this bridge (to cancel them at shutdown). */
  caseIds: ReadonlySet<string>;
  /** Where uploads are kept (`<data folder>/uploads`, kept across runs). */
  uploadDir: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), bluetooth=()',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

const failure = (error: string): ApiResult<never> => ({ ok: false, error });

/** The rest of a refused body this size or less is read and dropped, so that the client (a browser) gets to read the answer. */
const DRAIN_LIMIT_BYTES = 256 * 2 ** 20;

/**
 * Before answering a request whose body is refused: a body of known, modest size is read to its
 * end and dropped (never kept), since many clients show only a network error when the server
 * closes while they still send; anything larger, or of unknown size, ends with the connection.
 */
function refuseBody(req: IncomingMessage, res: ServerResponse): void {
  const declared = Number(req.headers['content-length']);
  if (!(Number.isFinite(declared) && declared <= DRAIN_LIMIT_BYTES)) res.setHeader('Connection', 'close');
  req.resume();
}

/**
 * True when JSON `text` nests arrays and objects deeper than `max` (brackets inside strings do
 * not count). One pass, no recursion: it runs before anything walks the parsed value.
 */
export function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

type JsonBody = { ok: true; value: unknown } | { ok: false; status: number; error: string };

/** Reads the JSON bodies of API requests, each within its size and all within {@link MAX_JSON_IN_FLIGHT}. */
function jsonReader(): (req: IncomingMessage, maxBytes: number) => Promise<JsonBody> {
  let inFlight = 0;
  return async (req, maxBytes) => {
    const tooLarge: JsonBody = { ok: false, status: 413, error: `request body larger than ${maxBytes} bytes` };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) return tooLarge;
    const chunks: Buffer[] = [];
    let size = 0;
    // Read by listening, not by async iteration: leaving that early destroys the socket, and the answer with it.
    const refusal = await new Promise<JsonBody | null>((resolve) => {
      let stopped = false;
      const stop = (outcome: JsonBody | null): void => {
        if (stopped) return;
        stopped = true;
        req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
        inFlight -= size;
        if (outcome) req.pause();
        resolve(outcome);
      };
      const onData = (chunk: Buffer): void => {
        size += chunk.length;
        inFlight += chunk.length;
        if (size > maxBytes) stop(tooLarge);
        else if (inFlight > MAX_JSON_IN_FLIGHT)
          stop({
            ok: false,
            status: 429,
            error: `too many large requests at once (more than ${MAX_JSON_IN_FLIGHT} bytes being received); send it again`,
          });
        else chunks.push(chunk);
      };
      const onEnd = (): void => stop(null);
      const onError = (): void => stop({ ok: false, status: 400, error: 'the request body was cut off' });
      const onClose = (): void => {
        if (!req.complete) onError();
      };
      req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
    });
    if (refusal) return refusal;
    const text = Buffer.concat(chunks).toString('utf8');
    if (nestedDeeperThan(text, MAX_JSON_DEPTH))
      return { ok: false, status: 400, error: `request body nested deeper than ${MAX_JSON_DEPTH} levels` };
    try {
      return { ok: true, value: size === 0 ? undefined : JSON.parse(text) };
    } catch {
      return { ok: false, status: 400, error: 'request body is not valid JSON' };
    }
  };
}

/** A comment line sent this often keeps an idle stream from being taken for dead by a proxy or the browser. */
const KEEPALIVE_MS = 15_000;

/** Sends every case event to one page as server-sent events until the page goes. */
function streamEvents(
  req: IncomingMessage,
  res: ServerResponse,
  source: CaseEventSource,
  streams: Set<ServerResponse>,
): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  // The first bytes tell the browser the stream is open (EventSource fires `open`).
  res.write(': tarsier case events\n\n');
  const stop = source.onCaseEvent((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
  const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
  streams.add(res);
  const end = (): void => {
    stop();
    clearInterval(keepalive);
    streams.delete(res);
  };
  req.on('close', end);
  res.on('close', end);
}

/** Starts the bridge; resolves once it listens. */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const maxUploadBytes = options.maxUploadBytes ?? 8 * 2 ** 30;
  const store = new UploadStore(options.dataDir ?? defaultDataDir());
  const storeBudget = options.storeBudgetBytes ?? DEFAULT_CACHE_BUDGET_BYTES;
  const uploadDir = store.root;
  const uploads = new UploadReceiver(store, {
    maxBytes: maxUploadBytes,
    maxTotalBytes: options.maxUploadTotalBytes ?? 2 * maxUploadBytes,
    maxConcurrent: options.maxConcurrentUploads ?? DEFAULT_CONCURRENT_UPLOADS,
  });
  await mkdir(uploadDir, { recursive: true, mode: 0o700 });
  const access = await createPathAccess(options.allow ?? {});
  await access.allowFolder(uploadDir);
  const readJson = jsonReader();
  const caseIds = new Set<string>(options.initialCaseId ? [options.initialCaseId] : []);
  /** The case a page opening the bridge is shown: the one `serve` opened, or what it was read again as. */
  let sessionCase: string | null = options.initialCaseId ?? null;
  // The stored uploads each open case was opened from: never evicted while it is open.
  const openUploads = new Map<string, string[]>();
  // Uploads of this run not opened yet (the page opens one right after it is stored): spared a while.
  const freshUploads = new Map<string, number>();
  const stopWatching = options.api.onCaseEvent((event) => {
    if (event.kind === 'closed') openUploads.delete(event.caseId);
  });
  /** Keeps the store under its budget after an upload, sparing `fresh` and what open cases read. */
  const evictUploads = async (fresh: string): Promise<void> => {
    const pinned = new Set<string>();
    const preferences = await options.api.preferences({});
    if (preferences.ok)
      for (const r of preferences.value.recent) if (r.paths !== 'demo') for (const p of r.paths) pinned.add(p);
    const saved = await options.api.savedCases({});
    if (saved.ok) for (const c of saved.value) for (const p of c.paths) pinned.add(p);
    const now = Date.now();
    freshUploads.set(fresh, now);
    for (const [path, at] of freshUploads) if (now - at > FRESH_UPLOAD_MS) freshUploads.delete(path);
    const keep = new Set([...freshUploads.keys(), ...[...openUploads.values()].flat()]);
    const removed = await store.evict(storeBudget, pinned, keep);
    for (const r of removed)
      process.stderr.write(
        `tarsier serve: removed the stored upload ${r.paths.map((p) => basename(p)).join(', ')} (${formatBytes(r.bytes)}) to keep uploads under ${formatBytes(storeBudget)}\n`,
      );
  };
  /** Why a stored upload cannot be opened again (gone: evicted or forgotten), or null. */
  const goneUpload = (paths: readonly string[]): string | null => {
    for (const path of paths) {
      if (store.folderOf(path) && !existsSync(path))
        return `${basename(path)} was uploaded in an earlier session and Tarsier's copy of it is gone (uploads are removed, least recently used first, to keep the data folder under ${formatBytes(storeBudget)}). Drop the file on the page again, or forget this case in Recent.`;
    }
    return null;
  };
  // Open event streams, ended when the bridge closes (an open stream would hold server.close()).
  const streams = new Set<ServerResponse>();
  const server = createServer({ requestTimeout: 0, headersTimeout: 30_000 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${LOOPBACK}:${port}`;
  const gate = createGate(port);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (!gate.hostAllowed(req)) return sendText(res, 403, 'Forbidden: unexpected Host header.');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', origin);
    } catch {
      return sendText(res, 400, 'Bad request URL.');
    }
    const method = req.method ?? 'GET';
    // The token travels in the URL only once, on the first page load; it becomes a cookie.
    if (method === 'GET' && url.pathname === '/' && gate.tokenInQuery(url)) {
      url.searchParams.delete('token');
      res.writeHead(303, {
        'Set-Cookie': gate.cookie(),
        Location: `/${url.search}`,
        'Cache-Control': 'no-store',
        'Content-Length': 0,
      });
      return void res.end();
    }
    if (!gate.authorised(req)) {
      req.resume();
      return sendText(res, 403, 'Forbidden: open the address printed by `tarsier serve`; it carries the access token.');
    }

    if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/bridge/')) {
      if (!gate.originAllowed(req)) {
        req.resume();
        return sendJson(res, 403, failure('request from another origin'));
      }
      if (url.pathname === '/bridge/session') {
        if (method !== 'GET') return sendJson(res, 405, failure('use GET'));
        const session: BridgeSession = { caseId: sessionCase, maxUploadBytes };
        return sendJson(res, 200, { ok: true, value: session });
      }
      if (url.pathname === CASE_EVENT_ROUTE) {
        if (method !== 'GET') return sendJson(res, 405, failure('use GET'));
        return streamEvents(req, res, options.api, streams);
      }
      if (url.pathname === '/bridge/upload') {
        if (method !== 'POST') return sendJson(res, 405, failure('use POST'));
        const outcome = await uploads.receive(req, url.searchParams.get('name') ?? 'bundle');
        if (!outcome.ok) {
          refuseBody(req, res);
          return sendJson(res, outcome.status, failure(outcome.error));
        }
        await evictUploads(outcome.path);
        return sendJson(res, 200, {
          ok: true,
          value: { path: outcome.path, bytes: outcome.bytes, deduplicated: outcome.deduplicated },
        });
      }
      const name = url.pathname.slice('/api/'.length);
      if (!url.pathname.startsWith('/api/') || !isApiMethod(name) || routeOf(name) !== url.pathname) {
        req.resume();
        return sendJson(res, 404, failure(`no such route ${url.pathname.slice(0, 80)}`));
      }
      if (method !== 'POST') return sendJson(res, 405, failure('use POST with a JSON body'));
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
        req.resume();
        return sendJson(res, 415, failure('Content-Type must be application/json'));
      }
      const body = await readJson(req, NOTES_METHODS.has(name) ? MAX_NOTES_JSON_BYTES : MAX_JSON_BYTES);
      if (!body.ok) {
        refuseBody(req, res);
        return sendJson(res, body.status, failure(`${name}: ${body.error}`));
      }
      const opening = name === 'openCase' && validateRequest(name, body.value) === null;
      const paths = opening ? (body.value as OpenCaseRequest).paths : [];
      if (opening) {
        const gone = goneUpload(paths);
        if (gone) return sendJson(res, 200, failure(`openCase: ${gone}`));
        const refused = await access.check(paths);
        if (refused) return sendJson(res, 200, failure(`openCase: ${refused}`));
        for (const path of paths) await store.touch(path);
      }
      const result = await dispatchRequest(options.api, name, body.value);
      // A page reloaded after its case was read again (new time settings, a new format) comes back to the new case.
      if (name === 'reopenCase' && result.ok && (body.value as { caseId?: unknown }).caseId === sessionCase)
        sessionCase = (result.value as { caseId: string }).caseId;
      if (opening && result.ok) {
        const caseId = (result.value as { caseId: string }).caseId;
        caseIds.add(caseId);
        const stored = paths.filter((p) => store.folderOf(p) !== null);
        for (const path of stored) freshUploads.delete(path);
        if (stored.length > 0) openUploads.set(caseId, stored);
      }
      return sendJson(res, 200, result);
    }

    if (method !== 'GET' && method !== 'HEAD') return sendText(res, 405, 'Method not allowed.');
    if (await serveStatic(options.rendererDir, url.pathname, res, method === 'HEAD')) return;
    return sendText(res, 404, `Not found: ${url.pathname.slice(0, 200)}`);
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      // The details go to the terminal, not to the page (nor a stack overflow's message to anyone).
      process.stderr.write(
        `tarsier serve: ${req.method} ${(req.url ?? '').slice(0, 200)}: ${(error as Error).stack ?? String(error)}\n`,
      );
      if (!res.headersSent)
        sendJson(
          res,
          500,
          failure('bridge: internal error while handling the request (details in the terminal running tarsier serve)'),
        );
      else res.destroy();
    });
  });

  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/?token=${gate.token}`,
    origin,
    port,
    caseIds,
    uploadDir,
    close() {
      closing ??= (async () => {
        stopWatching();
        await Promise.all([...caseIds].map((caseId) => options.api.cancelCase({ caseId })));
        for (const stream of streams) stream.end();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}
