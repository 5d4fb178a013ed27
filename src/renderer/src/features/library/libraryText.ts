/**
 * The case library's words, without React: how a past case is named ("TCK-4711 (2026-11-03,
 * concluded: …)"), the share of shared templates, and which refs a finding or template row has.
 */
import { templateKey } from '../../../../shared/compare/compareCases.ts';
import type { LibraryMatches, LibraryRef } from '../../../../shared/library/libraryModel.ts';
import type { Translate } from '../../i18n/i18n.tsx';
import type { StringKey } from '../../i18n/strings.ts';
import { formatLocalTime } from '../../lib/display.ts';

/** Conclusions are cut to this many characters in a mark (the tooltip has the engine's first line). */
export const MARK_CONCLUSION_CHARS = 60;

/** The case's ticket, else its first bundle's name, else its key's start. */
export function refName(ref: Pick<LibraryRef, 'ticket' | 'names' | 'key'>): string {
  return ref.ticket.trim() || ref.names[0] || ref.key.slice(0, 12);
}

/** `2026-11-03` in this computer's zone. */
export function refDate(savedAt: number): string {
  return formatLocalTime(savedAt).slice(0, 10);
}

/** The text cut at `max` characters with an ellipsis (whole code points). */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** `TCK-4711 (2026-11-03, concluded: disk full)`, or without the conclusion when none was written. */
export function refLabel(t: Translate, ref: LibraryRef, maxConclusion = MARK_CONCLUSION_CHARS): string {
  const date = refDate(ref.savedAt);
  const detail = ref.conclusion
    ? t('libRefConcluded', { date, conclusion: clip(ref.conclusion, maxConclusion) })
    : t('libRefWhen', { date });
  return t('libRef', { name: refName(ref), detail });
}

/** `37 %` of an overlap in 0–1 (whole percent; a share above 0 never shows as 0 %). */
export function percent(overlap: number, num: (n: number) => string): string {
  const whole = overlap > 0 && overlap < 0.01 ? 1 : Math.round(Math.min(1, Math.max(0, overlap)) * 100);
  return `${num(whole)} %`;
}

/** The past cases a finding's rule fired in too (none when the library has no match). */
export function findingRefs(matches: LibraryMatches | null, rule: string): LibraryRef[] {
  return matches?.findings[rule] ?? [];
}

/** The past cases that had a template row's text (matched by `templateKey`). */
export function templateRefs(matches: LibraryMatches | null, text: string): LibraryRef[] {
  return matches?.templates[templateKey(text)] ?? [];
}

/** The dictionary key naming a search hit's field (the field itself when unknown). */
export function fieldLabel(t: Translate, field: string): string {
  const key = `libField_${field}`;
  return key in FIELD_KEYS ? t(key as StringKey) : field;
}

const FIELD_KEYS: Record<string, true> = {
  libField_ticket: true,
  libField_customer: true,
  libField_problem: true,
  libField_conclusion: true,
  libField_names: true,
  libField_findings: true,
  libField_templates: true,
  libField_pins: true,
};
