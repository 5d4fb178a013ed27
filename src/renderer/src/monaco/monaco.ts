/**
 * Monaco, ready for a file viewer: the editor core (no language services — logs need none)
 * and its one worker, bundled by Vite through a `?worker` import (no CDN, no AMD loader; the
 * worker is served from the app's own origin, which the CSP's `worker-src 'self' blob:` allows).
 *
 * Nothing imports this module yet, so Monaco is not in the build. A viewer should load it
 * lazily so that it lands in its own chunk:
 *   const { monaco } = await import('../monaco/monaco.ts');
 *   monaco.editor.create(element, { value, readOnly: true, language: 'plaintext' });
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

export { monaco };
