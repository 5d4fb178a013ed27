import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexNamedGroups } from '../../src/shared/regexGroups.ts';
import { loadFormatSpecs } from '../../src/main/engine/platform/resources.ts';

describe('indexNamedGroups', () => {
  it('maps names to the indices V8 uses, across classes, escapes and lookarounds', () => {
    const source = String.raw`^(?<a>x)(y)(?:z)[(?<no>](?<b>\d+(?<c>[)\]]))(?<=\))(?<!r)`;
    const { regex, index } = indexNamedGroups(source);
    expect(index).toEqual({ a: 1, b: 3, c: 4 });
    const m = regex.exec('xyz(12)')!;
    expect([m[index.a], m[index.b], m[index.c]]).toEqual([m.groups!.a, m.groups!.b, m.groups!.c]);
    expect(m.groups).toEqual({ a: 'x', b: '12)', c: ')' });
  });
  it('agrees with match.groups for every format pattern in resources/formats', () => {
    for (const spec of loadFormatSpecs()) {
      const { regex, index } = indexNamedGroups(spec.pattern, spec.flags);
      for (const sample of spec.samples) {
        const m = regex.exec(sample.line);
        if (!m?.groups) continue;
        for (const [name, value] of Object.entries(m.groups)) expect(m[index[name]], `${spec.id}.${name}`).toBe(value);
      }
    }
  });
  it('agrees with match.groups on generated patterns (property)', () => {
    const atom = fc.constantFrom(
      'a',
      '\\d',
      '[(]',
      '[)a]',
      '\\(',
      '(?:a)',
      '(b)',
      '(?<n1>a)',
      '(?<n2>b|c)',
      '(?=a)',
      '(?<=a)',
    );
    fc.assert(
      fc.property(fc.array(atom, { minLength: 1, maxLength: 8 }), (atoms) => {
        const seen = new Set<string>();
        const source = atoms.map((a) => (a.startsWith('(?<n') ? (seen.has(a) ? '(x)' : (seen.add(a), a)) : a)).join('');
        const { regex, index } = indexNamedGroups(source);
        const named = new RegExp(source);
        const count = new RegExp(`${source}|`).exec('')!.length - 1;
        expect(regex.source).toBe(named.source);
        for (const [name, i] of Object.entries(index)) {
          expect(i).toBeGreaterThan(0);
          expect(i).toBeLessThanOrEqual(count);
          void name;
        }
        expect(Object.keys(index).sort()).toEqual([...seen].map((a) => a.slice(3, 5)).sort());
      }),
    );
  });
});
