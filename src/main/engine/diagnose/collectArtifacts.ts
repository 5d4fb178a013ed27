/**
 * Reads the artifacts of a case from its index: whole files the detector classified as a
 * goroutine dump, pods table, version or stats JSON; blocks embedded in logs (found with the
 * index, then read from the text store); and product versions written in file names.
 */
import { isDocumentPath } from '../../../shared/components/documents.ts';
import { emptyArtifacts, type CaseArtifacts } from '../../../shared/artifacts/artifactModel.ts';
import { readArtifactBlocks, readArtifactJson } from '../../../shared/artifacts/readArtifacts.ts';
import { versionFromFileName } from '../../../shared/artifacts/versionInfo.ts';
import type { Inventory } from '../../../shared/api.ts';
import { parseQuery } from '../../../shared/search/queryLanguage.ts';
import type { CaseIndex } from '../index/caseIndex.ts';
import { matchingEvents } from '../index/searchIndex.ts';

/** Lines read from one file at most (a dump of 100k goroutines is still read whole). */
const MAX_ARTIFACT_LINES = 2_000_000;
/** Lines read before a candidate event (a version block's `{` and the command above it). */
const LOOK_BACK_LINES = 12;
/** Lines read first after a candidate event (its own lines plus these). */
const FIRST_READ_LINES = 4_000;
/** Lines read after an embedded block's first line. */
const MAX_BLOCK_LINES = 200_000;

const WHOLE_FILE_KINDS = new Set(['goroutine-dump', 'pods-table', 'version-json', 'stats-json']);
// `goroutine N [` and Go ≥ 1.23's `goroutine N gp=… m=… mp=… [`; the word narrows it by the index.
export const EMBEDDED_QUERY =
  '"goroutine profile" OR (goroutine /goroutine \\d+ (?:[a-z]+=\\S+ )*\\[/) OR (NAME READY STATUS RESTARTS) OR gitVersion';
const EMBEDDED = parseQuery(EMBEDDED_QUERY);

/** Everything the artifact readers find in the case. */
export function collectArtifacts(index: CaseIndex, inventory: Inventory, signal?: AbortSignal): CaseArtifacts {
  const artifacts = emptyArtifacts();
  for (const file of index.files) {
    if (!WHOLE_FILE_KINDS.has(file.record.kind) || file.store < 0 || isDocumentPath(file.record.path)) continue;
    const lines = index.store.readLines(file.store, 1, Math.min(file.record.lines, MAX_ARTIFACT_LINES));
    const source = { path: file.record.path, line: 1 };
    // `region-version.json` is the region's version.
    const service = file.record.component.replace(/[-_.]?version$/i, '') || file.record.component;
    if (file.record.kind === 'version-json' || file.record.kind === 'stats-json') {
      if (readArtifactJson(lines.join('\n'), source, service, artifacts)) continue;
    }
    readArtifactBlocks(lines, source, service, artifacts);
  }

  if (!EMBEDDED.ok) throw new Error(`collectArtifacts: ${EMBEDDED.error.message}`);
  // Per file, the last line already read into a block: later candidates inside it are skipped.
  const covered = new Map<number, number>();
  (index.standingHits(EMBEDDED_QUERY) ?? matchingEvents(index, EMBEDDED.query, { signal }).events).forEach((event) => {
    const fileId = index.events.file[event];
    const file = index.files[fileId];
    // A document quoting a dump is not the case's dump.
    if (WHOLE_FILE_KINDS.has(file.record.kind) || file.store < 0 || isDocumentPath(file.record.path)) return;
    const line = index.events.line[event];
    const done = covered.get(fileId) ?? 0;
    if (line <= done) return;
    // A version block is found by its "gitVersion" line; its `{` and the `$ … -v` command that
    // names the service are a few lines above.
    const first = Math.max(done + 1, line - LOOK_BACK_LINES);
    const available = file.record.lines - first + 1;
    // Most candidates are one line that mentions a goroutine; read a little, and more only when
    // a block runs to the end of what was read.
    const read = (count: number) => {
      const found = emptyArtifacts();
      const lines = index.store.readLines(file.store, first, Math.min(count, available));
      return {
        found,
        last: readArtifactBlocks(lines, { path: file.record.path, line: first }, null, found),
        end: first + lines.length - 1,
      };
    };
    let attempt = read(line - first + index.events.lineCount[event] + FIRST_READ_LINES);
    if (attempt.last >= attempt.end && attempt.end < first + available - 1) attempt = read(MAX_BLOCK_LINES);
    artifacts.goroutines.push(...attempt.found.goroutines);
    artifacts.pods.push(...attempt.found.pods);
    artifacts.versions.push(
      ...attempt.found.versions.map((v) => ({ ...v, service: v.service ?? file.record.component })),
    );
    const last = attempt.last;
    covered.set(fileId, Math.max(last, line + index.events.lineCount[event] - 1));
  });

  const seen = new Set<string>();
  for (const path of [...inventory.files.map((f) => f.path), ...inventory.skipped.map((s) => s.path)]) {
    const info = versionFromFileName(path);
    const key = info && `${info.service}@${info.gitVersion}`;
    if (!info || !key || seen.has(key)) continue;
    seen.add(key);
    artifacts.versions.push(info);
  }
  return artifacts;
}
