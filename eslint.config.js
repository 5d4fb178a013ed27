// Lint rules, including the import boundaries that the folder layout promises:
// src/shared is pure, src/main/engine never imports Electron, only src/main/app does.
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
    rules: restrict(
      ['electron', 'electron/*', 'react', 'react-dom', '**/app/**', '**/renderer/**', '**/preload/**'],
      'The engine, its host process, the CLI and the server never import Electron or UI code.',
    ),
  },
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
