/**
 * Tries a format the engineer is defining on one file of an open case: how many of its lines it
 * reads, with a time and a level, the first lines as it reads them and the first it misses.
 * Bounded (at most {@link TRIAL_MAX_LINES} lines, {@link TRIAL_BUDGET_MS}), since it runs as the
 * engineer types. The lines come from the case's text store, not from the bundle.
 */
import type { ApiResult } from '../../../shared/api.ts';
import { compileFormat } from '../../../shared/formats/compileFormat.ts';
import type { FormatSpec } from '../../../shared/formats/formatSpec.ts';
import { formatHazardProblem } from '../../../shared/formats/patternHazard.ts';
import {
  TRIAL_BUDGET_MS,
  TRIAL_MAX_LINES,
  TRIAL_SHOWN_LINES,
  type FormatTrial,
} from '../../../shared/formats/formatTrial.ts';
import { epochMs, type ZoneSpec } from '../../../shared/model.ts';
import { EpochConverter } from '../../../shared/time/epochConverter.ts';
import type { CaseIndex } from '../index/caseIndex.ts';
import { fileLinesPage } from '../index/casePages.ts';

/** Lines read from the text store at a time. */
const CHUNK_LINES = 2000;

/** Tries `spec` on file `file` of `index`, reading zone-less times in `zone`. */
export function tryFormatOn(index: CaseIndex, file: number, spec: FormatSpec, zone: ZoneSpec): ApiResult<FormatTrial> {
  const record = index.files[file]?.record;
  if (!record) return { ok: false, error: `tryFormat: the case has no file ${file}` };
  // The time budget is checked between chunks: one line on a catastrophic regex would never return to it.
  const hazard = formatHazardProblem(spec);
  if (hazard) return { ok: false, error: `tryFormat: ${hazard}` };
  const compiled = compileFormat(spec);
  if (!compiled.ok) return { ok: false, error: `tryFormat: ${compiled.error}` };
  const format = compiled.format;
  const converter = new EpochConverter(epochMs(record.modifiedTime ?? Date.now()));
  const utcZone = spec.time?.zone === 'UTC';
  const trial: FormatTrial = {
    file,
    path: record.path,
    totalLines: record.lines,
    linesTried: 0,
    stopped: null,
    matched: 0,
    timed: 0,
    leveled: 0,
    unmatched: 0,
    parsed: [],
    unmatchedLines: [],
  };
  const started = performance.now();
  const last = Math.min(record.lines, TRIAL_MAX_LINES);
  for (let from = 1; from <= last; from += CHUNK_LINES) {
    if (performance.now() - started > TRIAL_BUDGET_MS) {
      trial.stopped = 'timeBudget';
      break;
    }
    const page = fileLinesPage(index, file, from, Math.min(CHUNK_LINES, last - from + 1));
    if (!page) break;
    page.lines.forEach((text, offset) => {
      const line = page.from + offset;
      trial.linesTried = line;
      if (text.trim() === '') return;
      const parsed = format.parse(text);
      if (!parsed) {
        trial.unmatched++;
        if (trial.unmatchedLines.length < TRIAL_SHOWN_LINES) trial.unmatchedLines.push({ line, text });
        return;
      }
      trial.matched++;
      const time = parsed.time ? converter.epoch(parsed.time, parsed.timeIsUtc || utcZone ? 'UTC' : zone) : null;
      if (time !== null) trial.timed++;
      if (parsed.level !== 'unknown') trial.leveled++;
      if (trial.parsed.length < TRIAL_SHOWN_LINES)
        trial.parsed.push({ line, time, level: parsed.level, message: parsed.message });
    });
  }
  if (trial.stopped === null && last < record.lines) trial.stopped = 'lineLimit';
  return { ok: true, value: trial };
}
