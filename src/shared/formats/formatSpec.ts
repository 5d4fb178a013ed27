/**
 * The shape of a log format file in `resources/formats/*.json`. A format is data: a regex with
 * named groups for the head line of an event, which group holds the time and in which layout,
 * which holds the level, which the message, and when a matching line still continues the event
 * before it. Each format carries real sample lines that a test checks.
 */
import { z } from 'zod';
import { LEVELS } from '../model.ts';
import { mustBe, problemsOf, says, show } from '../validation.ts';

const ZONES = ['bundle', 'UTC'] as const;
const text = (expected = 'must be a string') => z.string({ error: mustBe(expected, 'quoted') });
const nonEmpty = () => text('must be a non-empty string').min(1);
const texts = () => z.array(text(), { error: mustBe('must be a list of strings', 'quoted') });
const closed = <Shape extends z.core.$ZodLooseShape>(shape: Shape) =>
  z.strictObject(shape, { error: mustBe('must be an object', 'quoted') });

const formatSampleSchema = closed({
  line: text(),
  source: nonEmpty().describe('Where the line comes from: a realdata path, a public source, or `synthetic: why`.'),
  expect: closed({
    time: text().optional().describe('ISO-8601 time as read with the bundle zone set to UTC.'),
    level: z.enum(LEVELS).optional(),
    message: text().optional(),
    fields: z.record(z.string(), text()).optional(),
  })
    .optional()
    .describe('What the line must yield.'),
}).describe('A line a format must parse, with what it must yield.');

/** A line a format must parse, with what it must yield. */
export type FormatSample = z.output<typeof formatSampleSchema>;

const layoutsMessage = '"time.layouts" must be a list of { "layout": string, "zone"?: "bundle" | "UTC" }';
const timeLayoutAlternativeSchema = z
  .strictObject(
    { layout: z.string({ error: says(() => layoutsMessage) }), zone: z.enum(ZONES).optional() },
    { error: says(() => layoutsMessage) },
  )
  .describe('One more timestamp layout a format accepts, with the zone its writer uses for it.');

/** One more timestamp layout a format accepts, with the zone its writer uses for it. */
export type TimeLayoutAlternative = z.output<typeof timeLayoutAlternativeSchema>;

const recordSchema = closed({
  start: z
    .enum(['head', 'blank'])
    .optional()
    .describe(
      '`head` (default): a record starts at a head line of `pattern`. `blank`: at the first non-blank line after a blank line, whatever it holds (journalctl -o export).',
    ),
  line: nonEmpty().describe(
    "Regex tried on the record's lines after its head, with named groups; groups `key` and `value` make each matching line one named value (`PRIORITY=6`, `  Level: Error`).",
  ),
  lines: z
    .number({ error: mustBe('must be a whole number 1–500', 'quoted') })
    .int()
    .min(1)
    .max(500)
    .optional()
    .describe("How many of the record's lines after the head are read (default: up to 500)."),
  time: closed({
    from: text().describe('Group or key holding the timestamp text.'),
    layout: text().describe('See `compileTimeLayout` in `shared/time.ts`.'),
    zone: z.enum(ZONES).optional(),
    layouts: z
      .array(timeLayoutAlternativeSchema, { error: says(() => layoutsMessage) })
      .optional()
      .describe('Further layouts tried in order when `layout` does not fit.'),
  })
    .optional()
    .describe("The record's time, when its head has none."),
  level: closed({
    from: text().describe('Group or key holding the level word.'),
    map: z.record(z.string(), z.enum(LEVELS)).optional(),
    priority: z.boolean().optional().describe('The value is a syslog priority or severity number (`3` → error).'),
  }).optional(),
  message: text().optional().describe('Group or key holding the message.'),
  messageBelow: z
    .boolean()
    .optional()
    .describe(
      "When the message's value is empty, the message is the next non-blank line of the record (wevtutil writes `Description:` with the text below it).",
    ),
  fields: z
    .record(z.string(), text())
    .optional()
    .describe('Event fields: field name → group or key (`{ "unit": "_SYSTEMD_UNIT" }`).'),
  binary: z
    .boolean()
    .optional()
    .describe(
      "A line that is a bare key (`MESSAGE`) is followed by a little-endian 64-bit size and that many bytes of value, newlines included (journal export's binary-safe fields).",
    ),
}).describe(
  "Facts of an event that are on its later lines: java.util.logging's level on the second line, journal export's `KEY=VALUE` lines, wevtutil's indented `Key: value` lines. Each name is read from its first line only; what is found replaces what the head said.",
);

/** Facts of an event read from its lines after the head. */
export type RecordSpec = z.output<typeof recordSchema>;

