// The import graph of src/main: no arrow runs up the layers (scripts/importGraph.ts, ARCHITECTURE.md
// "Layers") and no files import each other in a cycle. The checker is tried on a small fake graph
// too, so that a clean result means something.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkGraph,
  fileCycles,
  importsOf,
  layerOf,
  readImportGraph,
  type ImportGraph,
} from '../../scripts/importGraph.ts';

const root = resolve(import.meta.dirname, '../../src/main');

describe('the import graph of src/main', () => {
  const graph = readImportGraph(root);

  it('is read (every layer has files)', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get('engine/bundle/readBundles.ts')).toContain('engine/bundle/walkBundle.ts');
  });

  it('has every file in a layer, no upward or sideways arrow and no cycle', () => {
    expect(checkGraph(graph).map((violation) => violation.message)).toEqual([]);
  });
});

describe('the checker', () => {
  it('reads static, type-only, re-exported and dynamic relative imports, not packages', () => {
    const source = [
      "import { a } from './a.ts';",
      "import type { B } from '../b.ts';",
      "export { c } from './c.ts';",
      "import './d.ts';",
      "const e = await import('./e.ts');",
      "import { readFile } from 'node:fs/promises';",
      "import tar from 'tar-stream';",
    ].join('\n');
    expect(importsOf(source)).toEqual(['./a.ts', '../b.ts', './c.ts', './d.ts', './e.ts']);
  });

  it('puts a file in the layer of its folder', () => {
    expect(layerOf('engine/bundle/walkBundle.ts')?.name).toBe('bundle');
    expect(layerOf('engine/platform/limits.ts')?.name).toBe('platform');
    expect(layerOf('cli/main.ts')?.name).toBe('cli');
    expect(layerOf('engine/stray.ts')).toBeNull();
  });

  it('finds an upward arrow, a sideways one, a file in no layer and a cycle', () => {
    const fake: ImportGraph = new Map([
      ['engine/bundle/walkBundle.ts', ['engine/ingest/fileIngest.ts', 'engine/platform/limits.ts']],
      ['engine/ingest/fileIngest.ts', ['engine/bundle/walkBundle.ts']],
      ['engine/platform/limits.ts', []],
      ['cli/main.ts', ['app/main.ts']],
      ['app/main.ts', ['server/server.ts']],
      ['server/server.ts', []],
      ['engine/stray.ts', []],
    ]);
    const violations = checkGraph(fake);
    expect(violations.map((violation) => violation.kind).sort()).toEqual([
      'cycle',
      'sideways',
      'sideways',
      'unlayered',
      'upward',
    ]);
    expect(violations.find((violation) => violation.kind === 'upward')?.files).toEqual([
      'engine/bundle/walkBundle.ts',
      'engine/ingest/fileIngest.ts',
    ]);
    expect(violations.find((violation) => violation.kind === 'cycle')?.files).toEqual([
      'engine/bundle/walkBundle.ts',
      'engine/ingest/fileIngest.ts',
      'engine/bundle/walkBundle.ts',
    ]);
  });

  it('finds a cycle within one layer, and none in a graph without one', () => {
    const cyclic: ImportGraph = new Map([
      ['engine/index/a.ts', ['engine/index/b.ts']],
      ['engine/index/b.ts', ['engine/index/c.ts']],
      ['engine/index/c.ts', ['engine/index/a.ts']],
    ]);
    expect(fileCycles(cyclic)).toEqual([
      ['engine/index/a.ts', 'engine/index/b.ts', 'engine/index/c.ts', 'engine/index/a.ts'],
    ]);
    expect(checkGraph(cyclic).map((violation) => violation.kind)).toEqual(['cycle']);
    const acyclic: ImportGraph = new Map([
      ['engine/index/a.ts', ['engine/index/b.ts', 'engine/platform/limits.ts']],
      ['engine/index/b.ts', ['engine/platform/limits.ts']],
      ['engine/platform/limits.ts', []],
    ]);
    expect(checkGraph(acyclic)).toEqual([]);
  });
});
