/**
 * Builds the `tarsier` CLI (src/main/cli/main.ts) into an ESM Node module, out/cli/main.js,
 * which bin/tarsier.js runs, and the ingest worker beside it (out/cli/ingestWorker.js). Node built-ins and npm dependencies stay external (SSR build
 * default); shared, engine and server code are bundled.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig({
  root,
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: true,
    outDir: resolve(root, 'out/cli'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rolldownOptions: {
      // The ingest worker and the engine host are their own entries: threads and processes start from a file.
      input: {
        main: resolve(root, 'src/main/cli/main.ts'),
        ingestWorker: resolve(root, 'src/main/engine/index/ingestWorker.ts'),
        engineHost: resolve(root, 'src/main/host/engineHostMain.ts'),
      },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
