/** Reads bundles into an inventory. (Being written; the signature is final.) */
import type { ApiResult, Inventory, ReadProgress } from '../../shared/api.ts';
import type { ZoneSpec } from '../../shared/model.ts';

export interface AnalyzeOptions {
  zone?: ZoneSpec;
  signal?: AbortSignal;
  onProgress?: (progress: ReadProgress) => void;
}

export type AnalyzeResult = Inventory;

export async function analyzeBundles(paths: string[], options: AnalyzeOptions = {}): Promise<ApiResult<AnalyzeResult>> {
  void paths;
  void options;
  return { ok: false, error: 'engine: not yet implemented' };
}
