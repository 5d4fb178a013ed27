/**
 * Reads `kubectl get pods` tables (also `-A`/`--all-namespaces` with a NAMESPACE column and
 * `-o wide` with IP/NODE/… columns after AGE), as saved to a file or pasted in a shell transcript.
 */
import type { ArtifactSource, PodRow, PodsTable } from './artifactModel.ts';

const REQUIRED_COLUMNS = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];
const READY = /^(\d+)\/(\d+)$/;
const COUNT = /^\d+$/;
// `10h`, `34d`, `2m14s`, `3y120d`; kubectl prints `<unknown>`/`<invalid>` for missing times.
const AGE = /^(?:(?:\d+[smhdy])+|<\w+>)$/;
const HEALTHY_STATUSES = new Set(['Running', 'Completed', 'Succeeded']);
// A rolling update's normal states: a pod being deleted, or one starting for a short while.
const STARTING = /^(?:Pending|ContainerCreating|PodInitializing|Init:\d+\/\d+)$/;
/** A pod starting for longer than this is stuck (the image pull or the scheduling failed). */
export const STARTING_GRACE_S = 600;
const UNIT_S: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, y: 31_536_000 };

/** `2m14s` → 134; null for `<unknown>`. */
export function ageSeconds(age: string): number | null {
  if (!/^(?:\d+[smhdy])+$/.test(age)) return null;
  let total = 0;
  for (const [, n, unit] of age.matchAll(/(\d+)([smhdy])/g)) total += Number(n) * UNIT_S[unit];
  return total;
}

/**
 * Whether a pod's status is a problem: not Running or done, unless it is terminating (a rollout
 * deletes the old pods) or starting for less than {@link STARTING_GRACE_S}.
 */
export function podNotRunning(pod: Pick<PodRow, 'status' | 'age'>): boolean {
  if (HEALTHY_STATUSES.has(pod.status) || pod.status === 'Terminating') return false;
  if (STARTING.test(pod.status)) {
    const age = ageSeconds(pod.age);
    return age === null || age >= STARTING_GRACE_S;
  }
  return true;
}

/** Whether `line` is a `kubectl get pods` header: `[NAMESPACE] NAME READY STATUS RESTARTS AGE […]`, columns 2+ spaces apart. */
export function isPodsTableHeader(line: string): boolean {
  return headerColumns(line) !== null;
}

interface Column {
  name: string;
  start: number;
}

function headerColumns(line: string): Column[] | null {
  const text = line.trimEnd();
  if (!text.includes('RESTARTS')) return null;
  const columns: Column[] = [];
  const cell = /\S+(?: \S+)*/g;
  for (let match = cell.exec(text); match !== null; match = cell.exec(text))
    columns.push({ name: match[0], start: match.index });
  const names = columns.map((column) => column.name);
  const offset = names[0] === 'NAMESPACE' ? 1 : 0;
  const fits = REQUIRED_COLUMNS.every((name, index) => names[offset + index] === name);
  return fits ? columns : null;
}

/** A row read field by field: `[namespace] name ready status restarts [(3m ago)] age […]`. */
function rowFromTokens(line: string, hasNamespace: boolean): Omit<PodRow, 'line'> | null {
  const tokens = line.trim().split(/\s+/);
  let index = 0;
  const namespace = hasNamespace ? (tokens[index++] ?? null) : null;
  const name = tokens[index++];
  const ready = READY.exec(tokens[index++] ?? '');
  const status = tokens[index++];
  const restarts = tokens[index++] ?? '';
  if (!name || !ready || !status || !COUNT.test(restarts)) return null;
  // Newer kubectl: `5 (3m ago)` after the count.
  if (tokens[index]?.startsWith('(')) {
    while (index < tokens.length && !tokens[index].endsWith(')')) index++;
    index++;
  }
  const age = tokens[index] ?? '';
  if (!AGE.test(age)) return null;
  return {
    namespace,
    name,
    ready: Number(ready[1]),
    containers: Number(ready[2]),
    status,
    restarts: Number(restarts),
    age,
  };
}

/** A row cut at the header's column positions, for cells the token reading cannot tell apart. */
function rowFromColumns(line: string, columns: readonly Column[]): Omit<PodRow, 'line'> | null {
  const cells = new Map<string, string>();
  columns.forEach((column, index) => {
    const end = columns[index + 1]?.start ?? line.length;
    cells.set(column.name, line.slice(column.start, end).trim());
  });
  // A cell must start where its header does: a shifted row is not a row of this table.
  for (const column of columns.slice(1)) {
    const before = line[column.start - 1];
    if (column.start < line.length && before !== undefined && before !== ' ' && before !== '\t') return null;
  }
  const ready = READY.exec(cells.get('READY') ?? '');
  const restarts = /^(\d+)(?:\s*\([^)]*\))?$/.exec(cells.get('RESTARTS') ?? '');
  const name = cells.get('NAME') ?? '';
  const status = cells.get('STATUS') ?? '';
  const age = cells.get('AGE') ?? '';
  if (name === '' || /\s/.test(name) || !ready || status === '' || !restarts || !AGE.test(age)) return null;
  const namespace = cells.has('NAMESPACE') ? (cells.get('NAMESPACE') ?? null) : null;
  return {
    namespace,
    name,
    ready: Number(ready[1]),
    containers: Number(ready[2]),
    status,
    restarts: Number(restarts[1]),
    age,
  };
}

/**
 * Parses the `kubectl get pods` table whose header is `lines[start]` (`source` is where that line
 * is), up to the first line that is not a row: a blank line, a shell prompt, a log line. Returns
 * null when `lines[start]` is not a header or no row follows; never throws.
 */
export function parsePodsTable(lines: readonly string[], start: number, source: ArtifactSource): PodsTable | null {
  const header = lines[start];
  if (typeof header !== 'string') return null;
  const columns = headerColumns(header);
  if (!columns) return null;
  const hasNamespace = columns[0].name === 'NAMESPACE';
  const pods: PodRow[] = [];
  for (let index = start + 1; index < lines.length; index++) {
    const line = lines[index];
    if (line.trim() === '') break;
    const row = rowFromTokens(line, hasNamespace) ?? rowFromColumns(line, columns);
    if (!row) break;
    pods.push({ ...row, line: source.line + (index - start) });
  }
  if (pods.length === 0) return null;
  return {
    source: { ...source },
    pods,
    notRunning: pods.filter(podNotRunning),
    notReady: pods.filter((pod) => pod.status === 'Running' && pod.ready < pod.containers),
    lastLine: pods[pods.length - 1].line,
  };
}
