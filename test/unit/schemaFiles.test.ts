// The JSON Schema files of resources/schema are generated from the zod schemas the loaders run:
// a stale file, a data file the schema refuses, or a message that stops naming the field and
// the value fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { resourcesDir } from '../../src/main/engine/platform/resources.ts';
import { validateFormatSpec } from '../../src/shared/formats/formatSpec.ts';
import { validateRuleSpec } from '../../src/shared/rules/ruleSpec.ts';
import { SCHEMA_FILES, jsonSchemaOf, schemaFileText, type SchemaFileName } from '../../src/shared/schemaFiles.ts';

const names = Object.keys(SCHEMA_FILES) as SchemaFileName[];
const dataFiles = (folder: string): string[] =>
  readdirSync(join(resourcesDir(), folder))
    .filter((name) => name.endsWith('.json'))
    .map((name) => join(resourcesDir(), folder, name));
/** The data files each schema describes: a folder of them, or one file. */
const described: Record<SchemaFileName, { what: string; files: () => string[] }> = {
  'format.schema.json': { what: 'resources/formats file', files: () => dataFiles('formats') },
  'rule.schema.json': { what: 'resources/rules file', files: () => dataFiles('rules') },
  'topology.schema.json': { what: 'resources/topology.json', files: () => [join(resourcesDir(), 'topology.json')] },
};

describe('generated JSON Schema files', () => {
  for (const name of names) {
    it(`resources/schema/${name} is what the zod schema generates (run npm run schemas)`, () => {
      expect(readFileSync(join(resourcesDir(), 'schema', name), 'utf8')).toBe(schemaFileText(name));
    });

    it(`every ${described[name].what} points at ${name} and validates against it`, () => {
      const ajv = new Ajv2020({ allErrors: true });
      const validate = ajv.compile(jsonSchemaOf(name));
      const files = described[name].files();
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const value = JSON.parse(readFileSync(file, 'utf8')) as { $schema?: string };
        expect(value.$schema, file).toBeDefined();
        expect(resolve(dirname(file), value.$schema!)).toBe(join(resourcesDir(), 'schema', name));
        expect(validate(value) ? [] : validate.errors, file).toEqual([]);
      }
    });
  }

  it('the JSON Schema refuses what the loader refuses', () => {
    const ajv = new Ajv2020({ allErrors: true });
    const rule = ajv.compile(jsonSchemaOf('rule.schema.json'));
    const format = ajv.compile(jsonSchemaOf('format.schema.json'));
    const someRule = JSON.parse(readFileSync(dataFiles('rules')[0], 'utf8')) as Record<string, unknown>;
    const someFormat = JSON.parse(readFileSync(dataFiles('formats')[0], 'utf8')) as Record<string, unknown>;
    expect(rule(someRule)).toBe(true);
    expect(rule({ ...someRule, severity: 'fatal' })).toBe(false);
    expect(rule({ ...someRule, extra: 1 })).toBe(false);
    // Exactly one of query and artifact: a cross-field rule the zod schema states for JSON Schema too.
    expect(rule({ ...someRule, query: 'a', artifact: { check: 'api-slow' } })).toBe(false);
    expect(format(someFormat)).toBe(true);
    expect(format({ ...someFormat, flags: 'g' })).toBe(false);
    expect(format({ ...someFormat, specificity: 101 })).toBe(false);
    expect(format({ ...someFormat, samples: [] })).toBe(false);
  });
});

describe('format and rule files: messages name the file, the field and the value', () => {
  const format = JSON.parse(readFileSync(dataFiles('formats')[0], 'utf8')) as Record<string, unknown>;
  const rule = JSON.parse(readFileSync(dataFiles('rules')[0], 'utf8')) as Record<string, unknown>;
  const stages = new Set(
    (JSON.parse(readFileSync(join(resourcesDir(), 'stages.json'), 'utf8')) as { stages: { id: string }[] }).stages.map(
      (stage) => stage.id,
    ),
  );
  const ruleFile = `${rule.id as string}.json`;

  it('a format file', () => {
    expect(validateFormatSpec(format, 'f.json')).toEqual([]);
    expect(validateFormatSpec({ ...format, $schema: 'anything/else.json' }, 'f.json')).toEqual([]);
    expect(validateFormatSpec({ ...format, specificity: 'high' }, 'f.json')).toEqual([
      'format f.json: "specificity" must be a number 0–100, got "high"',
    ]);
    expect(validateFormatSpec({ ...format, time: { group: 'ts', layout: 7 } }, 'f.json')).toEqual([
      'format f.json: "time.layout" must be a string, got 7',
    ]);
    expect(validateFormatSpec({ ...format, level: { group: 'l', map: { X: 'loud' } } }, 'f.json')).toEqual([
      'format f.json: "level.map.X" must be one of unknown, trace, debug, info, warning, error, critical, got "loud"',
    ]);
    expect(validateFormatSpec({ ...format, pattern: '(' }, 'f.json')).toEqual([
      expect.stringMatching(/^format f\.json: "pattern" is not a valid regex: .*Unterminated group/),
    ]);
    expect(validateFormatSpec({ ...format, colour: 'red' }, 'f.json')).toEqual([
      'format f.json: unknown field "colour"',
    ]);
    expect(validateFormatSpec('text', 'f.json')).toEqual(['format f.json: not a JSON object, got "text"']);
  });

  it('a rule file', () => {
    expect(validateRuleSpec(rule, ruleFile, stages)).toEqual([]);
    expect(validateRuleSpec({ ...rule, minCount: 1.5 }, ruleFile, stages)).toEqual([
      `rule ${ruleFile}: "minCount" must be an integer ≥ 1, got 1.5`,
    ]);
    expect(validateRuleSpec({ ...rule, references: 'seed' }, ruleFile, stages)).toEqual([
      `rule ${ruleFile}: "references" must be a list of strings, got "seed"`,
    ]);
    expect(validateRuleSpec({ ...rule, title: { en: 'x', zh: ' ' } }, ruleFile, stages)).toEqual([
      `rule ${ruleFile}: "title" must be { "en": text, "zh": text }, got zh = " "`,
    ]);
    expect(validateRuleSpec({ ...rule, id: 'other-rule' }, ruleFile, stages)).toEqual([
      `rule ${ruleFile}: "id" must equal the file name, got "other-rule"`,
    ]);
    const examples = rule.examples as { match: object[]; noMatch: object[] };
    expect(
      validateRuleSpec(
        { ...rule, examples: { ...examples, match: [{ ...examples.match[0], component: 'no-slash' }] } },
        ruleFile,
        stages,
      ),
    ).toEqual([`rule ${ruleFile}: "examples.match[0].component" must be module/component, got "no-slash"`]);
  });
});
