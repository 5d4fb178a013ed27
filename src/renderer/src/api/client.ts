/**
 * The ONLY module of the renderer that talks to the outside. In Electron it calls the preload's
 * `window.tarsier`; in a browser it calls the `tarsier serve` bridge on the same origin (the
 * access token travels in an HttpOnly cookie set when the page was first opened). Every other
 * module imports `client` from here and never sees the transport.
 */
import { API_METHODS, routeOf, type AnalyzerApi, type ApiMethod, type ApiResult } from '../../../shared/api.ts';
import type { TarsierBridge } from '../../../preload/api.d.ts';
import {
  CASE_EVENT_ROUTE,
  isCaseEvent,
  type CaseEventListener,
  type CaseEventSource,
} from '../../../shared/caseEvents.ts';

export type Transport = 'electron' | 'browser';

/** Progress of a browser upload. */
export type UploadProgress = (sentBytes: number, totalBytes: number) => void;

export interface Client extends AnalyzerApi, CaseEventSource {
  readonly transport: Transport;
  /** The case the shell opened at start (`tarsier serve <bundle>`), if any. */
  initialCase(): Promise<string | null>;
  /** Native Open dialog (Electron only); `[]` when cancelled. */
  chooseBundles(folders: boolean): Promise<string[]>;
  /** The local path of a dropped file or folder (Electron only); `''` in a browser. */
  pathForFile(file: File): string;
  /** Copies a dropped file to the bridge's temp folder (browser only); resolves to its path there. */
  upload(file: File, onProgress: UploadProgress, signal: AbortSignal): Promise<ApiResult<{ path: string }>>;
  /** File → Open… in the Electron menu; returns an unsubscribe function. */
  onOpenRequested(listener: (folders: boolean) => void): () => void;
}

/** Browsers allow 64 KiB of keepalive bodies in flight. */
const KEEPALIVE_MAX = 60_000;

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const isResult = (value: unknown): value is ApiResult<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';

function electronClient(bridge: TarsierBridge): Client {
  const api = {} as Record<ApiMethod, (request: unknown) => Promise<ApiResult<unknown>>>;
  for (const method of API_METHODS) {
    api[method] = async (request) => {
      try {
        return await (bridge[method] as (r: unknown) => Promise<ApiResult<unknown>>)(request);
      } catch (error) {
        return { ok: false, error: `${method}: ${message(error)}` };
      }
    };
  }
  return {
    ...(api as unknown as AnalyzerApi),
    transport: 'electron',
    initialCase: async () => null,
    chooseBundles: (folders) => bridge.chooseBundles({ folders }),
    pathForFile: (file) => bridge.pathForFile(file),
    upload: async () => ({ ok: false, error: 'upload: not needed in the desktop app' }),
    onOpenRequested: (listener) => bridge.onOpenRequested(listener),
    onCaseEvent: (listener) => bridge.onCaseEvent(listener),
  };
}

/**
 * The engine's case events in a browser: one EventSource on the bridge's event stream, opened
 * with the first listener and closed with the last. Events pushed before the stream is open (or
 * while it reconnects after a drop) are not seen, so `connected` is called at each `open`.
 */
function browserCaseEvents(): CaseEventSource {
  const listeners = new Map<CaseEventListener, (() => void) | undefined>();
  let source: EventSource | null = null;
  return {
    onCaseEvent(listener, connected) {
      listeners.set(listener, connected);
      if (!source) {
        source = new EventSource(CASE_EVENT_ROUTE);
        source.onopen = () => {
          for (const each of [...listeners.values()]) each?.();
        };
        source.onmessage = (message: MessageEvent<string>) => {
          let event: unknown;
          try {
            event = JSON.parse(message.data);
          } catch {
            return;
          }
          if (isCaseEvent(event)) for (const each of [...listeners.keys()]) each(event);
        };
      } else if (source.readyState === EventSource.OPEN && connected) queueMicrotask(connected);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          source?.close();
          source = null;
        }
      };
    },
  };
}

/** Explains an HTTP failure of the bridge in words the user can act on. */
function httpProblem(what: string, status: number): string {
  if (status === 403)
    return `${what}: the Tarsier server refused the request (403). Open the address printed by \`tarsier serve\` again; it carries the access token.`;
  return `${what}: the Tarsier server answered HTTP ${status}`;
}

async function getJson(path: string, init: RequestInit, what: string): Promise<ApiResult<unknown>> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, credentials: 'same-origin', cache: 'no-store' });
  } catch (error) {
    return {
      ok: false,
      error: `${what}: cannot reach the Tarsier server (${message(error)}). Is \`tarsier serve\` still running?`,
    };
  }
  const body: unknown = await response.json().catch(() => null);
  if (isResult(body)) return body;
  return { ok: false, error: httpProblem(what, response.status) };
}

function browserClient(): Client {
  const events = browserCaseEvents();
  const api = {} as Record<ApiMethod, (request: unknown) => Promise<ApiResult<unknown>>>;
  for (const method of API_METHODS) {
    api[method] = (request) => {
      const body = JSON.stringify(request);
      // keepalive lets a small request (the case's notes saved as the page goes away) outlive the page.
      return getJson(
        routeOf(method),
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body,
          keepalive: new Blob([body]).size < KEEPALIVE_MAX,
        },
        method,
      );
    };
  }
  return {
    ...(api as unknown as AnalyzerApi),
    transport: 'browser',
    async initialCase() {
      const result = await getJson('/bridge/session', { method: 'GET' }, 'session');
      if (!result.ok) return null;
      const caseId = (result.value as { caseId?: unknown }).caseId;
      return typeof caseId === 'string' ? caseId : null;
    },
    chooseBundles: async () => [],
    pathForFile: () => '',
    upload(file, onProgress, signal) {
      // XMLHttpRequest rather than fetch: it reports upload progress.
      return new Promise((resolve) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', `/bridge/upload?name=${encodeURIComponent(file.name)}`);
        xhr.setRequestHeader('Content-Type', 'application/octet-stream');
        xhr.responseType = 'json';
        xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
        xhr.onload = () => {
          const body: unknown = xhr.response;
          if (isResult(body)) resolve(body as ApiResult<{ path: string }>);
          else resolve({ ok: false, error: httpProblem('upload', xhr.status) });
        };
        xhr.onerror = () =>
          resolve({ ok: false, error: 'upload: cannot reach the Tarsier server. Is `tarsier serve` still running?' });
        xhr.onabort = () => resolve({ ok: false, error: 'cancelled' });
        signal.addEventListener('abort', () => xhr.abort(), { once: true });
        xhr.send(file);
      });
    },
    onOpenRequested: () => () => {},
    onCaseEvent: (listener, connected) => events.onCaseEvent(listener, connected),
  };
}

export const client: Client = window.tarsier ? electronClient(window.tarsier) : browserClient();
