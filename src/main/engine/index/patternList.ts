/**
 * The Patterns view's list: every message template of the case with its level mix and a
 * sparkline over the case span (src/shared/patterns/patternViews.ts).
 */
import { LEVELS } from '../../../shared/model.ts';
import {
  SPARK_BUCKETS,
  templateQuery,
  type PatternList,
  type PatternSummary,
} from '../../../shared/patterns/patternViews.ts';
import type { CaseIndex } from './caseIndex.ts';
import { timeSpan } from './timelineStats.ts';

/** The templates, most warnings and errors first, then the most frequent, at most `limit`. */
export function patternList(index: CaseIndex, limit = 500): PatternList {
  const n = index.patterns.length;
  const warnings = new Uint32Array(n);
  const sparks = new Uint32Array(n * SPARK_BUCKETS);
  const span = timeSpan(index);
  const from = span?.from ?? 0;
  const width = span ? Math.max(1, span.to - from) : 1;
  const warning = LEVELS.indexOf('warning');
  const { time, level } = index.events;
  for (let e = 0; e < index.size; e++) {
    const t = index.templateOf[e];
    if (level[e] === warning) warnings[t]++;
    const at = time[e];
    if (span && !Number.isNaN(at)) {
      const bucket = Math.min(SPARK_BUCKETS - 1, Math.floor(((at - from) / width) * SPARK_BUCKETS));
      sparks[t * SPARK_BUCKETS + bucket]++;
    }
  }
  const all: PatternSummary[] = index.patterns
    .filter((p) => p.count > 0)
    .map((p) => ({
      id: p.id,
      text: p.text,
      count: p.count,
      firstTime: p.firstTime,
      lastTime: p.lastTime,
      errors: p.errors,
      warnings: warnings[p.id],
      sparkline: Array.from(sparks.subarray(p.id * SPARK_BUCKETS, (p.id + 1) * SPARK_BUCKETS)),
      query: templateQuery(p.id),
    }));
  all.sort((a, b) => b.errors + b.warnings - (a.errors + a.warnings) || b.count - a.count || a.id - b.id);
  return {
    patterns: all.slice(0, limit),
    total: all.length,
    from: span ? span.from : null,
    to: span ? span.to : null,
  };
}
