/** Reads bytes through FileIngest as a container would hand them over: cut into chunks at given points. */
import { epochMs, type FileRecord } from '../../src/shared/model.ts';
import { FileIngest, ingestSource } from '../../src/main/engine/ingest/fileIngest.ts';
import { loadClassifier, loadFormats } from '../../src/main/engine/platform/resources.ts';

const formats = loadFormats();
const classifier = loadClassifier();

/** `bytes` cut at each of `cuts` (taken modulo its length, deduplicated, in order). */
export function cutAt(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    if (p > prev) chunks.push(bytes.subarray(prev, p));
    prev = p;
  }
  return chunks;
}

/** The file's record and lines when `bytes` arrive cut at `cuts`. */
export async function ingestCut(
  bytes: Buffer,
  cuts: readonly number[] = [],
): Promise<{ record: FileRecord; lines: string[] }> {
  const chunks = cutAt(bytes, cuts);
  const source = {
    async *[Symbol.asyncIterator]() {
      yield* chunks;
    },
  };
  const lines: string[] = [];
  const task = {
    path: 'x.log',
    bundle: 0,
    meta: { size: null, mtime: null },
    component: classifier.classify('x.log'),
    zone: 'UTC',
    maxLineChars: 65536,
    fallbackReference: epochMs(Date.UTC(2026, 0, 1)),
  };
  const ingest = new FileIngest(task, { formats }, { line: (text) => lines.push(text) });
  const outcome = await ingestSource(ingest, source);
  if (!outcome.read) throw new Error(outcome.reason);
  return { record: outcome.record, lines };
}
