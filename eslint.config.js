// Lint rules, including the import boundaries that the folder layout promises:
// src/shared is pure, src/main/engine never imports Electron, only src/main/app does, and no
// module of src/main imports from a layer above its own.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'crypto',
  'stream',
  'stream/*',
  'zlib',
  'http',
  'https',
  'net',
  'url',
  'util',
  'worker_threads',
  'events',
  'buffer',
];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

// The engine, CLI and server never import Electron or UI code.
const NOT_UI = {
  group: ['electron', 'electron/*', 'react', 'react-dom', '**/app/**', '**/renderer/**', '**/preload/**'],
  message: 'The engine, CLI and server never import Electron or UI code.',
};

// The layers of src/main, lowest first (ARCHITECTURE.md, "Layers"; `npm run graph` and
// test/unit/importGraph.test.ts check the same on the whole graph, cycles included): a module
// imports from its own layer or lower ones, never from a higher one. server and host (the engine's
// process) are peers, and so are cli and app.
const ENGINE_LAYERS = [
  'platform',
  'decode',
  'bundle',
  'ingest',
  'index',
  'diagnose',
  'compare',
  'library',
  'report',
  'case',
];
const FACES = ['server', 'host', 'cli'];

/** A block that keeps the files of `folder` (the layer `name`) from importing the `higher` layers. */
const layer = (folder, name, higher, others = []) => ({
  files: [`src/main/${folder}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...others,
          {
            group: higher.map((above) => `**/${above}/**`),
            message: `${name} imports only from its own layer and lower ones (${ENGINE_LAYERS.join(' < ')} < server | host < cli | app); this import goes up or sideways.`,
          },
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'bench-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict(
      [
        ...NODE_BUILTINS,
        'electron',
        'electron/*',
        'react',
        'react-dom',
        '**/main/**',
        '**/renderer/**',
        '**/preload/**',
      ],
      'src/shared is pure: no Node, Electron, DOM or app code.',
    ),
  },
  {
    files: ['src/main/engine/**/*.ts', 'src/main/cli/**/*.ts', 'src/main/server/**/*.ts', 'src/main/host/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NOT_UI] }] },
  },
  // Later blocks replace the rule's options for their files, so each layer's keeps NOT_UI.
  ...ENGINE_LAYERS.map((name, rank) =>
    layer(`engine/${name}`, `engine/${name}`, [...ENGINE_LAYERS.slice(rank + 1), ...FACES], [NOT_UI]),
  ),
  layer('server', 'server', ['host', 'cli'], [NOT_UI]),
  layer('host', 'host', ['server', 'cli'], [NOT_UI]),
  // The app's peer is the CLI; it does not use the server either (src/main/app/README.md).
  layer('app', 'app', ['cli', 'server']),
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...restrict(
        [...NODE_BUILTINS, 'electron', 'electron/*', '**/main/**', '**/preload/index*'],
        'The renderer talks to the engine only through src/renderer/src/api/client.ts.',
      ),
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: restrict(['**/main/**', '**/renderer/**', 'react'], 'The preload exposes the API contract only.'),
  },
);
