#!/usr/bin/env node
// Runs the built CLI (npm run build), or the TypeScript sources through tsx when no build exists.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// `tarsier analyze … | head` closes stdout early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'out', 'cli', 'main.js');
let entry;
if (existsSync(built)) {
  entry = await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  entry = await import(pathToFileURL(join(root, 'src', 'main', 'cli', 'main.ts')).href);
}
process.exitCode = await entry.main(process.argv.slice(2));
