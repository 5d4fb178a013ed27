/**
 * How Tarsier's zod schemas speak when a value does not fit: every problem names the field and
 * shows the value it got, so a message read in a log or a test says what to fix without the
 * payload at hand. Each data shape is declared once, as a zod schema, from which come its
 * TypeScript type, its runtime check (through {@link problemsOf}) and, for the data files, the
 * JSON Schema editors use (`src/shared/schemaFiles.ts`).
 */
import { z } from 'zod';

// zod compiles object parsers with `new Function` unless told not to; the renderer's CSP forbids
// eval (the probe alone is reported as a violation) and main has no need of it. This must run
// before any schema is built, which holds because every schema module imports this one.
z.config({ jitless: true });

/** One problem as zod hands it to an error function (before it gets its message). */
export type RawIssue = z.core.$ZodRawIssue;

/** A value as a message shows it: JSON, or the word for what JSON cannot spell. */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // Cycles cannot come out of JSON.parse or structured clone, but a direct caller may pass one.
    return Object.prototype.toString.call(value);
  }
}

/** `examples.noMatch[0]`: the issue's path as a reader of the JSON would write it; empty at the top. */
export function fieldName(path: readonly PropertyKey[] | undefined): string {
  let name = '';
  for (const key of path ?? [])
    name += typeof key === 'number' ? `[${key}]` : name === '' ? String(key) : `.${String(key)}`;
  return name;
}

/**
 * An error function for a schema whose every failure gets one message, built from the value and
 * the field's name; zod applies a schema's error function to its checks (`min`, `regex`…) too.
 */
export function says(message: (value: unknown, field: string) => string): (issue: RawIssue) => string | undefined {
  // An object's own message is about its type; an unknown key gets the common message instead.
  return (issue) => (issue.code === 'unrecognized_keys' ? undefined : message(issue.input, fieldName(issue.path)));
}

/**
 * `<field> <expected>, got <value>`: the common message, for {@link says}. Data files quote the
 * field (`"time.layout" must be…`), as their messages always have; requests do not.
 */
export function mustBe(expected: string, style: 'plain' | 'quoted' = 'plain'): (issue: RawIssue) => string | undefined {
  return says((value, field) => {
    const name = field === '' ? 'payload' : style === 'quoted' ? `"${field}"` : field;
    return `${name} ${expected}, got ${show(value)}`;
  });
}

/** A message for an issue whose schema gave none: the field, what it must be, and the value. */
function describeIssue(issue: RawIssue): string {
  const field = fieldName(issue.path);
  const where = field === '' ? '' : `"${field}" `;
  const got = `, got ${show(issue.input)}`;
  switch (issue.code) {
    case 'invalid_type':
      return `${where}must be ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}${got}`;
    case 'unrecognized_keys':
      return issue.keys.map((key) => `${field === '' ? '' : `"${field}": `}unknown field ${show(key)}`).join('\n');
    case 'invalid_value':
      return `${where}must be ${issue.values.length === 1 ? show(issue.values[0]) : `one of ${issue.values.join(', ')}`}${got}`;
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `${where}must hold at least ${String(issue.minimum)} ${issue.origin === 'string' ? 'characters' : 'items'}${got}`
        : `${where}must be ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}${got}`;
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `${where}must hold at most ${String(issue.maximum)} ${issue.origin === 'string' ? 'characters' : 'items'}${got}`
        : `${where}must be ${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)}${got}`;
    case 'invalid_format':
      return `${where}must match ${issue.format === 'regex' ? String(issue.pattern) : issue.format}${got}`;
    case 'not_multiple_of':
      return `${where}must be a multiple of ${String(issue.divisor)}${got}`;
    default:
      return `${where}is not valid${got}`;
  }
}

/**
 * Checks `value` against `schema`; returns every problem (each naming its field and value, in
 * the order of the schema's fields, repeats dropped) and the parsed value when there are none.
 */
export function problemsOf<T extends z.ZodType>(
  schema: T,
  value: unknown,
): { ok: true; value: z.output<T> } | { ok: false; problems: string[] } {
  const parsed = schema.safeParse(value, { error: describeIssue });
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems = parsed.error.issues.flatMap((issue) => issue.message.split('\n'));
  return { ok: false, problems: [...new Set(problems)] };
}