/** Why a spec's pattern does not compile with its flags, or null (also when it has no pattern yet). */
function regexProblem(spec: unknown): string | null {
  const { pattern, flags } = (spec ?? {}) as Record<string, unknown>;
  if (typeof pattern !== 'string') return null;
  try {
    new RegExp(pattern, typeof flags === 'string' ? flags : '');
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * A format in `resources/formats`, as a file holds it. `resources/schema/format.schema.json` is
 * generated from this schema (`npm run schemas`); the loader also compiles the pattern.
 */
export const formatSpecSchema = z
  .strictObject(
    {
      $schema: z.string().optional().describe('Path of this JSON Schema, for editors.'),
      id: nonEmpty().describe('Stable id, also the file name (`oslo.json` → `oslo`).'),
      name: nonEmpty(),
      description: nonEmpty(),
      specificity: z
        .number({ error: mustBe('must be a number 0–100', 'quoted') })
        .min(0)
        .max(100)
        .describe(
          'When several formats fit a file equally well the most specific wins; the generic fallback has the lowest value.',
        ),
      fallback: z
        .boolean()
        .optional()
        .describe('The generic fallback is chosen only when no specific format fits well.'),
      pattern: nonEmpty().describe('JavaScript regex source for the head line of an event, with named groups.'),
      flags: text()
        .regex(/^[^gy]*$/, { error: mustBe('must not contain g or y', 'quoted') })
        .optional()
        .describe('Regex flags (`i`, `u`…); `g` and `y` are not allowed.'),
      json: closed({
        time: texts(),
        timeLayout: text(),
        level: texts(),
        message: texts(),
        timeLayouts: texts()
          .optional()
          .describe(
            'Further layouts tried in order when `timeLayout` does not fit (zap writes epoch seconds in `ts`).',
          ),
        timeNanos: texts()
          .optional()
          .describe(
            "Keys holding the time's nanoseconds apart from its epoch seconds (log4j2's `instant.nanoOfSecond`).",
          ),
      })
        .optional()
        .describe('Each line is a JSON object; time, level and message are read from keys instead of groups.'),
      time: closed({
        group: text().describe('Group holding the timestamp text.'),
        layout: text().describe('See `compileTimeLayout` in `shared/time.ts`.'),
        zone: z
          .enum(ZONES)
          .optional()
          .describe('`bundle` (default): zone-less times use the bundle/file zone. `UTC`: the writer logs in UTC.'),
        layouts: z
          .array(timeLayoutAlternativeSchema, { error: says(() => layoutsMessage) })
          .optional()
          .describe(
            'Further layouts tried in order when `layout` does not fit, each with its own zone (default: `zone` above). One writer can switch layout and zone mid-file (Cloudpods ≥ 3.11 goes from zone-less local `YYMMDD` to UTC `YYYY-MM-DD`).',
          ),
      }).optional(),
      level: closed({
        group: text().describe('Group holding the level word.'),
        map: z
          .record(z.string(), z.enum(LEVELS))
          .optional()
          .describe('Extra words for this format (`I` → info, `AUDIT` → info); otherwise the common words apply.'),
        priority: z
          .boolean()
          .optional()
          .describe('The group holds a syslog PRI number (`<34>` → 34) whose low 3 bits are the severity.'),
      }).optional(),
      levelSearch: closed({ group: text() })
        .optional()
        .describe('When the level is not in a fixed place: search this group for a level word.'),
      message: text().optional().describe('Group holding the message; default the whole line.'),
      fields: texts().optional().describe('Groups to keep as event fields (logger, pid, request id…).'),
      continuation: closed({ sameGroups: texts(), unlessGroup: text().optional(), unlessPattern: text().optional() })
        .optional()
        .describe(
          "A line that matches the pattern but continues the previous event: when the listed groups equal the previous head's (oslo prints the same prefix on every traceback line) and, if given, the `unless` group does not match `unlessPattern`.",
        ),
      record: recordSchema.optional(),
      samples: z
        .array(formatSampleSchema, { error: mustBe('must list at least one real line', 'quoted') })
        .min(1)
        .describe('Real lines the format must parse; a test checks each.'),
      counterSamples: z
        .array(formatSampleSchema)
        .optional()
        .describe('Lines from other formats that this one must not claim.'),
    },
    { error: says((value) => `not a JSON object, got ${Array.isArray(value) ? 'a list' : show(value)}`) },
  )
  // Checked even when other fields are wrong, so that one round of fixes clears every problem.
  .refine((spec) => regexProblem(spec) === null, {
    path: ['pattern'],
    when: (payload) => regexProblem(payload.value) !== null,
    error: (issue) => `"pattern" is not a valid regex: ${regexProblem(issue.input)}`,
  })
  .meta({
    title: 'Tarsier log format',
    description:
      'One file per format in resources/formats: a regex with named groups for the head line of an event, which group holds the time and in which layout, which the level, which the message, and when a matching line continues the event before it. Generated from src/shared/formats/formatSpec.ts (npm run schemas); the loader also compiles the pattern and the time layouts.',
  });

/** A format in `resources/formats`. */
export type FormatSpec = z.output<typeof formatSpecSchema>;

/** Structural validation of a parsed format file; returns every problem found, naming the file and the field. */
export function validateFormatSpec(value: unknown, file: string): string[] {
  const checked = problemsOf(formatSpecSchema, value);
  return checked.ok ? [] : checked.problems.map((problem) => `format ${file}: ${problem}`);
}
