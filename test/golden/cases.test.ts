// Golden input → expected events for hand-written inputs in test/golden/cases: `<name>.log` is
// read as a file would be (CRLF or LF, ANSI colours, tracebacks and stacks), detected among all
// formats and assembled; `<name>.expected.json` holds the format and every event. Written by
// `npx tsx test/golden/update-golden.ts`, then checked by hand.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, CASES_DIR, caseNames, projectCase, readCase, type ExpectedCase } from './goldenSupport.ts';

describe('golden cases', () => {
  const names = caseNames();

  it('exist, each with its expected events', () => {
    expect(names.length).toBeGreaterThanOrEqual(10);
    for (const name of names) expect(existsSync(join(CASES_DIR, `${name}.expected.json`)), name).toBe(true);
  });

  it('include CRLF line endings, ANSI colours and multi-line events', () => {
    const inputs = names.map(readCase);
    expect(inputs.some((text) => text.includes('\r\n'))).toBe(true);
    expect(inputs.some((text) => text.includes('\x1b['))).toBe(true);
    const expected = names.map(
      (name) => JSON.parse(readFileSync(join(CASES_DIR, `${name}.expected.json`), 'utf8')) as ExpectedCase,
    );
    expect(expected.filter((c) => c.events.some((e) => e.lineCount > 1)).length).toBeGreaterThanOrEqual(8);
  });

  for (const name of names) {
    it(name, () => {
      const expected = JSON.parse(readFileSync(join(CASES_DIR, `${name}.expected.json`), 'utf8')) as ExpectedCase;
      expect(projectCase(analyse(`${name}.log`, readCase(name)))).toEqual(expected);
    });
  }
});
