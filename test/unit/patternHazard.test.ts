// The screen on a user format's regexes: real catastrophic patterns are refused with the field
// and the part at fault named; the shapes the built-in formats use (and the usual user pattern)
// pass. The patterns are quoted from where they are documented as catastrophic.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatHazardProblem, patternHazard, patternHazardProblem } from '../../src/shared/formats/patternHazard.ts';

describe('patternHazard', () => {
  it('refuses nested quantifiers, naming the group', () => {
    // OWASP, "Regular expression Denial of Service - ReDoS", the "Evil Regexes" list.
    expect(patternHazard('^(a+)+$')).toEqual({ kind: 'nestedQuantifier', where: '(a+)+' });
    expect(patternHazard('^([a-zA-Z]+)*$')).toEqual({ kind: 'nestedQuantifier', where: '([a-zA-Z]+)*' });
    expect(patternHazard('^(([a-z])+.)+[A-Z]([a-z])+$')).toEqual({
      kind: 'nestedQuantifier',
      where: '(([a-z])+.)+',
    });
    // OWASP's e-mail validation example.
    expect(
      patternHazard(
        '^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$',
      )?.kind,
    ).toBe('nestedQuantifier');
    // A repeat bounded high is as bad as an unbounded one.
    expect(patternHazard('^(\\w+\\s?){1,100}$')?.kind).toBe('nestedQuantifier');
  });

  it('refuses a repeated choice whose alternatives can start alike', () => {
    // OWASP's "Evil Regexes": (a|aa)+ and (a|a?)+.
    expect(patternHazard('^(a|aa)+$')).toEqual({ kind: 'overlappingAlternatives', where: '(a|aa)+' });
    expect(patternHazard('^(a|a?)+$')?.kind).toBe('overlappingAlternatives');
    expect(patternHazard('^(?<word>\\w|\\d)*x$')).toEqual({
      kind: 'overlappingAlternatives',
      where: '(?<word>\\w|\\d)*',
    });
    expect(patternHazardProblem('pattern', '^(a|aa)+$')).toMatch(/^"pattern" repeats a choice .*\(a\|aa\)\+/);
  });

  it('refuses three .* on one path (the Cloudflare outage of 2 July 2019)', () => {
    // blog.cloudflare.com/details-of-the-cloudflare-outage-on-july-2-2019: the WAF rule's regex.
    const cloudflare =
      '(?:(?:\\"|\'|\\]|\\}|\\\\|\\d|(?:nan|infinity|true|false|null|undefined|symbol|math)|\\`|\\-|\\+)+[)]*;?((?:\\s|-|~|!|{}|\\|\\||\\+)*.*(?:.*=.*)))';
    expect(patternHazard(cloudflare)?.kind).toBe('manyWildcards');
    expect(patternHazard('^.*.*=.*$')?.kind).toBe('manyWildcards');
  });

  it('keeps what log formats need', () => {
    for (const safe of [
      '^(?<ts>\\S+ \\S+) (?<level>[A-Z]+) (?<msg>.*)$',
      '^acme\\|(?<ts>\\d{2}\\.\\d{2}\\.\\d{4})\\|(?<msg>.*)$',
      '"(?<quoted>(?:[^"\\\\]|\\\\.)*)" (?<rest>.*)$',
      '(?:\\d+ ){1,5}\\d+$',
      '^(?<a>.*) - (?<b>.*)$',
      '^(?:(?!res=failed).)*(?<failure>res=failed)?.*$',
      '^a|.*b.*|.*c.*$',
      '[(.*)+]+',
      '\\(a+\\)+',
      '^(?:\\s|-|~|!)*x$',
      '^(?:[^"\\\\]|\\\\.)+$',
      '^(a|b)+$',
    ])
      expect(patternHazard(safe), safe).toBeNull();
  });

  it('passes every built-in format but syslog-rfc5424, whose quoted structured data it cannot tell from a nested repeat', () => {
    const dir = join(import.meta.dirname, '../../resources/formats');
    const flagged = readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .filter((name) => {
        const spec = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { id: string; pattern?: string };
        return formatHazardProblem(spec) !== null;
      });
    expect(flagged).toEqual(['syslog-rfc5424.json']);
  });

  it('says which format and field, and how to fix it', () => {
    expect(patternHazardProblem('pattern', '^(a+)+$')).toMatch(
      /^"pattern" has a nested quantifier, \(a\+\)\+: .*character class/,
    );
    expect(
      formatHazardProblem({ id: 'mine', pattern: '^(?<msg>.*)$', continuation: { unlessPattern: '(x+y?)*z' } }),
    ).toMatch(/^format "mine": "continuation\.unlessPattern" has a nested quantifier, \(x\+y\?\)\*/);
    expect(formatHazardProblem({ id: 'mine', pattern: '^(?<msg>.*)$' })).toBeNull();
  });
});
