// Writes resources/schema/*.schema.json from the zod schemas in src/shared (`npm run schemas`).
// Run it after changing a format or rule schema; test/unit/schemaFiles.test.ts fails until then.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA_FILES, schemaFileText, type SchemaFileName } from '../src/shared/schemaFiles.ts';

const folder = join(import.meta.dirname, '..', 'resources', 'schema');
for (const name of Object.keys(SCHEMA_FILES) as SchemaFileName[]) {
  writeFileSync(join(folder, name), schemaFileText(name));
  console.log(`wrote resources/schema/${name}`);
}
