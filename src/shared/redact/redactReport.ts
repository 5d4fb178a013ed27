/**
 * Redacts a whole report before any format is written from it, so the JSON, the Markdown and the
 * PDF carry the same masks and the same pseudonyms. Every string is redacted except the report's
 * own vocabulary (rule ids, levels, categories, the rules' titles and advice, the seed's triage
 * text), which never holds customer data and must stay readable.
 */
import type { Report } from '../report.ts';
import { Redactor, type RedactionOptions, type RedactionSummary } from './redactor.ts';
import { quote } from '../search/queryLanguage.ts';

/** Keys whose values (and everything under them) are Tarsier's own words, not the customer's. */
const OWN_WORDS = new Set([
  'schema',
  'generator',
  'zone',
  'rule',
  'severity',
  'category',
  'level',
  'kind',
  'format',
  'encoding',
  'language',
  'title',
  'advice',
  'references',
  'triage',
  'stages',
]);

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function visit(value: Json, key: string | null, onText: (text: string) => string): Json {
  if (key !== null && OWN_WORDS.has(key)) return value;
  if (typeof value === 'string') return onText(value);
  if (Array.isArray(value)) {
    // A pin's context is one excerpt: redacted as a whole, so a key block spanning lines is seen.
    if (
      key === 'context' &&
      value.every((l) => l !== null && typeof l === 'object' && !Array.isArray(l) && typeof l.text === 'string')
    ) {
      const lines = value as { line: Json; text: string }[];
      const joined = onText(lines.map((l) => l.text).join('\n')).split('\n');
      if (joined.length === lines.length) return lines.map((l, i) => ({ ...l, text: joined[i] }));
    }
    return value.map((item) => visit(item, null, onText));
  }
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) out[k] = visit(v, k, onText);
    return out;
  }
  return value;
}

/**
 * The report with its secrets masked and, when `options.network`, its addresses and names
 * pseudonymised; `redaction` says what was done and how often. The input is not changed.
 */
export function redactReport(report: Report, options: RedactionOptions): Report {
  const redactor = new Redactor(options);
  const json = report as unknown as Json;
  // Two passes: names learnt anywhere are aliased everywhere, also before their first mention.
  visit(json, null, (text) => {
    redactor.learn(text);
    return text;
  });
  const redacted = visit(json, null, (text) => redactor.redact(text)) as unknown as Report;
  return { ...settlePins(report, redacted), redaction: redactor.summary() };
}

/**
 * Any JSON value (a comparison) with its customer strings redacted the same way as a report's
 * (two passes; Tarsier's own words left alone), and what was done.
 */
export function redactJson<T>(value: T, options: RedactionOptions): { value: T; redaction: RedactionSummary } {
  const redactor = new Redactor(options);
  const json = value as unknown as Json;
  visit(json, null, (text) => {
    redactor.learn(text);
    return text;
  });
  return { value: visit(json, null, (text) => redactor.redact(text)) as unknown as T, redaction: redactor.summary() };
}

/**
 * A pin's line is what its redacted context says (a line inside a key block is only known to be
 * secret there); a pinned line that had something masked gets a query by its file alone (its
 * phrase would carry the secret); the context is cut back to the lines asked for.
 */
function settlePins(original: Report, redacted: Report): Report {
  const n = redacted.case?.contextLines;
  let { queries, timeline } = redacted;
  const pins = redacted.pins.map((pin, i) => {
    const before = original.pins[i];
    const line = pin.context.find((l) => l.line === pin.line);
    const masked = line !== undefined && line.text !== before.context.find((l) => l.line === pin.line)?.text;
    const text = line?.text ?? pin.text;
    const query = masked ? `file:${quote(pin.path)}` : pin.query;
    if (query !== pin.query) queries = queries.map((q) => (q.query === pin.query ? { ...q, query } : q));
    timeline = {
      ...timeline,
      events: timeline.events.map((e) =>
        e.source.kind === 'pin' && e.path === pin.path && e.line === pin.line ? { ...e, text } : e,
      ),
    };
    const context =
      n === undefined ? pin.context : pin.context.filter((l) => l.line >= pin.line - n && l.line <= pin.line + n);
    return { ...pin, text, query, context };
  });
  return { ...redacted, pins, queries, timeline };
}
