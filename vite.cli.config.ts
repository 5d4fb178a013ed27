/**
 * Builds the `tarsier` CLI (src/main/cli/main.ts) into one ESM Node module, out/cli/main.js,
 * which bin/tarsier.js runs. Node built-ins and npm dependencies stay external (SSR build
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
    ssr: resolve(root, 'src/main/cli/main.ts'),
    outDir: resolve(root, 'out/cli'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rolldownOptions: {
      output: { format: 'es', entryFileNames: 'main.js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
