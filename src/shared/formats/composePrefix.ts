/**
 * docker compose output: `web-1  | <the container's line>`. The prefix names the service and hides
 * the line's own format, so detection looks behind it: when the lines without their prefixes are
 * in a known format, that format reads them and the service is added as a field; otherwise the
 * `docker-compose` format alone reads them (service and message, a level word if any).
 */
import type { CompiledFormat, ParsedLine } from './compileFormat.ts';

// Compose v2 writes the name, at least two spaces and `| `; one space (`porter-api | 2025-…`) is a
// home-grown pipe-separated log, not compose.
const PREFIX = /^([A-Za-z0-9][\w.-]*) {2,}\| ?/;

/** Whether nearly every line carries a compose service prefix. */
export function isComposeOutput(lines: readonly string[]): boolean {
  if (lines.length === 0) return false;
  const prefixed = lines.filter((line) => PREFIX.test(line)).length;
  return prefixed * 10 >= lines.length * 9;
}

/** The lines without their service prefixes (lines without one are kept as they are). */
export function withoutPrefix(lines: readonly string[]): string[] {
  return lines.map((line) => line.replace(PREFIX, ''));
}

/** The compose format reading through `inner` (the format of the lines behind the prefix). */
export function composeFormat(compose: CompiledFormat, inner: CompiledFormat): CompiledFormat {
  const read = (line: string, parse: (text: string) => ParsedLine | null): ParsedLine | null => {
    const prefix = PREFIX.exec(line);
    if (!prefix) return null;
    const parsed = parse(line.slice(prefix[0].length));
    // A prefixed line the inner format does not read continues the record above (a traceback).
    if (!parsed) return null;
    return { ...parsed, fields: { ...parsed.fields, service: prefix[1]! } };
  };
  return {
    spec: compose.spec,
    id: compose.id,
    parse: (line) => read(line, inner.parse),
    parseHead: (line) => read(line, inner.parseHead),
    continues: (parsed, previous) => inner.continues(parsed, previous),
    // Records behind a prefix are not read: their later lines carry the prefix too.
    record: null,
  };
}
