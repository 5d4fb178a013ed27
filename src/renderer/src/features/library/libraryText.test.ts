import { describe, expect, it } from 'vitest';
import type { LibraryMatches, LibraryRef } from '../../../../shared/library/libraryModel.ts';
import { DICTIONARIES, type Lang, type StringKey } from '../../i18n/strings.ts';
import { clip, fieldLabel, findingRefs, percent, refLabel, refName, templateRefs } from './libraryText.ts';

const translate =
  (lang: Lang) =>
  (key: StringKey, params?: Record<string, string | number>): string => {
    let text = DICTIONARIES[lang][key];
    for (const [name, v] of Object.entries(params ?? {})) text = text.replaceAll(`{${name}}`, String(v));
    return text;
  };

// Noon UTC: the same calendar day in every zone from UTC−11 to UTC+11.
const NOV_3 = Date.UTC(2026, 10, 3, 12);
const ref = (patch: Partial<LibraryRef> = {}): LibraryRef => ({
  key: 'a1b2c3d4e5f6a7b8c9',
  ticket: 'TCK-4711',
  names: ['node-a.tar.gz', 'node-b.tar.gz'],
  savedAt: NOV_3,
  conclusion: 'Disk full on the controller: cinder volumes could not be attached.',
  origin: 'local',
  ...patch,
});

describe('the case library words', () => {
  it('names a case by its ticket, else its first bundle, else its key', () => {
    expect(refName(ref())).toBe('TCK-4711');
    expect(refName(ref({ ticket: '  ' }))).toBe('node-a.tar.gz');
    expect(refName(ref({ ticket: '', names: [] }))).toBe('a1b2c3d4e5f6');
  });

  it('says when and with what conclusion a case was seen, in English and Chinese', () => {
    expect(refLabel(translate('en'), ref(), 20)).toBe('TCK-4711 (2026-11-03, concluded: Disk full on the co…)');
    expect(refLabel(translate('zh'), ref({ conclusion: '控制节点磁盘已满' }))).toBe(
      'TCK-4711（2026-11-03，结论：控制节点磁盘已满）',
    );
    expect(refLabel(translate('en'), ref({ conclusion: '' }))).toBe('TCK-4711 (2026-11-03)');
    expect(translate('zh')('libSeenBefore', { ref: refLabel(translate('zh'), ref({ conclusion: '' })) })).toBe(
      '见过：TCK-4711（2026-11-03）',
    );
  });

  it('cuts by whole characters, Chinese included', () => {
    expect(clip('磁盘已满导致卷挂载失败', 5)).toBe('磁盘已满…');
    expect(clip('short', 5)).toBe('short');
  });

  it('shows a share as a whole percent, never 0 % for a share above 0', () => {
    const num = (n: number) => String(n);
    expect(percent(0.374, num)).toBe('37 %');
    expect(percent(0.001, num)).toBe('1 %');
    expect(percent(0, num)).toBe('0 %');
    expect(percent(1.2, num)).toBe('100 %');
  });

  it('finds a template row’s past cases by its template key, and a finding’s by its rule', () => {
    const past = ref();
    const matches: LibraryMatches = {
      size: 3,
      similar: [],
      findings: { 'cinder-volume-not-found': [past] },
      templates: { 'Volume <*> could not be found (HTTP 404)': [past] },
    };
    expect(templateRefs(matches, '  Volume <*> <*>   could not be found (HTTP 404)')).toEqual([past]);
    expect(templateRefs(matches, 'Volume <*> could not be found (HTTP 413)')).toEqual([]);
    expect(templateRefs(null, 'Volume <*> could not be found (HTTP 404)')).toEqual([]);
    expect(findingRefs(matches, 'cinder-volume-not-found')).toEqual([past]);
    expect(findingRefs(matches, 'other-rule')).toEqual([]);
  });

  it('names the fields a search matched in, and an unknown field as it is', () => {
    expect(fieldLabel(translate('zh'), 'conclusion')).toBe('结论');
    expect(fieldLabel(translate('en'), 'pins')).toBe('pinned lines');
    expect(fieldLabel(translate('en'), 'statement')).toBe('statement');
  });
});
