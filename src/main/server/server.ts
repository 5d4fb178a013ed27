/**
 * The loopback HTTP bridge behind `tarsier serve`: the same AnalyzerApi as the Electron IPC,
 * for a browser on this machine. Bound to 127.0.0.1 only; every request needs the token
 * (see auth.ts). Routes:
 *   GET  /?token=…           trade the token for a cookie, redirect to /
 *   GET  / and /assets/…     the built renderer, with the app's CSP
 *   POST /api/<method>       JSON body → validateRequest → CaseManager → JSON ApiResult
 *   GET  /bridge/session     the case opened from the command line, if any
 *   POST /bridge/upload?name=…  a dropped bundle, streamed to the server's temp folder
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isApiMethod, routeOf, type AnalyzerApi, type ApiResult } from '../../shared/api.ts';
import { CONTENT_SECURITY_POLICY } from '../../shared/ui/csp.ts';
import { dispatchRequest } from '../../shared/ui/dispatch.ts';
import { createGate } from './auth.ts';
import { serveStatic } from './staticFiles.ts';
import { receiveUpload } from './upload.ts';

export const LOOPBACK = '127.0.0.1';
// A case's notes and pins travel in one request (saveCaseState, exportReport).
const MAX_JSON_BYTES = 16 * 1024 * 1024;

export interface BridgeOptions {
  api: AnalyzerApi;
  /** 0 picks a free port. */
  port: number;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** The case opened from the command line, shown at once. */
  initialCaseId?: string | null;
  maxUploadBytes?: number;
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
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

const failure = (error: string): ApiResult<never> => ({ ok: false, error });

/** Reads a JSON body of at most {@link MAX_JSON_BYTES}. */
async function readJson(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; status: number; error: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BYTES) return { ok: false, status: 413, error: `request body larger than ${MAX_JSON_BYTES} bytes` };
    chunks.push(chunk);
  }
  try {
    return { ok: true, value: size === 0 ? undefined : JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { ok: false, status: 400, error: 'request body is not valid JSON' };
  }
}

/** Starts the bridge; resolves once it listens. */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const maxUploadBytes = options.maxUploadBytes ?? 8 * 2 ** 30;
  const uploadDir = await mkdtemp(join(tmpdir(), 'tarsier-serve-'));
  const caseIds = new Set<string>(options.initialCaseId ? [options.initialCaseId] : []);
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
      res.writeHead(303, { 'Set-Cookie': gate.cookie(), Location: `/${url.search}`, 'Cache-Control': 'no-store', 'Content-Length': 0 });
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
        const session: BridgeSession = { caseId: options.initialCaseId ?? null, maxUploadBytes };
        return sendJson(res, 200, { ok: true, value: session });
      }
      if (url.pathname === '/bridge/upload') {
        if (method !== 'POST') return sendJson(res, 405, failure('use POST'));
        const outcome = await receiveUpload(req, uploadDir, url.searchParams.get('name') ?? 'bundle', maxUploadBytes);
        if (!outcome.ok) {
          res.setHeader('Connection', 'close');
          return sendJson(res, outcome.status, failure(outcome.error));
        }
        return sendJson(res, 200, { ok: true, value: { path: outcome.path, bytes: outcome.bytes } });
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
      const body = await readJson(req);
      if (!body.ok) return sendJson(res, body.status, failure(`${name}: ${body.error}`));
      const result = await dispatchRequest(options.api, name, body.value);
      if (name === 'openCase' && result.ok) caseIds.add((result.value as { caseId: string }).caseId);
      return sendJson(res, 200, result);
    }

    if (method !== 'GET' && method !== 'HEAD') return sendText(res, 405, 'Method not allowed.');
    if (await serveStatic(options.rendererDir, url.pathname, res, method === 'HEAD')) return;
    return sendText(res, 404, `Not found: ${url.pathname.slice(0, 200)}`);
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, failure(`bridge: ${(error as Error).message}`));
      else res.destroy();
    });
  });

  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/?token=${gate.token}`,
    origin,
    port,
    caseIds,
    close() {
      closing ??= (async () => {
        await Promise.all([...caseIds].map((caseId) => options.api.cancelCase({ caseId })));
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await rm(uploadDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}
