/**
 * Decides, from the first lines of a file, what the file is (log, goroutine dump, pods table,
 * version JSON…) and, for logs, which format fits it best.
 */
import type { FileKind } from '../model.ts';
import type { CompiledFormat } from './compileFormat.ts';
import { stripAnsi } from './eventAssembler.ts';
import { composeFormat, isComposeOutput, withoutPrefix } from './composePrefix.ts';
import { hasW3cFields, w3cFieldsFormat } from './w3cFields.ts';
import { parseShortVersion } from '../artifacts/versionInfo.ts';

/** How many leading non-empty lines are looked at. */
export const DETECT_SAMPLE_LINES = 64;

/** The outcome of detection for one file. */
export interface Detection {
  kind: FileKind;
  format: CompiledFormat | null;
  /** Head lines of the chosen format among the sampled lines. */
  matched: number;
  sampled: number;
}

const GOROUTINE =
  /^(?:[a-z]+ profile: total \d+|goroutine \d+ (?:gp=0x[0-9a-f]+ m=\S+(?: mp=0x[0-9a-f]+)? )?\[[^\]]*\]:|panic: |fatal error: |SIGQUIT: quit)/;
const KUBECTL_HEADER = /^(?:NAMESPACE\s{2,})?NAME\s{2,}READY\s{2,}STATUS\s{2,}RESTARTS\s{2,}AGE\b/;
// `{` or `[` alone, or followed by what a JSON value can start with: a key, an object, an array, or the end.
const JSON_START = /^[{[]\s*(?:$|[{["\]}])/;
const CONFIG_EXTENSION = /\.(?:conf|cfg|ini|ya?ml|toml|properties|xml|env|service|repo)$/i;
const STATS_KEYS =
  /"(?:stats|db_stats|worker_stats|workers|open_connections|max_open_connections|in_use|idle|wait_count|active_worker_cnt|queue_cnt|max_worker_cnt|hit_count|request_count|total_count|avg_duration|paths)"/;

function countMatches(format: CompiledFormat, lines: readonly string[]): number {
  let n = 0;
  // A record format's other lines (wevtutil's `  Source: …`, java.util.logging's `INFO: …`) count
  // too, once a head line is there: a record of fifteen lines has one head.
  let others = 0;
  const record = format.record;
  for (const line of lines) {
    if (format.parse(line) !== null) n++;
    else if (record !== null && record.regex.test(line)) others++;
  }
  return n > 0 ? n + others : 0;
}

/** Whether a lone JSON object line is a log record: some JSON format reads a time from it. */
function isLogRecord(line: string, formats: readonly CompiledFormat[]): boolean {
  return formats.some((format) => format.spec.json !== undefined && format.parse(line)?.time != null);
}

/**
 * Picks the most specific format that fits the sampled lines. A specific format wins when it
 * parses at least half as many head lines as the generic fallback (continuation lines such as
 * tracebacks or an embedded goroutine dump do not match any format, so counts, not ratios,
 * are compared); the fallback is used only when no specific format comes close.
 */
export function pickFormat(
  lines: readonly string[],
  formats: readonly CompiledFormat[],
): { format: CompiledFormat | null; matched: number } {
  let best: { format: CompiledFormat; matched: number } | null = null;
  let fallback: { format: CompiledFormat; matched: number } | null = null;
  for (const format of formats) {
    const matched = countMatches(format, lines);
    if (matched === 0) continue;
    if (format.spec.fallback) {
      if (!fallback || matched > fallback.matched) fallback = { format, matched };
      continue;
    }
    if (
      !best ||
      matched > best.matched ||
      (matched === best.matched && format.spec.specificity > best.format.spec.specificity)
    ) {
      best = { format, matched };
    }
  }
  if (best && (!fallback || best.matched * 2 >= fallback.matched)) return best;
  if (fallback) return fallback;
  return { format: null, matched: 0 };
}

/** Classifies a file from its path and its first lines (decoded, any line endings removed). */
export function detectFile(path: string, firstLines: readonly string[], formats: readonly CompiledFormat[]): Detection {
  const lines: string[] = [];
  for (const raw of firstLines) {
    const line = stripAnsi(raw);
    if (line.trim() !== '') lines.push(line);
    if (lines.length >= DETECT_SAMPLE_LINES) break;
  }
  const sampled = lines.length;
  const first = lines[0] ?? '';
  if (GOROUTINE.test(first)) return { kind: 'goroutine-dump', format: null, matched: 0, sampled };
  if (KUBECTL_HEADER.test(first)) return { kind: 'pods-table', format: null, matched: 0, sampled };

  const trimmed = first.trimStart();
  // A Cloudpods `/version` answer saved as it came: one line, `release/3.10(3f9d2c1ab25061208)`.
  if (lines.filter((line) => line.trim() !== '').length === 1 && parseShortVersion(first))
    return { kind: 'version-json', format: null, matched: 0, sampled };
  // A JSON document (pretty-printed or a single object that is the whole file), not JSON lines.
  // Only a real JSON start counts: '[info 220331 …' (Cloudpods) and '[2025-09-18 …] …' start logs.
  if (JSON_START.test(trimmed)) {
    const joined = lines.join('\n');
    // JSON lines: the first line is a whole object and so are most others (a Go panic or a
    // Python traceback printed into the same file does not make it a JSON document).
    const isObject = (l: string) => l.trimStart().startsWith('{') && l.trimEnd().endsWith('}');
    // A file of one object line is JSON lines too (a log rotated after its first record) unless
    // it is a version or stats document, which the checks below still recognise.
    const oneRecord = lines.length === 1 && isObject(first) && isLogRecord(first, formats);
    const isJsonLines =
      oneRecord || (lines.length > 1 && isObject(first) && lines.filter(isObject).length * 2 > lines.length);
    if (!isJsonLines) {
      if (
        /"gitVersion"\s*:/.test(joined) ||
        (/"version"\s*:\s*"v?\d/.test(joined) && /"(?:buildDate|goVersion|gitCommit)"/.test(joined))
      ) {
        return { kind: 'version-json', format: null, matched: 0, sampled };
      }
      if (STATS_KEYS.test(joined)) return { kind: 'stats-json', format: null, matched: 0, sampled };
      return { kind: 'json', format: null, matched: 0, sampled };
    }
  }
  // A W3C log is read by its own `#Fields:` directive when that reads at least half its records.
  const w3c = formats.find((candidate) => candidate.id === 'iis-w3c');
  if (w3c && hasW3cFields(lines)) {
    const matched = countMatches(w3cFieldsFormat(w3c), lines);
    if (matched > 0 && matched * 2 >= lines.filter((line) => !line.startsWith('#')).length)
      return { kind: 'log', format: w3cFieldsFormat(w3c), matched, sampled };
  }
  // docker compose output: the format behind the service prefix, when one reads most lines.
  const compose = formats.find((candidate) => candidate.id === 'docker-compose');
  if (compose && isComposeOutput(lines)) {
    // Services write in different formats, so the one that reads the most lines wins, the
    // generic fallback included.
    const stripped = withoutPrefix(lines);
    let inner: { format: CompiledFormat | null; matched: number } = { format: null, matched: 0 };
    for (const candidate of formats) {
      if (candidate === compose) continue;
      const matched = countMatches(candidate, stripped);
      const better =
        matched > inner.matched ||
        (matched === inner.matched && inner.format && candidate.spec.specificity > inner.format.spec.specificity);
      if (matched > 0 && better) inner = { format: candidate, matched };
    }
    if (inner.format && inner.matched * 2 >= lines.length)
      return { kind: 'log', format: composeFormat(compose, inner.format), matched: inner.matched, sampled };
    return { kind: 'log', format: compose, matched: countMatches(compose, lines), sampled };
  }
  const { format, matched } = pickFormat(lines, formats);
  // One head followed by its continuation lines (a single traceback) is a log as well.
  const firstIsTimedHead = format !== null && matched === 1 && format.parse(first)?.time != null;
  // Comment and directive lines (`#Fields:` of W3C logs) say nothing against a log.
  const comments = lines.filter((line) => line.startsWith('#')).length;
  if (format && (matched >= 2 || matched === sampled - comments || firstIsTimedHead)) {
    // A config file may contain a date; it is still a config file unless most lines are log lines.
    if (CONFIG_EXTENSION.test(path) && matched * 2 < sampled)
      return { kind: 'config', format: null, matched: 0, sampled };
    return { kind: 'log', format, matched, sampled };
  }
  if (CONFIG_EXTENSION.test(path)) return { kind: 'config', format: null, matched: 0, sampled };
  return { kind: 'text', format: null, matched: 0, sampled };
}
