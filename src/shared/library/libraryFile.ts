/**
 * The library as one file (`tarsier.library/1`) and what is checked of a case read from one (or
 * from the library folder): each case is checked on its own, so a bad one is named by its index
 * and field (`cases[3].templates[0].text: must be a string`) and left out, never the whole file;
 * and the export's redaction (shared/redact: one Redactor over every text, so an address has the
 * same alias in every case).
 */
import { z } from 'zod';
import { SEVERITIES } from '../rules/ruleSpec.ts';
import { Redactor, type RedactionOptions } from '../redact/redactor.ts';
import { fieldName, show, type RawIssue } from '../validation.ts';
import {
  LIBRARY_FORMAT,
  MAX_LIBRARY_PINS,
  MAX_LIBRARY_TEMPLATES,
  type LibraryCase,
  type LibraryFile,
} from './libraryModel.ts';

/** Characters of one text field kept at most (as the case notes). */
const MAX_TEXT = 100_000;
/** Bundle names and findings per case at most. */
const MAX_NAMES = 100;
const MAX_FINDINGS = 1000;

const text = z.string().max(MAX_TEXT);
const localized = z.strictObject({ en: text, zh: text });

/** One case as the library keeps it and a library file holds it. */
export const libraryCaseSchema = z.strictObject({
  key: z.string().regex(/^[0-9a-f]{64}$/),
  ticket: text,
  customer: text,
  problem: text,
  conclusion: text,
  names: z.array(text).max(MAX_NAMES),
  savedAt: z.number().min(0).finite(),
  findings: z
    .array(
      z.strictObject({
        rule: z.string().min(1).max(500),
        title: localized,
        severity: z.enum(SEVERITIES),
        user: z.literal(true).optional(),
      }),
    )
    .max(MAX_FINDINGS),
  templates: z
    .array(
      z.strictObject({
        text: text.min(1),
        level: z.enum(['error', 'warning']),
        count: z.int().min(0),
      }),
    )
    .max(MAX_LIBRARY_TEMPLATES),
  pins: z.array(z.strictObject({ path: text, text, note: text })).max(MAX_LIBRARY_PINS),
  origin: z.enum(['local', 'imported']),
}) satisfies z.ZodType<LibraryCase, unknown>;

