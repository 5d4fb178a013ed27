/**
 * The few editor features a read-only log viewer needs on top of the bare editor core of
 * `monaco/monaco.ts`: find (Ctrl/⌘-F) with its icons, the context menu (copy, "Trace the id"),
 * the clipboard and the "read-only" hint. Loaded with Monaco, in the viewer's own chunk.
 */
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/readOnlyMessage/register';
