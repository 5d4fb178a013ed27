// The renderer's case store: fed by pushed case events, seeded once, never polling.
import { describe, expect, it } from 'vitest';
import { CaseStatusStore, type CaseStatusSource } from '../../src/renderer/src/state/caseStatusStore.ts';
import { initialProgress, type ApiResult, type CaseStatus } from '../../src/shared/api.ts';
import type { CaseEvent, CaseEventListener } from '../../src/shared/caseEvents.ts';

// The revision grows with the lines read, as a real case's does with each change.
const status = (
  caseId: string,
  linesRead: number,
  diagnosed = false,
  phase: 'reading' | 'failed' = 'reading',
): CaseStatus => ({
  caseId,
  progress: { ...initialProgress(), linesRead, phase },
  bundles: [],
  indexed: diagnosed,
  diagnosed,
  zone: 'UTC',
  revision: linesRead + (diagnosed ? 1 : 0),
});

/** A fake engine: events are pushed by the test, caseStatus answers when the test says. */
function fakeSource() {
  const listeners = new Set<CaseEventListener>();
  const connects = new Set<() => void>();
  const asked: { caseId: string; answer: (r: ApiResult<CaseStatus>) => void }[] = [];
  const source: CaseStatusSource = {
    onCaseEvent(listener, connected) {
      listeners.add(listener);
      if (connected) connects.add(connected);
      return () => {
        listeners.delete(listener);
        if (connected) connects.delete(connected);
      };
    },
    caseStatus: ({ caseId }) => new Promise((answer) => asked.push({ caseId, answer })),
  };
  const push = (event: CaseEvent) => [...listeners].forEach((l) => l(event));
  /** The event stream (re)opens: events pushed before now were lost. */
  const connect = () => [...connects].forEach((c) => c());
  return { source, listeners, asked, push, connect };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('CaseStatusStore', () => {
  it('asks once, then follows events of its case only; one event subscription for all watches', async () => {
    const { source, listeners, asked, push } = fakeSource();
    const store = new CaseStatusStore(source);
    let changes = 0;
    const stopA = store.watch('a', () => changes++);
    const stopA2 = store.watch('a', () => undefined);
    const stopB = store.watch('b', () => undefined);
    expect(asked.map((a) => a.caseId)).toEqual(['a', 'b']);
    expect(listeners.size).toBe(1);
    asked[0].answer({ ok: true, value: status('a', 5) });
    await tick();
    expect(store.get('a').status?.progress.linesRead).toBe(5);
    push({ kind: 'status', status: status('a', 50) });
    push({ kind: 'status', status: status('b', 7) });
    expect(store.get('a').status?.progress.linesRead).toBe(50);
    expect(store.get('b').status?.progress.linesRead).toBe(7);
    expect(changes).toBe(2);
    const snapshot = store.get('a');
    push({ kind: 'status', status: status('b', 8) });
    // Unchanged case, same object: React does not re-render it.
    expect(store.get('a')).toBe(snapshot);
    stopA();
    stopA2();
    stopB();
    expect(listeners.size).toBe(0);
    // Only the last case left unwatched keeps its status.
    expect(store.get('a')).toEqual({ status: null, error: null });
    expect(store.get('b').status?.progress.linesRead).toBe(8);
  });

  it('a case watched again starts from its last status until a newer one arrives', async () => {
    const { source, asked, push } = fakeSource();
    const store = new CaseStatusStore(source);
    const stopReading = store.watch('a', () => undefined);
    push({ kind: 'status', status: status('a', 40, true) });
    stopReading();
    // The workspace watches the case next: the status is there before the engine answers.
    const stopWorkspace = store.watch('a', () => undefined);
    expect(store.get('a').status?.indexed).toBe(true);
    expect(asked.map((a) => a.caseId)).toEqual(['a', 'a']);
    // An older answer does not replace it; a newer event does.
    asked[1].answer({ ok: true, value: status('a', 30) });
    await tick();
    expect(store.get('a').status?.progress.linesRead).toBe(40);
    push({ kind: 'status', status: status('a', 60, true) });
    expect(store.get('a').status?.progress.linesRead).toBe(60);
    stopWorkspace();
  });

  it('keeps an event that arrived before the first answer, and reports a closed or unknown case', async () => {
    const { source, asked, push } = fakeSource();
    const store = new CaseStatusStore(source);
    store.watch('a', () => undefined);
    store.watch('c', () => undefined);
    push({ kind: 'status', status: status('a', 99, true) });
    asked[0].answer({ ok: true, value: status('a', 1) });
    asked[1].answer({ ok: false, error: 'caseStatus: no case c' });
    await tick();
    expect(store.get('a').status).toMatchObject({ diagnosed: true, progress: { linesRead: 99 } });
    expect(store.get('c')).toEqual({ status: null, error: 'caseStatus: no case c' });
    push({ kind: 'closed', caseId: 'a' });
    expect(store.get('a').error).toBe('case a was closed');
  });

  it('asks again when the stream connects, so a failure pushed before it is not missed', async () => {
    const { source, asked, connect } = fakeSource();
    const store = new CaseStatusStore(source);
    store.watch('a', () => undefined);
    // The engine answered while the case was still reading…
    asked[0].answer({ ok: true, value: status('a', 3) });
    await tick();
    // …then the case failed before the stream was open: that event never came.
    connect();
    expect(asked.map((a) => a.caseId)).toEqual(['a', 'a']);
    asked[1].answer({ ok: true, value: status('a', 4, false, 'failed') });
    await tick();
    expect(store.get('a').status?.progress.phase).toBe('failed');
  });

  it('keeps the newer of an answer and an event, whichever arrives last', async () => {
    const { source, asked, push, connect } = fakeSource();
    const store = new CaseStatusStore(source);
    store.watch('a', () => undefined);
    connect();
    push({ kind: 'status', status: status('a', 40) });
    // Both answers were made before that event: older, so left aside.
    asked[0].answer({ ok: true, value: status('a', 10) });
    asked[1].answer({ ok: true, value: status('a', 20) });
    await tick();
    expect(store.get('a').status?.progress.linesRead).toBe(40);
    // A late event older than what is known is left aside too.
    push({ kind: 'status', status: status('a', 30) });
    expect(store.get('a').status?.progress.linesRead).toBe(40);
    push({ kind: 'status', status: status('a', 41) });
    expect(store.get('a').status?.progress.linesRead).toBe(41);
  });
});
