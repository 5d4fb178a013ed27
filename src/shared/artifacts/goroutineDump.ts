/**
 * Reads Go goroutine dumps, standalone or embedded in a log:
 *
 * - the pprof profile (`debug=1`, also what Cloudpods writes on SIGUSR1): `goroutine profile:
 *   total N`, then groups of `N @ 0x… 0x…` followed by `#\t0x…\tfunc+0x…\tfile:line` frames and
 *   optional `# labels: {…}` lines;
 * - the traceback (`debug=2`, `runtime.Stack`, SIGQUIT, panics, GOTRACEBACK=crash): blocks of
 *   `goroutine N [state, M minutes]:` (Go ≥ 1.23 adds `gp=0x… m=…` before the bracket), function
 *   lines `pkg.Func(args)`, tab-indented `file:line +0x…` lines and `created by X in goroutine N`.
 *
 * Only `goroutine` headers start a dump: a crash preamble (`panic: …`, `SIGQUIT: quit`, `PC=…`)
 * says nothing the blocks do not, and treating it as a start would claim ordinary log text.
 */
import type { ArtifactSource, GoroutineDump, GoroutineGroup, GoroutineSuspicion } from './artifactModel.ts';

/** Thresholds for {@link GoroutineDump.suspicious}. */
export interface GoroutineDumpOptions {
  /** Goroutines parked on one frame from which a pile-up is reported (default 10). */
  pileUp?: number;
  /** Wait in minutes from which a group is reported as a long wait (default 10). */
  longWaitMinutes?: number;
}

// Anchored at the line end: a header is always the last thing on its line, which keeps a log
// message that merely mentions "goroutine 5 [running]" in passing from starting a dump.
const TRACEBACK_HEADER = /goroutine (\d+)((?: [\w.]+=\S*)*) \[([^\]]*)\]:\s*$/;
const PROFILE_HEADER = /goroutine profile: total (\d+)\s*$/;
const PROFILE_GROUP = /^(\d+) @(?: 0x[0-9a-fA-F]+)+\s*$/;
const PROFILE_FRAME = /^#\s+0x[0-9a-fA-F]+\s+(\S+)/;
const PROFILE_LABELS = /^# labels:/;
const CREATED_BY = /^created by (\S+)(?: in goroutine (\d+))?\s*$/;
const FILE_POSITION = /:\d+(?:\s|$)/;
const REGISTER = /^[a-z][a-z0-9]{0,6}\s+0x[0-9a-fA-F]+\s*$/;
const CRASH_CONTEXT =
  /^(?:PC=0x[0-9a-fA-F]+(?: \S+)*|\.\.\.additional frames elided\.\.\.|runtime stack:|\[originating from goroutine \d+\]:)\s*$/;
const OFFSET = /\+0x[0-9a-fA-F]+$/;
const MINUTES = /^(\d+) minutes?$/;
// The runtime, and the sync/time primitives every blocked goroutine goes through: the frame that
// says what a pile-up is about is the caller of Mutex.Lock or time.Sleep, not the primitive.
const RUNTIME_PREFIXES = ['runtime.', 'internal/', 'sync.', 'time.Sleep', 'runtime/internal'];

/** Column where a goroutine dump header starts in `line`, or -1 (the header may be glued to text before it). */
export function findGoroutineDumpStart(line: string): number {
  if (!line.includes('goroutine ')) return -1;
  const starts = [TRACEBACK_HEADER.exec(line)?.index ?? -1, PROFILE_HEADER.exec(line)?.index ?? -1].filter(
    (column) => column >= 0,
  );
  return starts.length === 0 ? -1 : Math.min(...starts);
}

/*
 * The function name of a traceback function line (`net/http.(*conn).serve(0xc0000c6320, …)` →
 * `net/http.(*conn).serve`), or null when the line is not one. Written as a scan rather than a
 * regex because a receiver `(*T)` and the argument list are told apart by what follows the
 * closing parenthesis, which a backtracking regex does in quadratic time on hostile lines.
 */
function tracebackFunction(line: string): string | null {
  const text = line.trimEnd();
  if (text === '' || /^\s/.test(text) || !text.endsWith(')')) return null;
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === ' ' || char === '\t') return null;
    if (char !== '(') {
      index++;
      continue;
    }
    const close = matchingParenthesis(text, index);
    if (close < 0) return null;
    if (text[close + 1] === '.') {
      index = close + 1;
      continue;
    }
    return close === text.length - 1 && index > 0 ? text.slice(0, index) : null;
  }
  return null;
}

function matchingParenthesis(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    if (text[index] === '(') depth++;
    else if (text[index] === ')' && --depth === 0) return index;
  }
  return -1;
}

