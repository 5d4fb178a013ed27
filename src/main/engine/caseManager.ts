/**
 * Holds the open cases of one process and implements {@link AnalyzerApi} on top of the engine.
 * Transport-free: the Electron IPC handlers and the `serve` HTTP bridge both call into it.
 */
import { randomBytes } from 'node:crypto';
import { initialProgress, type AnalyzerApi, type ApiResult, type CaseStatus, type Inventory, type OpenCaseRequest, type ReadProgress } from '../../shared/api.ts';
import { checkZone } from '../../shared/time.ts';
import { analyzeBundles, type AnalyzeResult } from './analyzeBundles.ts';

interface OpenCase {
  id: string;
  controller: AbortController;
  progress: ReadProgress;
  result: AnalyzeResult | null;
}

const fail = <T>(error: string): ApiResult<T> => ({ ok: false, error });
const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });

/** The engine behind every face of Tarsier (app, serve bridge, tests). */
export class CaseManager implements AnalyzerApi {
  private readonly cases = new Map<string, OpenCase>();

  async openCase(request: OpenCaseRequest): Promise<ApiResult<{ caseId: string }>> {
    const zone = request.zone ?? 'local';
    const zoneProblem = checkZone(zone);
    if (zoneProblem) return fail(`openCase: ${zoneProblem}`);
    const id = randomBytes(9).toString('base64url');
    const entry: OpenCase = {
      id,
      controller: new AbortController(),
      result: null,
      progress: initialProgress(),
    };
    this.cases.set(id, entry);
    analyzeBundles(request.paths, {
      zone,
      signal: entry.controller.signal,
      onProgress: (progress) => {
        entry.progress = { ...progress, phase: entry.progress.phase === 'reading' ? 'reading' : entry.progress.phase };
      },
    }).then(
      (outcome) => {
        if (outcome.ok) {
          entry.result = outcome.value;
          entry.progress = { ...entry.progress, phase: entry.controller.signal.aborted ? 'cancelled' : 'done', currentFile: null };
        } else {
          entry.progress = { ...entry.progress, phase: entry.controller.signal.aborted ? 'cancelled' : 'failed', error: outcome.error };
        }
      },
      (error: unknown) => {
        entry.progress = { ...entry.progress, phase: 'failed', error: `engine: ${(error as Error).message}` };
      },
    );
    return ok({ caseId: id });
  }

  async caseStatus(request: { caseId: string }): Promise<ApiResult<CaseStatus>> {
    const entry = this.cases.get(request.caseId);
    if (!entry) return fail(`caseStatus: no case ${request.caseId}`);
    return ok({ caseId: entry.id, progress: entry.progress, bundles: entry.result?.bundles ?? [] });
  }

  async inventory(request: { caseId: string }): Promise<ApiResult<Inventory>> {
    const entry = this.cases.get(request.caseId);
    if (!entry) return fail(`inventory: no case ${request.caseId}`);
    if (!entry.result) return fail(`inventory: case ${request.caseId} is still ${entry.progress.phase}`);
    const { bundles, files, skipped, problems } = entry.result;
    return ok({ bundles, files, skipped, problems });
  }

  async cancelCase(request: { caseId: string }): Promise<ApiResult<{ cancelled: boolean }>> {
    const entry = this.cases.get(request.caseId);
    if (!entry) return fail(`cancelCase: no case ${request.caseId}`);
    const running = entry.progress.phase === 'reading';
    entry.controller.abort();
    return ok({ cancelled: running });
  }

  /** Waits until a case is no longer reading (tests, CLI). */
  async settled(caseId: string): Promise<ReadProgress | null> {
    for (;;) {
      const entry = this.cases.get(caseId);
      if (!entry) return null;
      if (entry.progress.phase !== 'reading') return entry.progress;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
