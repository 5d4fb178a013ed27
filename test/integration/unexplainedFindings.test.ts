// The unexplained-template findings on the generated incident bundle: low-confidence warnings
// that never repeat what a rule finding already shows, never quote a document, and stand in for
// the rules when there are none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseCase, type Diagnosis } from '../../src/main/engine/diagnose/diagnoseCase.ts';
import { UNEXPLAINED_RULE } from '../../src/main/engine/diagnose/unexplainedFindings.ts';
import { matchingEvents } from '../../src/main/engine/index/searchIndex.ts';
import { parseQuery } from '../../src/shared/search/queryLanguage.ts';
import { isDocumentPath } from '../../src/shared/components/documents.ts';
import { openGeneratedCase, type GeneratedCase } from '../support/generatedCase.ts';

let generated: GeneratedCase;
let diagnosis: Diagnosis;
let noRules: Diagnosis;

beforeAll(async () => {
  generated = await openGeneratedCase('tarsier-unexplained-');
  diagnosis = diagnoseCase(generated.index, generated.inventory);
  noRules = diagnoseCase(generated.index, generated.inventory, { rules: [] });
}, 120_000);
afterAll(() => generated?.remove());

describe('unexplained-template findings', () => {
  it('are at most five low-confidence warnings with evidence from their own template', () => {
    for (const d of [diagnosis, noRules]) {
      const mine = d.findings.filter((f) => f.rule === UNEXPLAINED_RULE);
      expect(mine.length).toBeLessThanOrEqual(5);
      for (const f of mine) {
        expect(f.severity).toBe('warning');
        expect(f.advice.en).toMatch(/low confidence/i);
        expect(f.advice.zh).toContain('低置信度');
        expect(f.evidence.length).toBeGreaterThan(0);
        expect(f.evidence.length).toBeLessThanOrEqual(5);
        const templates = new Set(f.evidence.map((e) => generated.index.templateOf[e.event]));
        expect(templates.size).toBe(1);
        // The template is customer text: in its own field (redacted in reports), never in the title.
        expect(f.pattern).toBe(generated.index.patterns[[...templates][0]].text);
        expect(f.title.en).not.toContain(f.pattern!);
        for (const e of f.evidence) {
          expect(isDocumentPath(e.path)).toBe(false);
          expect(['warning', 'error', 'critical']).toContain(e.level);
        }
      }
    }
  });

  it('leave out every template a rule finding already shows', () => {
    const explained = new Set(
      diagnosis.findings
        .filter((f) => f.rule !== UNEXPLAINED_RULE)
        .flatMap((f) => f.evidence.filter((e) => e.event >= 0).map((e) => generated.index.templateOf[e.event])),
    );
    expect(explained.size).toBeGreaterThan(0);
    const mine = diagnosis.findings.filter((f) => f.rule === UNEXPLAINED_RULE);
    for (const f of mine) expect(explained.has(generated.index.templateOf[f.evidence[0].event])).toBe(false);
  });

  it('point somewhere when no rule fires', () => {
    const mine = noRules.findings.filter((f) => f.rule === UNEXPLAINED_RULE);
    expect(mine).toHaveLength(5);
    expect(noRules.findings).toHaveLength(5);
  });

  it("carry a search that finds their evidence and only their template's events", () => {
    const mine = noRules.findings.filter((f) => f.rule === UNEXPLAINED_RULE);
    for (const f of mine) {
      const parsed = parseQuery(f.query!);
      if (!parsed.ok) throw new Error(`${f.query}: ${parsed.error.message}`);
      const hits = matchingEvents(generated.index, parsed.query).events;
      const template = generated.index.templateOf[f.evidence[0].event];
      expect(f.query).toMatch(new RegExp(`^template:${template} module:`));
      for (const e of f.evidence) expect(hits.has(e.event)).toBe(true);
      hits.forEach((e) => expect(generated.index.templateOf[e]).toBe(template));
    }
  });

  it('can be turned off', () => {
    const off = diagnoseCase(generated.index, generated.inventory, { unexplained: false });
    expect(off.findings.some((f) => f.rule === UNEXPLAINED_RULE)).toBe(false);
  });
});