/** What an issue says, after its field: `must be a string`, `must be one of error, warning, got "x"`. */
function describe(issue: RawIssue): string {
  const got = issue.input === undefined ? ' (missing)' : `, got ${show(issue.input)}`;
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${issue.expected === 'object' || issue.expected === 'array' || issue.expected === 'int' ? `an ${issue.expected === 'int' ? 'integer' : issue.expected}` : `a ${issue.expected}`}${issue.input === undefined ? ' (missing)' : ''}`;
    case 'invalid_value':
      return `must be ${issue.values.length === 1 ? show(issue.values[0]) : `one of ${issue.values.join(', ')}`}${got}`;
    case 'unrecognized_keys':
      return `unknown field ${issue.keys.map((k) => show(k)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `must hold at least ${String(issue.minimum)} ${issue.origin === 'string' ? 'characters' : 'items'}`
        : `must be ≥ ${String(issue.minimum)}${got}`;
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `must hold at most ${String(issue.maximum)} ${issue.origin === 'string' ? 'characters' : 'items'}`
        : `must be ≤ ${String(issue.maximum)}${got}`;
    case 'invalid_format':
      return issue.format === 'regex' ? `must be a case key (64 hex digits)${got}` : `must be ${issue.format}${got}`;
    default:
      return `is not valid${got}`;
  }
}

/** A case checked, or its problems, each `<where>.<field>: <what>`. */
export function checkLibraryCase(
  value: unknown,
  where: string,
): { ok: true; value: LibraryCase } | { ok: false; problems: string[] } {
  const parsed = libraryCaseSchema.safeParse(value, { error: (issue) => describe(issue) });
  if (parsed.success) return { ok: true, value: parsed.data as LibraryCase };
  const problems = parsed.error.issues.map((issue) => {
    const field = fieldName(issue.path);
    return `${where}${field === '' ? '' : field.startsWith('[') ? field : `.${field}`}: ${issue.message}`;
  });
  return { ok: false, problems: [...new Set(problems)] };
}

/** A library file read: its good cases (origin as written; `at` their index in the file) and each bad one named. */
export type LibraryFileCheck =
  | { ok: true; exportedAt: number; cases: LibraryCase[]; at: number[]; problems: string[] }
  | { ok: false; error: string };

/**
 * Checks a parsed library file: a value that is not a `tarsier.library/1` object with a `cases`
 * array is refused; a bad case is left out and named; two cases with one key keep the later.
 */
export function checkLibraryFile(value: unknown): LibraryFileCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, error: `a library file must be a JSON object, got ${show(value).slice(0, 80)}` };
  const file = value as Record<string, unknown>;
  if (file.format !== LIBRARY_FORMAT)
    return {
      ok: false,
      error: `format must be "${LIBRARY_FORMAT}", got ${show(file.format).slice(0, 80)}: this is not a Tarsier library file`,
    };
  if (!Array.isArray(file.cases))
    return { ok: false, error: `cases must be an array, got ${show(file.cases).slice(0, 80)}` };
  const problems: string[] = [];
  const byKey = new Map<string, { at: number; value: LibraryCase }>();
  file.cases.forEach((raw, i) => {
    const checked = checkLibraryCase(raw, `cases[${i}]`);
    if (checked.ok) byKey.set(checked.value.key, { at: i, value: checked.value });
    else problems.push(...checked.problems);
  });
  const exportedAt = typeof file.exportedAt === 'number' && Number.isFinite(file.exportedAt) ? file.exportedAt : 0;
  const kept = [...byKey.values()];
  return { ok: true, exportedAt, cases: kept.map((k) => k.value), at: kept.map((k) => k.at), problems };
}

/** Every text of a case a person wrote or a log holds (what redaction looks at). */
function textsOf(c: LibraryCase): string[] {
  return [
    c.ticket,
    c.customer,
    c.problem,
    c.conclusion,
    ...c.names,
    ...c.templates.map((t) => t.text),
    ...c.pins.flatMap((p) => [p.path, p.text, p.note]),
  ];
}

/**
 * The cases with their texts redacted (copies; the input is left as it is). Finding titles are
 * the rules' words, not the customer's, and stay; everything else a person or a log wrote —
 * ticket, customer, problem, conclusion, bundle names, templates, pinned paths, lines and notes —
 * goes through one Redactor, which first learns every text (a secret masked in one place is
 * masked wherever it stands).
 */
export function redactLibrary(cases: readonly LibraryCase[], options: RedactionOptions): LibraryCase[] {
  const redactor = new Redactor(options);
  const any = options.secrets || options.network;
  if (any) for (const c of cases) for (const t of textsOf(c)) redactor.learn(t);
  const r = (t: string) => (t === '' || !any ? t : redactor.redact(t));
  return cases.map((c) => ({
    ...c,
    ticket: r(c.ticket),
    customer: r(c.customer),
    problem: r(c.problem),
    conclusion: r(c.conclusion),
    names: c.names.map(r),
    findings: c.findings.map((f) => ({ ...f, title: { ...f.title } })),
    templates: c.templates.map((t) => ({ ...t, text: r(t.text) })),
    pins: c.pins.map((p) => ({ path: r(p.path), text: r(p.text), note: r(p.note) })),
  }));
}

/** The export of `cases`: a `tarsier.library/1` file, redacted as asked, and its name. */
export function libraryFileOf(
  cases: readonly LibraryCase[],
  options: RedactionOptions,
  now: number,
): { fileName: string; file: LibraryFile } {
  return {
    fileName: `tarsier-library-${new Date(now).toISOString().slice(0, 10)}.json`,
    file: {
      format: LIBRARY_FORMAT,
      exportedAt: now,
      redacted: { secrets: options.secrets, network: options.network },
      cases: redactLibrary(cases, options),
    },
  };
}
