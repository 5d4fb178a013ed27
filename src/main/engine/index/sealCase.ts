/**
 * Puts a read case together: the segments that the ingest threads returned (one per file, in
 * any order) are numbered in inventory order, their event columns laid end to end, their
 * message shapes mined into templates, and the files merged into one timeline. Postings are
 * not touched: each segment keeps its own, read through {@link CasePostings}.
 */
import type { FileRecord } from '../../../shared/model.ts';
import { TemplateMiner } from '../../../shared/patterns/templateMiner.ts';
import { CaseIndex, type IndexedFile } from './caseIndex.ts';
import { CasePostings, type SegmentPostings } from './casePostings.ts';
import { messageShape, type SegmentData } from './segmentBuilder.ts';
import { SpoolStore, type SpoolSegment } from './spoolStore.ts';
import { compileStanding } from './standingQueries.ts';
import { mergeTimeline } from './timeline.ts';

/** Where a case's spool files are. */
export interface SpoolFiles {
  dir: string;
  /** File names by writer number. */
  files: string[];
}

/** The parts of a segment that stay with the case once it is sealed (the rest is copied into case-wide columns). */
export type KeptSegment = SpoolSegment & Omit<SegmentPostings, 'base'> & { shapeMessages: string[]; shapeCounts: Uint32Array; shape: Uint32Array };

/**
 * Builds the {@link CaseIndex} of `files` (the inventory, in reading order) from their segments
 * (`segmentOf` gives each read file's segment; a file without one has no events).
 */
export function sealCase(files: readonly FileRecord[], segmentOf: (file: FileRecord) => SegmentData | undefined, spool: SpoolFiles, zone: string, standing: readonly string[] = []): CaseIndex {
  const components: string[] = [];
  const componentIndex = new Map<string, number>();
  const segments: SegmentData[] = [];
  let total = 0;
  const indexed: IndexedFile[] = files.map((record) => {
    const key = `${record.module}/${record.component}`;
    let component = componentIndex.get(key);
    if (component === undefined) {
      component = components.length;
      components.push(key);
      componentIndex.set(key, component);
    }
    const segment = segmentOf(record);
    if (!segment) return { record, store: -1, first: total, count: 0, component };
    const file = { record, store: segments.length, first: total, count: segment.line.length, component };
    segments.push(segment);
    total += segment.line.length;
    return file;
  });

  const columns = {
    file: new Uint32Array(total),
    line: new Uint32Array(total),
    lineCount: new Uint32Array(total),
    time: new Float64Array(total),
    level: new Uint8Array(total),
  };
  for (const [i, f] of indexed.entries()) {
    if (f.store < 0) continue;
    const s = segments[f.store];
    columns.file.fill(i, f.first, f.first + f.count);
    columns.line.set(s.line, f.first);
    columns.lineCount.set(s.lineCount, f.first);
    columns.time.set(s.time, f.first);
    columns.level.set(s.level, f.first);
  }

  const { templateOf, templates } = mineTemplates(segments, indexed);
  const postings = new CasePostings(
    indexed
      .filter((f) => f.store >= 0)
      .map((f) => {
        const s = segments[f.store];
        return { base: f.first, terms: s.terms, postingOffsets: s.postingOffsets, counts: s.counts, postings: s.postings, requests: s.requests };
      }),
  );
  const store = new SpoolStore(
    spool.dir,
    spool.files,
    segments.map((s) => ({ spool: s.spool, textStart: s.textStart, lineOffsets: s.lineOffsets })),
  );
  const stats = { events: total, terms: 0, postings: 0, chars: 0 };
  for (const s of segments) {
    stats.terms += s.stats.terms;
    stats.postings += s.stats.postings;
    stats.chars += s.stats.chars;
  }
  const timeline = mergeTimeline(indexed, columns.time);
  const index = new CaseIndex(indexed, components, columns, store, timeline, zone, postings, templateOf, templates, stats);
  // The standing queries' hits, in case event ids (the queries that compiled, in order, are the ones answered).
  const answered = compileStanding(standing, zone);
  answered.forEach((q, i) => {
    let n = 0;
    for (const f of indexed) if (f.store >= 0) n += segments[f.store].hits[i]?.length ?? 0;
    const hits = new Uint32Array(n);
    let at = 0;
    for (const f of indexed) {
      if (f.store < 0) continue;
      for (const local of segments[f.store].hits[i] ?? []) hits[at++] = f.first + local;
    }
    index.standing.set(q.text, hits);
  });
  return index;
}

/**
 * Message templates of every event: the segments found one message per shape; the miner sees
 * each distinct shape once (the commonest first, so that they set the templates), and every
 * event gets its shape's template.
 */
function mineTemplates(segments: readonly SegmentData[], files: readonly IndexedFile[]) {
  const shapes = new Map<string, { id: number; message: string; count: number }>();
  const globalOf: Uint32Array[] = segments.map((s) => {
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
  for (const shape of [...shapes.values()].sort((a, b) => b.count - a.count || a.id - b.id)) templateOfShape[shape.id] = miner.add(shape.message);
  let total = 0;
  for (const f of files) total += f.count;
  const templateOf = new Uint32Array(total);
  for (const f of files) {
    if (f.store < 0) continue;
    const local = segments[f.store].shape;
    const map = globalOf[f.store];
    for (let e = 0; e < local.length; e++) templateOf[f.first + e] = templateOfShape[map[local[e]]];
  }
  return { templateOf, templates: miner.templates() };
}
