/**
 * The face's side of the engine host process: an {@link AnalyzerApi} whose every method is a
 * message to the host and a reply by id, and a {@link CaseEventSource} fed by the host's pushed
 * events. The face's own event loop only moves messages. If the host dies, every request then
 * waiting, and every later one, fails with a message saying so (the face stays up).
 */
import { API_METHODS, type AnalyzerApi, type ApiMethod, type ApiResult } from '../../shared/api.ts';
import type { CaseEventListener, CaseEventSource } from '../../shared/caseEvents.ts';
import type { CaseManagerOptions } from '../engine/case/caseManager.ts';
import { fromHostMessage, type HostPort, type ToHost } from './hostProtocol.ts';

/** The host side as the face holds it: a port, and a way to learn that the process ended. */
export interface HostLink {
  port: HostPort<ToHost, unknown>;
  /** Registers the handler called once when the host process ends (`why` says how). */
  onExit(handler: (why: string) => void): void;
  /** Ends the host process. */
  kill(): void;
}

type Pending = { method: string; resolve: (result: ApiResult<unknown>) => void };

/** Talks to an engine host; see the module comment. */
export class RemoteEngine implements CaseEventSource {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<CaseEventListener>();
  private dead: string | null = null;
  /** Resolves once the host has started its engine. */
  readonly ready: Promise<void>;
  /** The engine, as the faces call it (case events included). */
  readonly api: AnalyzerApi & CaseEventSource;

  constructor(
    private readonly link: HostLink,
    options: CaseManagerOptions,
  ) {
    let started: () => void = () => undefined;
    this.ready = new Promise<void>((resolve) => (started = resolve));
    link.port.onMessage((raw) => {
      const message = fromHostMessage(raw);
      if (!message) return;
      if (message.type === 'ready') started();
      else if (message.type === 'event') for (const listener of [...this.listeners]) listener(message.event);
      else {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        waiting?.resolve(message.result);
      }
    });
    link.onExit((why) => {
      this.dead = `the engine process ended (${why})`;
      started();
      for (const [, waiting] of this.pending) waiting.resolve({ ok: false, error: `${waiting.method}: ${this.dead}` });
      this.pending.clear();
    });
    link.port.post({ type: 'start', options });
    const api = {} as Record<ApiMethod, (payload: unknown) => Promise<ApiResult<unknown>>>;
    for (const method of API_METHODS) api[method] = (payload) => this.call(method, payload);
    this.api = Object.assign(api as unknown as AnalyzerApi, {
      onCaseEvent: (listener: CaseEventListener) => this.onCaseEvent(listener),
    });
  }

  onCaseEvent(listener: CaseEventListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Ends the host process (its cases with it). */
  stop(): void {
    this.link.kill();
  }

  private async call(method: ApiMethod, payload: unknown): Promise<ApiResult<unknown>> {
    await this.ready;
    if (this.dead) return { ok: false, error: `${method}: ${this.dead}` };
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { method, resolve });
      this.link.port.post({ type: 'request', id, method, payload });
    });
  }
}
