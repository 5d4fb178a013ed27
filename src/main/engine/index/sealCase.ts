/**
 * Puts a read case together: the segments that the ingest threads returned (one or more per
 * file, files in any order) are numbered in inventory order, their event columns laid end to
 * end, their message shapes mined into templates, and the files merged into one timeline.
 * Postings are not touched: each segment keeps its own, read through {@link CasePostings}. A
 * file's segments were written one after another by one thread, so its text is one range of one
 * spool file.
 */
import type { FileRecord } from '../../../shared/model.ts';
import { TemplateMiner } from '../../../shared/patterns/templateMiner.ts';
import { CaseIndex, type IndexedFile } from './caseIndex.ts';
import { CasePostings, type SegmentPostings } from './casePostings.ts';
import type { SegmentData } from './segmentBuilder.ts';
import { messageShape } from '../../../shared/patterns/messageShape.ts';
import { SpoolStore, type SpoolSegment } from './spoolStore.ts';
import { compileStanding } from './standingQueries.ts';
import { mergeTimeline } from './timeline.ts';

/** Where a case's spool files are. */
export interface SpoolFiles {
  dir: string;
  /** File names by writer number. */
  files: string[];
}

/** One file's text: its segments' line offsets as one table from the first segment's start. */
function fileText(segments: readonly SegmentData[]): SpoolSegment {
  const first = segments[0];
  let lines = 0;
  for (const s of segments) lines += s.lineOffsets.length - 1;
  const lineOffsets = new Float64Array(lines + 1);
  let at = 0;
  for (const s of segments) {
    const shift = s.textStart - first.textStart;
    const n = s.lineOffsets.length - 1;
    for (let i = 0; i < n; i++) lineOffsets[at + i] = s.lineOffsets[i] + shift;
    at += n;
    lineOffsets[at] = s.lineOffsets[n] + shift;
  }
  return { spool: first.spool, textStart: first.textStart, lineOffsets };
}

/** The steps of a seal, as `onStep` counts them: columns, templates, postings and text, timeline, standing hits. */
export const SEAL_STEPS = 5;

/**
 * Builds the {@link CaseIndex} of `files` (the inventory, in reading order) from their segments
 * (`segmentsOf` gives each read file's segments in file order; a file without any has no events).
 * `onStep` is told each step done (of {@link SEAL_STEPS}).
 */
export function sealCase(
  files: readonly FileRecord[],
  segmentsOf: (file: FileRecord) => SegmentData[] | undefined,
  spool: SpoolFiles,
  zone: string,
  standing: readonly string[] = [],
  onStep: (done: number, total: number) => void = () => undefined,
): CaseIndex {
  const components: string[] = [];
  const componentIndex = new Map<string, number>();
  const texts: SpoolSegment[] = [];
  /** Every segment with the case event id of its first event, in inventory order. */
  const placed: { segment: SegmentData; base: number }[] = [];
  let total = 0;
  const indexed: IndexedFile[] = files.map((record) => {
    const key = `${record.module}/${record.component}`;
    let component = componentIndex.get(key);
    if (component === undefined) {
      component = components.length;
      components.push(key);
      componentIndex.set(key, component);
    }
    const segments = segmentsOf(record) ?? [];
    if (segments.length === 0) return { record, store: -1, first: total, count: 0, component };
    const first = total;
    for (const segment of segments) {
      placed.push({ segment, base: total });
      total += segment.line.length;
    }
    texts.push(fileText(segments));
    return { record, store: texts.length - 1, first, count: total - first, component };
  });

  const columns = {
    file: new Uint32Array(total),
    line: new Uint32Array(total),
    lineCount: new Uint32Array(total),
    time: new Float64Array(total),
    level: new Uint8Array(total),
  };
  for (const [i, f] of indexed.entries()) columns.file.fill(i, f.first, f.first + f.count);
  for (const { segment: s, base } of placed) {
    columns.line.set(s.line, base);
    columns.lineCount.set(s.lineCount, base);
    columns.time.set(s.time, base);
    columns.level.set(s.level, base);
  }
  onStep(1, SEAL_STEPS);

  const { templateOf, templates } = mineTemplates(placed, total);
  onStep(2, SEAL_STEPS);
  const postings = new CasePostings(
    placed.map(({ segment: s, base }): SegmentPostings => ({
      base,
      terms: s.terms,
      postingOffsets: s.postingOffsets,
      counts: s.counts,
      postings: s.postings,
      requests: s.requests,
    })),
  );
  const store = new SpoolStore(spool.dir, spool.files, texts);
  const stats = { events: total, terms: 0, postings: 0, chars: 0 };
  for (const { segment: s } of placed) {
    stats.terms += s.stats.terms;
    stats.postings += s.stats.postings;
    stats.chars += s.stats.chars;
  }
  onStep(3, SEAL_STEPS);
  const timeline = mergeTimeline(indexed, columns.time);
  onStep(4, SEAL_STEPS);
  const index = new CaseIndex(
    indexed,
    components,
    columns,
    store,
    timeline,
    zone,
    postings,
    templateOf,
    templates,
    stats,
  );
  // The standing queries' hits, in case event ids (the queries that compiled, in order, are the ones answered).
  compileStanding(standing, zone).forEach((q, i) => {
    let n = 0;
    for (const { segment } of placed) n += segment.hits[i]?.length ?? 0;
    const hits = new Uint32Array(n);
    let at = 0;
    for (const { segment, base } of placed) for (const local of segment.hits[i] ?? []) hits[at++] = base + local;
    index.standing.set(q.text, hits);
  });
  onStep(SEAL_STEPS, SEAL_STEPS);
  return index;
}

/**
 * Message templates of every event: the segments found one message per shape; the miner sees
 * each distinct shape once (the commonest first, so that they set the templates), and every
 * event gets its shape's template.
 */
function mineTemplates(placed: readonly { segment: SegmentData; base: number }[], total: number) {
  const shapes = new Map<string, { id: number; message: string; count: number }>();
  const globalOf: Uint32Array[] = placed.map(({ segment: s }) => {
    const map = new Uint32Array(s.shapeMessages.length);
    s.shapeMessages.forEach((message, local) => {
      const key = messageShape(message);
      let shape = shapes.get(key);
      if (!shape) {
        shape = { id: shapes.size, message, count: 0 };
        shapes.set(key, shape);
      }
      shape.count += s.shapeCounts[local];
      map[local] = shape.id;
    });
    return map;
  });
  const miner = new TemplateMiner();
  const templateOfShape = new Uint32Array(shapes.size);
  for (const shape of [...shapes.values()].sort((a, b) => b.count - a.count || a.id - b.id))
    templateOfShape[shape.id] = miner.add(shape.message);
  const templateOf = new Uint32Array(total);
  placed.forEach(({ segment, base }, k) => {
    const local = segment.shape;
    const map = globalOf[k];
    for (let e = 0; e < local.length; e++) templateOf[base + e] = templateOfShape[map[local[e]]];
  });
  return { templateOf, templates: miner.templates() };
}
