/**
 * Routes one untrusted request to the engine: checks the method name, validates the payload
 * with {@link validateRequest}, calls the method, and turns a thrown error into an
 * `{ ok: false }` value. The Electron IPC handlers and the `serve` HTTP bridge both use it, so
 * the two transports cannot drift apart.
 */
import { isApiMethod, validateRequest, type AnalyzerApi, type ApiResult } from '../api.ts';

export async function dispatchRequest(api: AnalyzerApi, method: string, payload: unknown): Promise<ApiResult<unknown>> {
  if (!isApiMethod(method)) return { ok: false, error: `unknown method ${JSON.stringify(method.slice(0, 64))}` };
  const problem = validateRequest(method, payload);
  if (problem) return { ok: false, error: problem };
  try {
    // validateRequest has checked the payload shape for this very method.
    const call = api[method] as (request: unknown) => Promise<ApiResult<unknown>>;
    return await call.call(api, payload);
  } catch (error) {
    return { ok: false, error: `${method}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
