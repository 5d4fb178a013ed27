/**
 * Builds the three Electron parts into `out/`:
 *   main     src/main/app/main.ts    → out/main/index.js    (ESM; Electron ≥ 28 loads ESM main)
 *   preload  src/preload/index.ts    → out/preload/index.cjs (CommonJS: sandboxed preloads cannot be ESM;
 *                                      everything bundled, only 'electron' stays external)
 *   renderer src/renderer/index.html → out/renderer          (React; Monaco workers via `?worker`)
 * The CLI (`out/cli/main.js`) is built by vite.cli.config.ts; `npm run build` runs both.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      sourcemap: true,
      rolldownOptions: {
        // The ingest worker and the engine host (a utilityProcess) start from their own files in out/main.
        input: {
          index: resolve(root, 'src/main/app/main.ts'),
          ingestWorker: resolve(root, 'src/main/engine/index/ingestWorker.ts'),
          engineHost: resolve(root, 'src/main/host/engineHostMain.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        // The preload takes only names (channels, methods) from src/shared, which is pure but builds
        // its zod schemas at module level; without this the validators and zod (~175 kB) come along.
        treeshake: { moduleSideEffects: (id: string) => !/[\\/]src[\\/]shared[\\/]/.test(id) },
        output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    base: './',
    plugins: [react()],
    worker: { format: 'es' },
    build: {
      outDir: resolve(root, 'out/renderer'),
      // Never inline assets as data: URLs (fonts, icons): everything is a same-origin file.
      assetsInlineLimit: 0,
      minify: true,
      chunkSizeWarningLimit: 4096,
      rolldownOptions: {
        input: { index: resolve(root, 'src/renderer/index.html') },
      },
    },
  },
});
