/**
 * What tells two Recent entries of the same bundle name apart: the folder the bundle is in (or
 * that it was uploaded), its size, and when it was opened (shown beside). Pure, no React.
 */
import type { RecentCase } from '../../../shared/preferences.ts';

export interface RecentDetail {
  /** The folder of the (first) bundle; null for the demo and for uploads (their folder is ours). */
  folder: string | null;
  /** Opened from files dropped on a `tarsier serve` page. */
  uploaded: boolean;
  /** The bundles' total size when known (entries saved before sizes were kept have none). */
  bytes: number | null;
}

/** `/cases/acme/case.tgz` → `/cases/acme`; `C:\cases\case.tgz` → `C:\cases`; `case.tgz` → ``. */
export function parentFolder(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  if (cut < 0) return '';
  return cut === 0 ? trimmed[0] : trimmed.slice(0, cut);
}

/** See {@link RecentDetail}. */
export function recentDetail(entry: RecentCase): RecentDetail {
  const uploaded = entry.uploaded === true;
  const folder = entry.paths === 'demo' || uploaded ? null : parentFolder(entry.paths[0]) || null;
  const bytes = entry.bytes && entry.bytes.length > 0 ? entry.bytes.reduce((sum, b) => sum + b, 0) : null;
  return { folder, uploaded, bytes };
}

/** Whether another listed entry carries the same names (then the folder and size matter most). */
export function sameNameAs(entry: RecentCase, listed: readonly RecentCase[]): boolean {
  const names = entry.names.join('\n');
  return listed.some((other) => other !== entry && other.names.join('\n') === names);
}
