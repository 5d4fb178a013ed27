/**
 * Maps a bundle path to the product module and component that wrote it, using the rules in
 * `resources/components.json` (the seed's module and log-path tables as data).
 */
import type { ComponentInfo } from '../model.ts';

/** One rule of `resources/components.json`. */
export interface ComponentRule {
  id: string;
  description: string;
  /** Regex on the normalised path, with named groups `component` and optionally `module`. */
  pattern: string;
  /** Fixed module name; wins over a `module` group. */
  module?: string;
  /** Fixed component name; wins over a `component` group (`sos_commands/logs/journalctl_…` → journal). */
  component?: string;
}

/** The whole `resources/components.json` document. */
export interface ComponentTable {
  description: string;
  rules: ComponentRule[];
  /** Paths with the module and component they must map to (checked by a test). */
  samples: { path: string; module: string; component: string }[];
}

const COMPRESSION = /\.(?:gz|bz2|xz|zst|z)$/i;
const ROTATION_RULES: RegExp[] = [
  // porter-api.log.1, nova-api.log.1.2017-05-16_13:53:08, app.log.2025-09-18
  /(\.log)\.\d[^/]*$/i,
  // app.log-20250918
  /(\.log)-\d{6,}[^/]*$/i,
  // DSAgent-2025-09-18.log, app_20250918.log, app-2025-09-18T10-00-00.log
  /[-_.]\d{4}-?\d{2}-?\d{2}(?:[T_-]?\d{2}[-:]?\d{2}(?:[-:]?\d{2})?)?(\.log)$/i,
  // app.1.log
  /\.\d+(\.log)$/i,
];

/** Removes compression and rotation suffixes from a file name (`porter-api.log.1.gz` → `porter-api.log`). */
export function stripRotation(name: string): string {
  let base = name.replace(COMPRESSION, '');
  for (const rule of ROTATION_RULES) {
    if (rule.test(base)) {
      base = base.replace(rule, '$1');
      break;
    }
  }
  return base;
}

/** POSIX separators, nested-archive markers as folders, rotation suffix removed from the last part. */
export function normalizeBundlePath(path: string): string {
  const parts = path
    .replace(/\\/g, '/')
    .replace(/!\//g, '/')
    .replace(/^[A-Za-z]:\//, '/')
    .split('/');
  parts[parts.length - 1] = stripRotation(parts[parts.length - 1]);
  return parts.filter((p, i) => p !== '' || i === 0).join('/');
}

/** A compiled component table. */
export interface ComponentClassifier {
  classify(path: string): ComponentInfo;
}

/** Compiles the table; returns an error naming the bad rule instead of throwing. */
export function compileComponentTable(
  table: ComponentTable,
): { ok: true; classifier: ComponentClassifier } | { ok: false; error: string } {
  const compiled: { rule: ComponentRule; regex: RegExp }[] = [];
  for (const rule of table.rules) {
    try {
      compiled.push({ rule, regex: new RegExp(rule.pattern) });
    } catch (error) {
      return { ok: false, error: `components.json rule ${rule.id}: bad pattern: ${(error as Error).message}` };
    }
  }
  return {
    ok: true,
    classifier: {
      classify(path) {
        const normalized = normalizeBundlePath(path);
        for (const { rule, regex } of compiled) {
          const m = regex.exec(normalized);
          const component = m ? (rule.component ?? m.groups?.component) : undefined;
          if (!m || !component) continue;
          return { module: rule.module ?? m.groups?.module ?? 'unknown', component, rule: rule.id };
        }
        const parts = normalized.split('/').filter(Boolean);
        const base = parts[parts.length - 1] ?? normalized;
        const component = base.replace(/\.[A-Za-z0-9]{1,5}$/, '') || base;
        const parent = parts.length > 1 ? parts[parts.length - 2] : 'unknown';
        return { module: parent.replace(/\.(?:zip|tar|tgz|gz)$/i, ''), component, rule: 'fallback' };
      },
    },
  };
}