function isFileLine(line: string): boolean {
  return /^\s/.test(line) && (FILE_POSITION.test(line) || line.includes('stack unavailable'));
}

function topFrameOf(frames: readonly string[]): string {
  return frames.find((frame) => !RUNTIME_PREFIXES.some((prefix) => frame.startsWith(prefix))) ?? frames[0] ?? '';
}

/** A goroutine block or profile group before grouping. */
interface RawGroup {
  count: number;
  id: number | null;
  state: string | null;
  waitMinutes: number | null;
  frames: string[];
  createdBy: string | null;
}

interface Scan {
  groups: RawGroup[];
  /** Index of the last line that belonged to the dump. */
  last: number;
}

function scanProfile(lines: readonly string[], start: number): Scan {
  const groups: RawGroup[] = [];
  let last = start;
  let current: RawGroup | null = null;
  for (let index = start + 1; index < lines.length; index++) {
    const line = lines[index];
    if (line.trim() === '') continue;
    const group = PROFILE_GROUP.exec(line);
    if (group) {
      current = { count: Number(group[1]), id: null, state: null, waitMinutes: null, frames: [], createdBy: null };
      groups.push(current);
    } else if (PROFILE_LABELS.test(line)) {
      if (!current) break;
    } else {
      const frame = PROFILE_FRAME.exec(line);
      if (!frame || !current) break;
      current.frames.push(frame[1].replace(OFFSET, ''));
    }
    last = index;
  }
  return { groups, last };
}

function readTracebackHeader(text: string): RawGroup | null {
  const header = TRACEBACK_HEADER.exec(text);
  if (!header) return null;
  const [state, ...details] = header[3].split(',').map((part) => part.trim());
  const minutes = details.map((detail) => MINUTES.exec(detail)).find((match) => match !== null);
  return {
    count: 1,
    id: Number(header[1]),
    state: state === undefined || state === '' ? null : state,
    waitMinutes: minutes ? Number(minutes[1]) : null,
    frames: [],
    createdBy: null,
  };
}

function scanTraceback(lines: readonly string[], start: number, first: RawGroup): Scan {
  const groups: RawGroup[] = [first];
  let last = start;
  // Null after `runtime stack:` so that a system stack's frames are not pinned on a goroutine.
  let current: RawGroup | null = first;
  for (let index = start + 1; index < lines.length; index++) {
    const line = lines[index];
    if (line.trim() === '') continue;
    const header = line.startsWith('goroutine ') ? readTracebackHeader(line) : null;
    const createdBy = header ? null : CREATED_BY.exec(line);
    const frame = header || createdBy ? null : tracebackFunction(line);
    if (header) {
      current = header;
      groups.push(header);
    } else if (createdBy) {
      if (current) current.createdBy = createdBy[1];
    } else if (frame !== null) {
      current?.frames.push(frame);
    } else if (line.trim() === 'runtime stack:') {
      current = null;
    } else if (!isFileLine(line) && !REGISTER.test(line) && !CRASH_CONTEXT.test(line)) {
      break;
    }
    last = index;
  }
  return { groups, last };
}

