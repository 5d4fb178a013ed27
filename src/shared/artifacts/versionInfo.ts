/**
 * Reads which version of a service a bundle shows: the JSON that Kubernetes-style Go binaries
 * print for `-v`/`version` (Cloudpods `region -v`, `/version`), whether a whole file or
 * pretty-printed inside a log or a shell transcript, and product versions in package names.
 */
import type { ArtifactSource, VersionInfo } from './artifactModel.ts';

type VersionFields = Pick<
  VersionInfo,
  'gitVersion' | 'gitBranch' | 'gitCommit' | 'buildDate' | 'goVersion' | 'platform'
>;

const FIELD_NAMES = ['gitVersion', 'gitBranch', 'gitCommit', 'buildDate', 'goVersion', 'platform'] as const;
const VERSION_NUMBER = /^v?\d+\.\d+/;
const KEY_VALUE = /"(\w+)"\s*:\s*"([^"\\]*(?:\\.[^"\\]*)*)"/g;
const PAIR_LINE = /^\s*"\w+"\s*:/;
const BLOCK_LOOK_BACK = 12;
const BLOCK_LOOK_AHEAD = 40;

function fieldsFrom(read: (key: string) => string | null): VersionFields | null {
  const fields: VersionFields = {
    gitVersion: null,
    gitBranch: null,
    gitCommit: null,
    buildDate: null,
    goVersion: null,
    platform: null,
  };
  for (const name of FIELD_NAMES) fields[name] = read(name);
  const plainVersion = read('version');
  // `version` alone is a common key in any JSON (`"version": 2` of a config), so it only counts
  // when it looks like a release number.
  if (fields.gitVersion === null && plainVersion !== null && VERSION_NUMBER.test(plainVersion))
    fields.gitVersion = plainVersion;
  const buildFacts = [fields.gitCommit, fields.buildDate, fields.goVersion].filter((value) => value !== null).length;
  return fields.gitVersion !== null || buildFacts >= 2 ? fields : null;
}

function stringField(record: Record<string, unknown>, key: string): string | null {
  const value = record[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function fieldsFromPairs(text: string): VersionFields | null {
  const pairs = new Map<string, string>();
  for (const match of text.matchAll(KEY_VALUE))
    if (!pairs.has(match[1]) && match[2].trim() !== '') pairs.set(match[1], match[2].trim());
  return fieldsFrom((key) => pairs.get(key) ?? null);
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * Reads version JSON (`{"gitVersion": "v3.8.8-20220330.0", "gitBranch", "gitCommit", "buildDate",
 * "goVersion", "platform", …}`, or `{"version": "v3.8.8", "buildDate", "goVersion", "gitCommit"}`).
 * Text that is not valid JSON is read as `"key": "value"` pairs. Null when nothing version-like.
 */
export function parseVersionJson(text: string, source: ArtifactSource, service: string | null): VersionInfo | null {
  const body = text.replace(/^\uFEFF/, '').trim();
  const record = parseObject(body);
  const fields = record
    ? fieldsFrom((key) => stringField(record, key))
    : (parseShortVersion(body) ?? fieldsFromPairs(body));
  return fields ? { source: { ...source }, service, ...fields, from: 'output' } : null;
}

// `<gitBranch>(<gitCommit>[<yyMMddHH>])`, optionally as a JSON string: what a Cloudpods
// service's GET /version answers (yunion.io/x/pkg/util/version GetShortString), e.g.
// `release/3.10(3f9d2c1ab25061208)`. The commit is taken as short as it can be, so that a
// trailing 8-digit build date is read as the date.
const SHORT_VERSION = /^"?([A-Za-z][\w./-]*)\(([0-9a-f]{7,40}?)(\d{8})?\)"?$/;

/** Reads a one-line `/version` answer (`release/3.10(3f9d2c1ab25061208)`); null when it is not one. */
export function parseShortVersion(text: string): VersionFields | null {
  const match = SHORT_VERSION.exec(text.trim());
  if (!match) return null;
  const [, branch, commit, date] = match;
  return {
    gitVersion: null,
    gitBranch: branch,
    gitCommit: commit,
    buildDate: date ? `20${date.slice(0, 2)}-${date.slice(2, 4)}-${date.slice(4, 6)} ${date.slice(6, 8)}:00` : null,
    goVersion: null,
    platform: null,
  };
}

/** The binary of a `$ /opt/yunion/bin/region -v` command line, or null. */
function commandService(line: string): string | null {
  const text = line.trim();
  const prompted = /(?:^|[\]\s])[$#]\s+(.+)$/.exec(text);
  const binary = /(\S+)\s+(?:-v|--version|-version|version)\s*$/.exec(prompted ? prompted[1] : text);
  // Without a prompt only a path (`kubectl exec … -- /opt/yunion/bin/region -v`) says it is a
  // command rather than a log message ending in "version".
  if (!binary || (!prompted && !binary[1].includes('/'))) return null;
  const name = binary[1].split('/').pop() ?? '';
  return /^[A-Za-z][\w.-]*$/.test(name) ? name : null;
}

/**
 * Reads version JSON pretty-printed inside a log or transcript. `lines[start]` holds `"gitVersion"`
 * and `source` is where that line is; the opening `{` is looked for up to 12 lines back and the
 * closing `}` ahead. A block that is not valid JSON is read pair by pair. When the line before the
 * block is a command such as `$ /opt/yunion/bin/region -v`, its binary is the service unless
 * `service` is given. Returns the info (its source is the `{` line) and the block's last line.
 */
export function findVersionBlock(
  lines: readonly string[],
  start: number,
  source: ArtifactSource,
  service: string | null,
): { info: VersionInfo; lastLine: number } | null {
  if (typeof lines[start] !== 'string' || !lines[start].includes('"gitVersion"')) return null;
  let open = -1;
  for (let index = start; index >= 0 && index >= start - BLOCK_LOOK_BACK; index--) {
    const line = lines[index];
    if (index < start && line.includes('}')) break;
    if (line.includes('{')) {
      open = index;
      break;
    }
  }
  let close = -1;
  let lastPair = start;
  for (let index = start; index < lines.length && index <= start + BLOCK_LOOK_AHEAD; index++) {
    if (lines[index].includes('}')) {
      close = index;
      break;
    }
    if (index === start || (index === lastPair + 1 && PAIR_LINE.test(lines[index]))) lastPair = index;
  }
  const first = open >= 0 ? open : start;
  // A block cut short (no `}`) ends with its last `"key": …` line.
  const last = close >= 0 ? close : lastPair;
  const blockLines = lines.slice(first, last + 1);
  const joined = blockLines.join('\n');
  const braced = open >= 0 && close >= 0 ? joined.slice(joined.indexOf('{'), joined.lastIndexOf('}') + 1) : '';
  const record = braced === '' ? null : parseObject(braced);
  const fields = record ? fieldsFrom((key) => stringField(record, key)) : fieldsFromPairs(joined);
  if (!fields) return null;
  const openLine = lines[first];
  const command =
    commandService(openLine.slice(0, Math.max(0, openLine.indexOf('{')))) ??
    (first > 0 ? commandService(lines[first - 1]) : null);
  const blockSource = { path: source.path, line: source.line - (start - first) };
  return {
    info: { source: blockSource, service: service ?? command, ...fields, from: 'output' },
    lastLine: source.line + (last - start),
  };
}

// Package files whose names carry a product version; a plain `.gz` is left out on purpose, as it
// is how rotated logs are compressed (`vm-web01.log.3.gz`).
const PACKAGE_EXTENSION =
  /\.(?:tar\.gz|tar\.xz|tar\.bz2|tar\.zst|tgz|tar|zip|rpm|deb|exe|msi|jar|war|whl|iso|run|bin|dmg|pkg|apk)$/i;
const ARCHITECTURE = /[._-](?:x86_64|amd64|aarch64|arm64|noarch|i[3-6]86|win64|win32|linux|windows)$/i;
const NAME_AND_VERSION = /^([A-Za-z][\w+.-]*?)[-_](v?\d+(?:\.\d+){1,3}(?:[-_.+~][0-9A-Za-z]+)*)$/;
const DATE_LIKE = /^v?(?:19|20)\d{2}[.-]\d{1,2}[.-]\d{1,2}/;
const IP_LIKE = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * A product version in a package file name: `porter-3.2.1.tar.gz`, `hamal_v4.6.0-20250918.rpm`,
 * `DiskSync-Agent-5.1.2.exe`, `onepro-installer-v4.6.0.tar` → service `porter`, `hamal`,
 * `DiskSync-Agent`, `onepro-installer` with the version as `gitVersion` and `from: 'file-name'`.
 * Only package extensions count, so rotated logs (`porter-api.log.1`, `app.log.2025-09-18`,
 * `vm-web01.log.3.gz`), dates and IP addresses in names are not versions. A name has no line:
 * `source.line` is 0.
 */
export function versionFromFileName(path: string): VersionInfo | null {
  const name = path.split(/[/\\!]/).pop() ?? '';
  if (!PACKAGE_EXTENSION.test(name) || /\.log\b/i.test(name)) return null;
  const stem = name.replace(PACKAGE_EXTENSION, '').replace(ARCHITECTURE, '');
  const match = NAME_AND_VERSION.exec(stem);
  if (!match) return null;
  const [, service, version] = match;
  if (DATE_LIKE.test(version) || IP_LIKE.test(version)) return null;
  return {
    source: { path, line: 0 },
    service,
    gitVersion: version,
    gitBranch: null,
    gitCommit: null,
    buildDate: null,
    goVersion: null,
    platform: null,
    from: 'file-name',
  };
}
