/**
 * Finds artifacts in text: whole files (a dump, a pods table, a version or stats JSON) and
 * blocks embedded in logs (a goroutine dump after SIGUSR1, a `kubectl get pods` table or a
 * `-v` version block pasted into a shell transcript).
 */
import type { ArtifactSource, CaseArtifacts } from './artifactModel.ts';
import { findGoroutineDumpStart, parseGoroutineDump } from './goroutineDump.ts';
import { isPodsTableHeader, parsePodsTable } from './podsTable.ts';
import { parseServiceStats } from './serviceStats.ts';
import { findVersionBlock, parseVersionJson } from './versionInfo.ts';

/**
 * Reads every block in `lines` into `into`. `source` is where `lines[0]` is. Returns the last
 * line (1-based, in the file) that belonged to a block, or 0 when none was found.
 */
export function readArtifactBlocks(
  lines: readonly string[],
  source: ArtifactSource,
  service: string | null,
  into: CaseArtifacts,
): number {
  let last = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const at = { path: source.path, line: source.line + i };
    let end: number | null = null;
    if (line.includes('goroutine') && findGoroutineDumpStart(line) >= 0) {
      const dump = parseGoroutineDump(lines, i, at);
      if (dump) {
        into.goroutines.push(dump);
        end = dump.lastLine;
      }
    } else if (line.includes('RESTARTS') && isPodsTableHeader(line)) {
      const table = parsePodsTable(lines, i, at);
      if (table) {
        into.pods.push(table);
        end = table.lastLine;
      }
    } else if (line.includes('"gitVersion"')) {
      const found = findVersionBlock(lines, i, at, service);
      if (found) {
        into.versions.push(found.info);
        end = found.lastLine;
      }
    }
    if (end !== null) {
      last = end;
      i = Math.max(i, end - source.line);
    }
  }
  return last;
}

/** Reads a JSON file that is a version answer or a stats answer. Returns whether it was one. */
export function readArtifactJson(
  text: string,
  source: ArtifactSource,
  service: string | null,
  into: CaseArtifacts,
): boolean {
  const version = parseVersionJson(text, source, service);
  if (version) {
    into.versions.push(version);
    return true;
  }
  const stats = parseServiceStats(text, source, service);
  if (stats) {
    into.stats.push(stats);
    return true;
  }
  return false;
}