function mergeGroups(raw: readonly RawGroup[], form: GoroutineDump['form']): GoroutineGroup[] {
  const byKey = new Map<string, GoroutineGroup>();
  for (const block of raw) {
    // A profile's groups are already distinct stacks (their pc lists differ even when the
    // printed frames coincide), so only traceback blocks are merged.
    const key = form === 'profile' ? `#${byKey.size}` : `${block.state ?? ''}\n${block.frames.join('\n')}`;
    const group = byKey.get(key);
    if (!group) {
      byKey.set(key, {
        count: block.count,
        state: block.state,
        waitMinutes: block.waitMinutes,
        frames: block.frames,
        topFrame: topFrameOf(block.frames),
        createdBy: block.createdBy,
        sampleIds: block.id === null ? [] : [block.id],
      });
      continue;
    }
    group.count += block.count;
    if (block.waitMinutes !== null) group.waitMinutes = Math.max(group.waitMinutes ?? 0, block.waitMinutes);
    group.createdBy ??= block.createdBy;
    if (block.id !== null && group.sampleIds.length < 5) group.sampleIds.push(block.id);
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count || compareText(a.topFrame, b.topFrame));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Wait states a healthy service sits in for hours (its main loop, accept loops, timers). */
const LIFELONG_WAIT =
  /^(?:select|select \(no cases\)|IO wait|sleep|syscall|idle|GC worker \(idle\)|timer goroutine \(idle\)|finalizer wait|force gc \(idle\))$/;

/** Whether a goroutine may wait in `state` for the life of the process without anything being wrong. */
export function isLifelongWait(state: string | null): boolean {
  return state !== null && LIFELONG_WAIT.test(state);
}

/**
 * What in a dump deserves a second look: frames with at least `pileUp` goroutines parked in them
 * (groups summed by top frame; running goroutines and lifelong waits do not count), and groups
 * blocked for at least `longWaitMinutes` on something other than a lifelong wait (a lock, a channel).
 */
export function goroutineSuspicions(
  groups: readonly GoroutineGroup[],
  pileUp: number,
  longWaitMinutes: number,
): GoroutineSuspicion[] {
  const byFrame = new Map<string, { count: number; waitMinutes: number | null; largest: GoroutineGroup }>();
  for (const group of groups) {
    // Working goroutines are not parked, and a crowd in a lifelong wait (idle keep-alive
    // connections in IO wait, one watcher per pooled connection in select) is a healthy server.
    if (group.state === 'running' || group.state === 'runnable' || isLifelongWait(group.state)) continue;
    const entry = byFrame.get(group.topFrame);
    if (!entry) {
      byFrame.set(group.topFrame, { count: group.count, waitMinutes: group.waitMinutes, largest: group });
      continue;
    }
    entry.count += group.count;
    if (group.waitMinutes !== null) entry.waitMinutes = Math.max(entry.waitMinutes ?? 0, group.waitMinutes);
    if (group.count > entry.largest.count) entry.largest = group;
  }
  const pileUps: GoroutineSuspicion[] = [...byFrame.entries()]
    .filter(([, entry]) => entry.count >= pileUp)
    .map(([frame, entry]) => ({
      kind: 'pile-up' as const,
      frame,
      count: entry.count,
      waitMinutes: entry.waitMinutes,
      state: entry.largest.state,
    }))
    .sort((a, b) => b.count - a.count || compareText(a.frame, b.frame));
  const longWaits: GoroutineSuspicion[] = groups
    .filter(
      (group) => group.waitMinutes !== null && group.waitMinutes >= longWaitMinutes && !isLifelongWait(group.state),
    )
    .map((group) => ({
      kind: 'long-wait' as const,
      frame: group.topFrame,
      count: group.count,
      waitMinutes: group.waitMinutes,
      state: group.state,
    }))
    .sort((a, b) => (b.waitMinutes ?? 0) - (a.waitMinutes ?? 0) || b.count - a.count || compareText(a.frame, b.frame));
  return [...pileUps, ...longWaits];
}

function countStates(groups: readonly GoroutineGroup[]): { state: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const group of groups)
    if (group.state !== null) counts.set(group.state, (counts.get(group.state) ?? 0) + group.count);
  return [...counts.entries()]
    .map(([state, count]) => ({ state, count }))
    .sort((a, b) => b.count - a.count || compareText(a.state, b.state));
}

/**
 * Parses the goroutine dump whose header is on `lines[start]` (at {@link findGoroutineDumpStart};
 * text before the header is ignored) up to the first line that cannot belong to a dump, such as
 * the next log record. Blank lines between blocks are kept, trailing ones are not. `source` is
 * where `lines[start]` is. Returns null when there is no header or nothing parseable after it;
 * never throws.
 */
export function parseGoroutineDump(
  lines: readonly string[],
  start: number,
  source: ArtifactSource,
  options: GoroutineDumpOptions = {},
): GoroutineDump | null {
  const headerLine = lines[start];
  if (typeof headerLine !== 'string') return null;
  const column = findGoroutineDumpStart(headerLine);
  if (column < 0) return null;
  const header = headerLine.slice(column);
  const declared = PROFILE_HEADER.exec(header);
  const form: GoroutineDump['form'] = declared && declared.index === 0 ? 'profile' : 'traceback';
  let scan: Scan;
  if (form === 'profile') {
    scan = scanProfile(lines, start);
  } else {
    const first = readTracebackHeader(header);
    if (!first) return null;
    scan = scanTraceback(lines, start, first);
  }
  if (!scan.groups.some((group) => group.frames.length > 0)) return null;
  const groups = mergeGroups(scan.groups, form);
  const counted = groups.reduce((sum, group) => sum + group.count, 0);
  const longestWaitMinutes = groups.reduce<number | null>(
    (longest, group) => (group.waitMinutes === null ? longest : Math.max(longest ?? 0, group.waitMinutes)),
    null,
  );
  return {
    source: { ...source },
    form,
    total: form === 'profile' && declared ? Number(declared[1]) : counted,
    counted,
    groups,
    states: countStates(groups),
    longestWaitMinutes,
    suspicious: goroutineSuspicions(groups, options.pileUp ?? 10, options.longWaitMinutes ?? 10),
    lastLine: source.line + (scan.last - start),
  };
}
