import { describe, expect, it } from 'vitest';
import {
  emptyNotes,
  mergeNotes,
  notesToJson,
  notesToMarkdown,
  parseNotesFile,
  type CaseNotes,
  type Pin,
} from '../../src/renderer/src/lib/caseNotes.ts';

const pin = (path: string, line: number, note = '', extra: Partial<Pin> = {}): Pin => ({
  path,
  line,
  file: null,
  text: `line ${line} of ${path}`,
  time: null,
  level: 'error',
  component: 'nova/nova-api',
  note,
  pinnedAt: 1,
  ...extra,
});

const notes = (patch: Partial<CaseNotes>): CaseNotes => ({ ...emptyNotes(), ...patch });

describe('notes file', () => {
  it('round-trips through JSON', () => {
    const n = notes({ ticket: 'T-1', conclusion: 'disk full', pins: [pin('a.log', 3, 'first'), pin('b.log', 9)] });
    expect(parseNotesFile(notesToJson(n))).toEqual({ ok: true, notes: n });
  });

  it('reads the analyze --notes shape (pins with path, line and note only)', () => {
    const parsed = parseNotesFile('{"ticket":"T-2","pins":[{"path":"x.log","line":4,"note":"why"}]}');
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.notes.ticket).toBe('T-2');
      expect(parsed.notes.pins).toEqual([
        {
          path: 'x.log',
          line: 4,
          note: 'why',
          file: null,
          text: '',
          time: null,
          level: 'unknown',
          component: '',
          pinnedAt: 0,
        },
      ]);
    }
  });

  it.each([
    ['not json', 'it is not JSON'],
    ['[1,2]', 'it holds a list'],
    ['{"name":"x"}', 'none of ticket'],
    ['{"ticket":5}', '"ticket" is number, not text'],
    ['{"pins":{}}', '"pins" is an object, not a list'],
    ['{"pins":[7]}', 'pins[0] is number'],
    ['{"pins":[{"line":3}]}', 'pins[0] has no "path"'],
    ['{"pins":[{"path":"a","line":1},{"path":"b.log","line":0}]}', 'pins[1] ("b.log") has no "line"'],
  ])('refuses %s with a specific message', (text, message) => {
    const parsed = parseNotesFile(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });

  it('writes Markdown with the fields, each pin and its note', () => {
    const md = notesToMarkdown(
      notes({
        ticket: 'T-1',
        statement: 'VMs fail',
        conclusion: 'Root cause',
        pins: [pin('a.log', 3, 'see ``` this')],
      }),
      'incident.tar.gz',
    );
    expect(md).toContain('# incident.tar.gz');
    expect(md).toContain('- **Ticket:** T-1');
    expect(md).toContain('## Problem statement\n\nVMs fail');
    expect(md).toContain('### 1. `a.log:3`');
    expect(md).toContain('```\nline 3 of a.log\n```');
    expect(md).toContain('see ``` this');
    expect(md.endsWith('## Conclusion\n\nRoot cause\n')).toBe(true);
  });
});

describe('mergeNotes', () => {
  it('adds new pins, replaces notes of the same pin, and says so', () => {
    const current = notes({ ticket: 'T-1', pins: [pin('a.log', 1, 'mine'), pin('b.log', 2, 'kept')] });
    const incoming = notes({
      ticket: 'T-1',
      customer: 'ACME',
      pins: [pin('a.log', 1, 'theirs'), pin('b.log', 2, ''), pin('c.log', 3, 'new'), pin('c.log', 3, 'dup')],
    });
    const m = mergeNotes(current, incoming);
    expect(m.added.map((p) => p.path)).toEqual(['c.log']);
    expect(m.overwritten.map((p) => p.note)).toEqual(['theirs']);
    expect(m.same).toBe(1);
    expect(m.fields).toEqual(['customer']);
    expect(m.merged.pins.map((p) => `${p.path}:${p.note}`)).toEqual(['a.log:theirs', 'b.log:kept', 'c.log:new']);
    expect(m.merged.ticket).toBe('T-1');
    expect(m.merged.customer).toBe('ACME');
  });

  it('changes nothing when the file holds the same notes', () => {
    const n = notes({ conclusion: 'x', pins: [pin('a.log', 1, 'n')] });
    const m = mergeNotes(n, n);
    expect(m.merged).toEqual(n);
    expect([m.added.length, m.overwritten.length, m.fields.length, m.same]).toEqual([0, 0, 0, 1]);
  });
});
