/**
 * The import graph of src/main: which layer imports which, and every arrow that breaks the rule
 * (a module imports from its own layer or a lower one, never a higher one or a sideways peer)
 * or closes a cycle between files. `npm run graph` prints it and exits 1 on a broken rule;
 * test/unit/importGraph.test.ts holds it. The same layers are held by lint (eslint.config.js).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A layer: the folders (under src/main) it holds, and its rank: a module imports only from lower ranks or its own layer. */
export interface Layer {
  name: string;
  folders: string[];
  rank: number;
  /** Lower layers it must not import all the same (the app does not use the server). */
  apart?: string[];
}

/** The layers of src/main, lowest first. Layers of the same rank are peers and do not import each other. */
export const LAYERS: Layer[] = [
  { name: 'platform', folders: ['engine/platform'], rank: 0 },
  { name: 'decode', folders: ['engine/decode'], rank: 1 },
  { name: 'bundle', folders: ['engine/bundle'], rank: 2 },
  { name: 'ingest', folders: ['engine/ingest'], rank: 3 },
  { name: 'index', folders: ['engine/index'], rank: 4 },
  { name: 'diagnose', folders: ['engine/diagnose'], rank: 5 },
  { name: 'compare', folders: ['engine/compare'], rank: 6 },
  { name: 'library', folders: ['engine/library'], rank: 7 },
  { name: 'report', folders: ['engine/report'], rank: 8 },
  { name: 'case', folders: ['engine/case'], rank: 9 },
  { name: 'server', folders: ['server'], rank: 10 },
  { name: 'host', folders: ['host'], rank: 10 },
  { name: 'cli', folders: ['cli'], rank: 11 },
  { name: 'app', folders: ['app'], rank: 11, apart: ['server'] },
];

/** File → the files it imports (paths relative to the root of the graph, with `/`). */
export type ImportGraph = Map<string, string[]>;

/** An arrow that breaks the rule, or a cycle between files. */
export interface Violation {
  /** `sideways`: to a peer of the same rank, or to a layer it keeps apart from. */
  kind: 'upward' | 'sideways' | 'unlayered' | 'cycle';
  /** The arrow (`from → to`) or the cycle (`a → b → a`). */
  files: string[];
  message: string;
}

/** The relative module specifiers a TypeScript source imports (static, type-only, re-exports and dynamic). */
export function importsOf(source: string): string[] {
  const found: string[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;
  for (const match of source.matchAll(pattern)) found.push(match[1]);
  return found;
}

/** The layer a file (relative to src/main) belongs to, or null. */
export function layerOf(file: string, layers: Layer[] = LAYERS): Layer | null {
  let best: Layer | null = null;
  let bestLength = -1;
  for (const layer of layers)
    for (const folder of layer.folders)
      if ((file === folder || file.startsWith(`${folder}/`)) && folder.length > bestLength) {
        best = layer;
        bestLength = folder.length;
      }
  return best;
}

const toPosix = (path: string) => path.split(sep).join('/');

/** Reads the relative imports of every `.ts` file under `root` (imports leaving `root` are left out). */
export function readImportGraph(root: string): ImportGraph {
  const graph: ImportGraph = new Map();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith('.ts')) {
        const targets = importsOf(readFileSync(full, 'utf8'))
          .map((specifier) => toPosix(relative(root, resolve(dirname(full), specifier))))
          .filter((target) => !target.startsWith('..'));
        graph.set(toPosix(relative(root, full)), [...new Set(targets)]);
      }
    }
  };
  visit(root);
  return graph;
}

/** Every cycle between files, each once (Tarjan's strongly connected components, then one cycle per component). */
export function fileCycles(graph: ImportGraph): string[][] {
  let counter = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (file: string) => {
    order.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (!order.has(next)) {
        connect(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, order.get(next)!));
    }
    if (low.get(file) === order.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1 || (graph.get(file) ?? []).includes(file)) components.push(component);
    }
  };
  for (const file of graph.keys()) if (!order.has(file)) connect(file);
  // One concrete cycle per component: a shortest path back to its first file.
  return components.map((component) => {
    const members = new Set(component);
    const start = [...component].sort()[0];
    const previous = new Map<string, string>();
    const queue = [start];
    while (queue.length > 0) {
      const file = queue.shift()!;
      for (const next of graph.get(file) ?? []) {
        if (!members.has(next)) continue;
        if (next === start) {
          const path = [file];
          while (path[0] !== start) path.unshift(previous.get(path[0])!);
          return [...path, start];
        }
        if (!previous.has(next)) {
          previous.set(next, file);
          queue.push(next);
        }
      }
    }
    return [start, start];
  });
}

/** The arrows that break the layer rule, and the file cycles. */
export function checkGraph(graph: ImportGraph, layers: Layer[] = LAYERS): Violation[] {
  const violations: Violation[] = [];
  // A file outside every layer (at the engine root, in a new folder) must be given one.
  for (const file of graph.keys())
    if (!layerOf(file, layers))
      violations.push({ kind: 'unlayered', files: [file], message: `${file} is in no layer` });
  for (const [from, targets] of graph) {
    const source = layerOf(from, layers);
    for (const to of targets) {
      const target = layerOf(to, layers);
      if (!source || !target) continue;
      if (target.rank > source.rank) {
        violations.push({
          kind: 'upward',
          files: [from, to],
          message: `upward: ${from} (${source.name}) imports ${to} (${target.name})`,
        });
      } else if ((target.rank === source.rank && target !== source) || source.apart?.includes(target.name)) {
        violations.push({
          kind: 'sideways',
          files: [from, to],
          message: `sideways: ${from} (${source.name}) imports ${to} (${target.name}), which it keeps apart from`,
        });
      }
    }
  }
  for (const cycle of fileCycles(graph))
    violations.push({ kind: 'cycle', files: cycle, message: `cycle: ${cycle.join(' → ')}` });
  return violations;
}

/** Layer → layer arrows with how many imports each stands for, highest layer first. */
export function layerGraph(graph: ImportGraph, layers: Layer[] = LAYERS): string[] {
  const counts = new Map<string, number>();
  for (const [from, targets] of graph)
    for (const to of targets) {
      const source = layerOf(from, layers)?.name ?? '?';
      const target = layerOf(to, layers)?.name ?? '?';
      if (source !== target) counts.set(`${source} → ${target}`, (counts.get(`${source} → ${target}`) ?? 0) + 1);
    }
  const rank = (name: string) => layers.findIndex((layer) => layer.name === name);
  return [...counts]
    .sort(([a], [b]) => {
      const [a1, a2] = a.split(' → ');
      const [b1, b2] = b.split(' → ');
      return rank(b1) - rank(a1) || rank(b2) - rank(a2);
    })
    .map(([arrow, count]) => `${arrow} (${count})`);
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../src/main');
  const graph = readImportGraph(root);
  const ranks = [...new Set(LAYERS.map((layer) => layer.rank))].sort((a, b) => a - b);
  const named = ranks.map((rank) => LAYERS.filter((layer) => layer.rank === rank).map((layer) => layer.name));
  console.log(`layers, lowest first (| between peers): ${named.map((peers) => peers.join(' | ')).join(' < ')}`);
  console.log(`src/main: ${graph.size} files`);
  for (const line of layerGraph(graph)) console.log(`  ${line}`);
  const violations = checkGraph(graph);
  for (const violation of violations) console.log(violation.message);
  console.log(violations.length === 0 ? 'no upward arrow, no cycle' : `${violations.length} broken`);
  process.exitCode = violations.length === 0 ? 0 : 1;
}
