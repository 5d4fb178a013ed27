/**
 * electron-builder.yml stays a valid, offline packaging recipe although the app cannot be
 * packaged on this machine (no Electron binary): the file is checked against electron-builder's
 * own JSON schema (app-builder-lib/scheme.json, draft-07) and against what the build produces
 * (out/main, out/preload, out/renderer) and the data the engine reads at run time (resources/).
 */
import { TARSIER_VERSION } from '../../src/shared/version.ts';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const load = createRequire(import.meta.url);
// js-yaml ships no types; only `load` is used.
const yaml = load('js-yaml') as { load(text: string): unknown };

type Config = Record<string, unknown>;
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Config;
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; version: string };

/**
 * The official schema, compiled in Ajv's strict mode. The schema uses two things strict mode
 * otherwise rejects: union types (`"type": ["null", "string"]`) and electron-builder's own
 * `typeof` keyword (for options that take a function, which YAML cannot express anyway).
 * Any other strict-mode complaint is collected and fails the test below.
 */
const strictWarnings: string[] = [];
const ajv = new Ajv({
  allErrors: true,
  strict: true,
  allowUnionTypes: true,
  keywords: ['typeof'],
  logger: {
    log: () => undefined,
    warn: (...args: unknown[]) => void strictWarnings.push(args.map(String).join(' ')),
    error: (...args: unknown[]) => void strictWarnings.push(args.map(String).join(' ')),
  },
});
const schema = JSON.parse(readFileSync(join(root, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8')) as {
  $schema?: string;
};
const validate = ajv.compile(schema);

const problemsOf = (candidate: unknown): ErrorObject[] => (validate(candidate) ? [] : (validate.errors ?? []));
const describeProblems = (problems: ErrorObject[]): string =>
  problems.map((p) => `${p.instancePath || '/'} ${p.message ?? ''} ${JSON.stringify(p.params)}`).join('\n');

/** Whether electron-builder's `files` patterns (later ones win, `!` excludes) take a path. */
function packaged(path: string): boolean {
  let taken = false;
  for (const pattern of config.files as string[]) {
    const negated = pattern.startsWith('!');
    if (minimatch(path, negated ? pattern.slice(1) : pattern, { dot: true })) taken = !negated;
  }
  return taken;
}

/** The target names of one platform section (`target: [AppImage, deb]` or objects with `target`). */
function targetsOf(platform: string): string[] {
  const section = config[platform] as { target?: unknown } | undefined;
  const targets = Array.isArray(section?.target) ? section.target : [section?.target];
  return targets.map((target) =>
    typeof target === 'object' && target !== null ? String((target as { target: unknown }).target) : String(target),
  );
}

describe('electron-builder.yml', () => {
  it('is valid against app-builder-lib/scheme.json', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(strictWarnings).toEqual([]);
    const problems = problemsOf(config);
    expect(problems, describeProblems(problems)).toEqual([]);
  });

  it.each([
    ['a number as Linux target', { ...config, linux: { target: 42 } }, '/linux/target'],
    ['an unknown top-level key', { ...config, autoUpdate: true }, ''],
    ['a misspelt option', { ...config, extraResource: config.extraResources }, ''],
    ['asar as text', { ...config, asar: 'yes' }, '/asar'],
  ])('rejects %s (the validator runs)', (_name, broken, path) => {
    const problems = problemsOf(broken);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((p) => p.instancePath)).toContain(path);
  });

  it('targets AppImage and deb on Linux, NSIS on Windows, DMG on macOS', () => {
    expect(targetsOf('linux')).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(targetsOf('win')).toContain('nsis');
    expect(targetsOf('mac')).toContain('dmg');
  });

  it('ships resources/ as extra resources, and that folder exists', () => {
    const extra = config.extraResources as { from: string; to: string }[];
    expect(extra).toEqual(expect.arrayContaining([expect.objectContaining({ from: 'resources', to: 'resources' })]));
    for (const { from } of extra) {
      expect(existsSync(join(root, from)), from).toBe(true);
      expect(statSync(join(root, from)).isDirectory(), from).toBe(true);
    }
    // The engine looks for <resources>/formats (src/main/engine/platform/resources.ts).
    expect(statSync(join(root, 'resources', 'formats')).isDirectory()).toBe(true);
  });

  it('packs the built main, preload and renderer, but not source maps or the CLI', () => {
    for (const path of [
      'out/main/index.js',
      'out/main/indexWorker.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'out/renderer/assets/index-3f2a.js',
      'package.json',
    ]) {
      expect(packaged(path), path).toBe(true);
    }
    for (const path of [
      'out/main/index.js.map',
      'out/renderer/assets/index-3f2a.js.map',
      'out/cli/main.js',
      'src/main/app/main.ts',
      'test/unit/x.test.ts',
      'bench-data/a.log',
    ]) {
      expect(packaged(path), path).toBe(false);
    }
  });

  it('names the version reports and `tarsier help` print', () => {
    expect(packageJson.version).toBe(TARSIER_VERSION);
  });

  it("package.json's main is the built main, inside the packed files", () => {
    expect(packageJson.main.startsWith('out/main/')).toBe(true);
    expect(packaged(packageJson.main)).toBe(true);
  });

  it('publishes nowhere (the app is offline)', () => {
    expect(config).toHaveProperty('publish');
    expect(config.publish).toBeNull();
  });
});
