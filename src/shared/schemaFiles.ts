/**
 * The JSON Schema files of Tarsier's data files, generated from the zod schemas the loaders run,
 * so that what an editor checks and what Tarsier accepts are one declaration. `npm run schemas`
 * writes them to `resources/schema`; a unit test fails when a committed file is stale.
 */
import { z } from 'zod';
import { formatSpecSchema } from './formats/formatSpec.ts';
import { ruleSpecSchema } from './rules/ruleSpec.ts';
import { topologySchema } from './rules/faultPlace.ts';

/** Each schema file of `resources/schema` and the zod schema it is generated from. */
export const SCHEMA_FILES = {
  'format.schema.json': formatSpecSchema,
  'rule.schema.json': ruleSpecSchema,
  'topology.schema.json': topologySchema,
} as const;

/** The name of one schema file. */
export type SchemaFileName = keyof typeof SCHEMA_FILES;

/** The JSON Schema of one file, as an object. */
export function jsonSchemaOf(name: SchemaFileName): Record<string, unknown> {
  // `input`: the schema describes what a file may hold, before any default or transform.
  // `throw`: a shape JSON Schema cannot express must fail the generation, not be dropped silently.
  const { $schema, ...rest } = z.toJSONSchema(SCHEMA_FILES[name], {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'throw',
  });
  return { $schema, $id: `https://tarsier.invalid/${name}`, ...rest };
}

/** The text of one schema file, exactly as committed (two-space JSON, final newline). */
export function schemaFileText(name: SchemaFileName): string {
  return `${JSON.stringify(jsonSchemaOf(name), null, 2)}\n`;
}
