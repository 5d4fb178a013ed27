/**
 * The shape of a log format file in `resources/formats/*.json`. A format is data: a regex with
 * named groups for the head line of an event, which group holds the time and in which layout,
 * which holds the level, which the message, and when a matching line still continues the event
 * before it. Each format carries real sample lines that a test checks.
 */
import type { Level } from '../model.ts';

/** A line a format must parse, with what it must yield. */
export interface FormatSample {
  line: string;
  /** Where the line comes from: a realdata path, a public source, or `synthetic: why`. */
  source: string;
  expect?: {
    /** ISO-8601 time as read with the bundle zone set to UTC. */
    time?: string;
    level?: Level;
    message?: string;
    fields?: Record<string, string>;
  };
}

/** One more timestamp layout a format accepts, with the zone its writer uses for it. */
export interface TimeLayoutAlternative {
  layout: string;
  zone?: 'bundle' | 'UTC';
}

/** A format in `resources/formats`. */
export interface FormatSpec {
  /** Stable id, also the file name (`oslo.json` → `oslo`). */
  id: string;
  name: string;
  description: string;
  /**
   * 0–100. When several formats fit a file equally well the most specific wins;
   * the generic fallback has the lowest value.
   */
  specificity: number;
  /** The generic fallback is chosen only when no specific format fits well. */
  fallback?: boolean;
  /** JavaScript regex source for the head line of an event, with named groups. */
  pattern: string;
  /** Regex flags (`i`, `u`…); `g` and `y` are not allowed. */
  flags?: string;
  /** Each line is a JSON object; time, level and message are read from keys instead of groups. */
  json?: {
    time: string[];
    timeLayout: string;
    level: string[];
    message: string[];
    /** Further layouts tried in order when `timeLayout` does not fit (zap writes epoch seconds in `ts`). */
    timeLayouts?: string[];
  };
  time?: {
    /** Group holding the timestamp text. */
    group: string;
    /** See `compileTimeLayout` in `shared/time.ts`. */
    layout: string;
    /** `bundle` (default): zone-less times use the bundle/file zone. `UTC`: the writer logs in UTC. */
    zone?: 'bundle' | 'UTC';
    /**
     * Further layouts tried in order when `layout` does not fit, each with its own zone (default:
     * `zone` above). One writer can switch layout and zone mid-file (Cloudpods ≥ 3.11 goes from
     * zone-less local `YYMMDD` to UTC `YYYY-MM-DD`).
     */
    layouts?: TimeLayoutAlternative[];
  };
  level?: {
    /** Group holding the level word. */
    group: string;
    /** Extra words for this format (`I` → info, `AUDIT` → info); otherwise the common words apply. */
    map?: Record<string, Level>;
    /** The group holds a syslog PRI number (`<34>` → 34) whose low 3 bits are the severity. */
    priority?: boolean;
  };
  /** When the level is not in a fixed place: search this group for a level word. */
  levelSearch?: { group: string };
  /** Group holding the message; default the whole line. */
  message?: string;
  /** Groups to keep as event fields (logger, pid, request id…). */
  fields?: string[];
  /**
   * A line that matches the pattern but continues the previous event: when the listed groups
   * equal the previous head's (oslo prints the same prefix on every traceback line) and, if
   * given, the `unless` group does not match `unlessPattern`.
   */
  continuation?: {
    sameGroups: string[];
    unlessGroup?: string;
    unlessPattern?: string;
  };
  samples: FormatSample[];
  /** Lines from other formats that this one must not claim. */
  counterSamples?: FormatSample[];
}

/** Structural validation of a parsed format file; returns every problem found, naming the field. */
export function validateFormatSpec(value: unknown, file: string): string[] {
  const problems: string[] = [];
  const say = (what: string) => problems.push(`format ${file}: ${what}`);
  if (typeof value !== 'object' || value === null) return [`format ${file}: not a JSON object`];
  const spec = value as Record<string, unknown>;
  for (const key of ['id', 'name', 'description', 'pattern']) {
    if (typeof spec[key] !== 'string' || spec[key] === '') say(`"${key}" must be a non-empty string`);
  }
  if (typeof spec.specificity !== 'number' || spec.specificity < 0 || spec.specificity > 100) {
    say(`"specificity" must be a number 0–100, got ${JSON.stringify(spec.specificity)}`);
  }
  if (!Array.isArray(spec.samples) || spec.samples.length === 0) say('"samples" must list at least one real line');
  if (typeof spec.flags === 'string' && /[gy]/.test(spec.flags))
    say(`"flags" must not contain g or y, got "${spec.flags}"`);
  const time = spec.time as Record<string, unknown> | undefined;
  if (time !== undefined && time.layouts !== undefined) {
    if (
      !Array.isArray(time.layouts) ||
      time.layouts.some(
        (l) => typeof l !== 'object' || l === null || typeof (l as Record<string, unknown>).layout !== 'string',
      )
    ) {
      say('"time.layouts" must be a list of { "layout": string, "zone"?: "bundle" | "UTC" }');
    }
  }
  if (typeof spec.pattern === 'string') {
    try {
      new RegExp(spec.pattern, typeof spec.flags === 'string' ? spec.flags : '');
    } catch (error) {
      say(`"pattern" is not a valid regex: ${(error as Error).message}`);
    }
  }
  return problems;
}
