// The merged timeline and what reads it (windows, jump to time, context, histograms, patterns in a
// range) on a generated bundle, checked against brute force; then the index's building blocks on
// their own: mergeTimeline, Bitmap, the spool store and postings, against simple models with fast-check.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bitmap } from '../../src/main/engine/index/bitmap.ts';
import type { CaseIndex } from '../../src/main/engine/index/caseIndex.ts';
import { CasePostings, termAt } from '../../src/main/engine/index/casePostings.ts';
import { TermTable } from '../../src/main/engine/index/termTable.ts';
import { SpoolStore } from '../../src/main/engine/index/spoolStore.ts';
import { SpoolWriter } from '../../src/main/engine/ingest/spoolWriter.ts';
import { matchingEvents } from '../../src/main/engine/index/searchIndex.ts';
import { mergeTimeline, positionAtTime } from '../../src/main/engine/index/timeline.ts';
import { histogram, patternsInRange } from '../../src/main/engine/index/timelineStats.ts';
import { LEVELS } from '../../src/shared/model.ts';
import { parseQuery } from '../../src/shared/search/queryLanguage.ts';
import type { Manifest } from '../fixtures/generateBundle.ts';
import { openGeneratedCase, type GeneratedCase } from '../support/generatedCase.ts';

let generated: GeneratedCase | null = null;
let manifest: Manifest;
let index: CaseIndex;

beforeAll(async () => {
  generated = await openGeneratedCase('tarsier-timeline-');
  ({ manifest, index } = generated);
});

afterAll(async () => {
  await generated?.remove();
});

const timed = () => [...index.events.time].filter((t) => !Number.isNaN(t));

describe('the timeline of a generated bundle', () => {
  it('window() over the whole range gives every event exactly once, in key order', () => {
    const all = index.window(0, index.size);
    expect(all).toHaveLength(index.size);
    expect(new Set(all.map((v) => v.id)).size).toBe(index.size);
    all.forEach((v, p) => expect(v.position).toBe(p));
    // Pages of any size put together give the same.
    const paged = [];
    for (let p = 0; p < index.size; p += 997) paged.push(...index.window(p, 997));
    expect(paged.map((v) => v.id)).toEqual(all.map((v) => v.id));
    expect(index.window(-5, 10).map((v) => v.position)).toEqual([0, 1, 2, 3, 4]);
    expect(index.window(index.size - 3, 10)).toHaveLength(3);
    expect(index.window(index.size, 10)).toEqual([]);
    const { keys } = index.timeline;
    for (let p = 1; p < keys.length; p++) expect(keys[p] >= keys[p - 1], `key at ${p}`).toBe(true);
  });

  it('is a stable sort by time: then file, then line; files without time last', () => {
    const { order, keys } = index.timeline;
    const key = modelKeys(
      index.files.map((f) => ({ first: f.first, count: f.count })),
      index.events.time,
    );
    const expected = Array.from({ length: index.size }, (_, e) => e).sort((a, b) => key[a] - key[b] || a - b);
    expect([...order]).toEqual(expected);
    expect([...keys]).toEqual(expected.map((e) => key[e]));
    const timedCount = index.files.filter((f) => f.record.firstTime !== null).reduce((n, f) => n + f.count, 0);
    const untimed = index.window(timedCount, index.size).map((v) => v.id);
    expect(untimed).toEqual(
      index.files
        .filter((f) => f.record.firstTime === null)
        .flatMap((f) => Array.from({ length: f.count }, (_, i) => f.first + i)),
    );
  });

  it('positionAt() finds the first event at or after a time', () => {
    const { keys } = index.timeline;
    const times = timed();
    const samples = [
      Math.min(...times) - 1,
      Math.min(...times),
      Math.max(...times),
      Math.max(...times) + 1,
      ...times.filter((_, i) => i % 251 === 0),
      ...times.filter((_, i) => i % 389 === 0).map((t) => t + 0.5),
    ];
    for (const t of samples) {
      const p = index.positionAt(t);
      expect(p === 0 || keys[p - 1] < t, `before ${t}`).toBe(true);
      expect(p === keys.length || keys[p] >= t, `at ${t}`).toBe(true);
      if (p < index.size && !Number.isNaN(index.events.time[index.timeline.order[p]]))
        expect(index.window(p, 1)[0].time!).toBeGreaterThanOrEqual(t);
    }
    expect(index.positionAt(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(index.positionAt(Number.POSITIVE_INFINITY)).toBe(
      index.files.filter((f) => f.record.firstTime !== null).reduce((n, f) => n + f.count, 0),
    );
  });

  it('context() stays in the event’s file and is clipped at its edges', () => {
    const picks = index.files.flatMap((f) =>
      f.count === 0 ? [] : [f.first, f.first + f.count - 1, f.first + (f.count >> 1)],
    );
    for (const e of picks) {
      const f = index.fileOf(e);
      for (const [before, after] of [
        [0, 0],
        [3, 2],
        [50, 50],
        [10_000, 1],
      ]) {
        const ctx = index.context(e, before, after);
        const from = Math.max(f.first, e - before);
        const to = Math.min(f.first + f.count - 1, e + after);
        expect(
          ctx.map((v) => v.id),
          `${f.record.path} ${e}`,
        ).toEqual(Array.from({ length: to - from + 1 }, (_, i) => from + i));
        expect(ctx.every((v) => v.path === f.record.path)).toBe(true);
        for (let i = 1; i < ctx.length; i++)
          expect(ctx[i].line).toBeGreaterThanOrEqual(ctx[i - 1].line + ctx[i - 1].lineCount);
      }
    }
  });

  it('histogram rows add up to the timed events, per component and level', () => {
    const h = histogram(index)!;
    expect(h.bins).toBe(100);
    const total = h.rows.reduce((n, r) => n + r.counts.reduce((a, b) => a + b, 0), 0);
    expect(total).toBe(timed().length);
    const want = new Map<string, number>();
    for (let e = 0; e < index.size; e++) {
      if (Number.isNaN(index.events.time[e])) continue;
      const k = `${index.components[index.fileOf(e).component]} ${LEVELS[index.events.level[e]]}`;
      want.set(k, (want.get(k) ?? 0) + 1);
    }
    expect(new Map(h.rows.map((r) => [`${r.component} ${r.level}`, r.counts.reduce((a, b) => a + b, 0)]))).toEqual(
      want,
    );

    // A sub-range in 7 bins, counted by hand.
    const from = Date.parse('2025-09-18T16:00:00+08:00');
    const to = Date.parse('2025-09-18T16:30:00+08:00');
    const part = histogram(index, { from, to, bins: 7 })!;
    const bins = new Array(7).fill(0);
    for (const t of timed()) if (t >= from && t <= to) bins[Math.min(6, Math.floor((t - from) / ((to - from) / 7)))]++;
    const sum = part.rows.reduce((acc, r) => acc.map((n, i) => n + r.counts[i]), new Array(7).fill(0));
    expect(sum).toEqual(bins);
  });

  it('histogram over search hits counts the timed hits', () => {
    for (const q of ['level:>=error', 'attach*', 'goroutine OR level:warning']) {
      const parsed = parseQuery(q);
      if (!parsed.ok) throw new Error(q);
      const { events } = matchingEvents(index, parsed.query);
      const h = histogram(index, { only: events, bins: 13 })!;
      const total = h.rows.reduce((n, r) => n + r.counts.reduce((a, b) => a + b, 0), 0);
      const timedHits = [...events.toArray()].filter((e) => !Number.isNaN(index.events.time[e])).length;
      expect(total, q).toBe(timedHits);
      if (q === 'level:>=error') expect(total).toBe(events.count());
    }
  });

  it('patternsInRange counts templates inside a range and flags those seen only there', () => {
    const templateOf = index.templateOf!;
    expect(index.patterns.reduce((n, p) => n + p.count, 0)).toBe(index.size);
    const whole = patternsInRange(index, { limit: 100_000 });
    expect(whole.every((p) => p.inRange === p.count && !p.onlyInRange)).toBe(true);
    expect(whole).toHaveLength(index.patterns.length);

    const attach = manifest.incidents.find((i) => i.id === 'attach-volume-404')!;
    const from = Date.parse(attach.time) - 20_000;
    const to = Date.parse(attach.time) + 1_000;
    const inRange = new Map<number, number>();
    for (let e = 0; e < index.size; e++) {
      const t = index.events.time[e];
      if (t >= from && t <= to) inRange.set(templateOf[e], (inRange.get(templateOf[e]) ?? 0) + 1);
    }
    const got = patternsInRange(index, { from, to, limit: 100_000 });
    expect(new Map(got.map((p) => [p.id, p.inRange]))).toEqual(inRange);
    for (const p of got) expect(p.onlyInRange, p.text).toBe(p.inRange === p.count);
    expect(got.some((p) => p.onlyInRange && p.errors > 0)).toBe(true);
    // Only-in-range first, then those with errors, then by count in range.
    const rankOf = (p: (typeof got)[number]) => [Number(!p.onlyInRange), Number(!(p.errors > 0)), -p.inRange];
    for (let i = 1; i < got.length; i++) {
      const [a, b] = [rankOf(got[i - 1]), rankOf(got[i])];
      const cmp = a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
      expect(cmp, `${got[i - 1].text} / ${got[i].text}`).toBeLessThanOrEqual(0);
    }
    expect(patternsInRange(index, { from, to, limit: 3 })).toEqual(got.slice(0, 3));
  });

  it('searchPatterns finds message templates by their words', () => {
    const hits = index.searchPatterns('attach volume');
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0].text.toLowerCase()).toContain('attach');
    expect(index.searchPatterns('heartbeat', 2).length).toBeLessThanOrEqual(2);
    expect(index.searchPatterns('qqqqzzzzxxxx')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Building blocks against models

/**
 * The timeline's sort key, written from its documentation: an event's time, else that of the
 * timed event before it in its file, else the file's first time; +∞ in a file without time.
 */
function modelKeys(files: readonly { first: number; count: number }[], time: ArrayLike<number>): number[] {
  const key: number[] = [];
  for (const f of files) {
    const times = Array.from({ length: f.count }, (_, i) => time[f.first + i]);
    const firstTime = times.find((t) => !Number.isNaN(t)) ?? Number.POSITIVE_INFINITY;
    let before = firstTime;
    times.forEach((t, i) => {
      if (!Number.isNaN(t)) before = t;
      key[f.first + i] = before;
    });
  }
  return key;
}

describe('mergeTimeline', () => {
  // Files as real ones are: mostly in time order, with lines out of place, repeated times and
  // events without a time anywhere (or no time at all).
  const file = fc.oneof(
    fc.array(fc.option(fc.integer({ min: 990, max: 1100 }), { nil: Number.NaN, freq: 4 }), { maxLength: 14 }),
    fc
      .tuple(fc.nat(5), fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 12 }), fc.boolean())
      .map(([lead, steps, noTime]) => {
        let t = 1000;
        const times = steps.map((s) => (t += s));
        return noTime
          ? new Array(lead + steps.length).fill(Number.NaN)
          : [...new Array(lead).fill(Number.NaN), ...times];
      }),
  );
  it('is a stable sort by time of every file’s events, ties by file then line, untimed files last', () => {
    fc.assert(
      fc.property(fc.array(file, { maxLength: 6 }), (files) => {
        const time = Float64Array.from(files.flat());
        let first = 0;
        const runs = files.map((f) => ({ first: (first += f.length) - f.length, count: f.length }));
        const { order, rank, keys } = mergeTimeline(runs, time);
        // Brute force: every event id sorted by (key, id), ids being files in order, then lines.
        const key = modelKeys(runs, time);
        const expected = Array.from({ length: time.length }, (_, i) => i).sort((a, b) => key[a] - key[b] || a - b);
        expect([...order]).toEqual(expected);
        expect([...keys]).toEqual(expected.map((e) => key[e]));
        order.forEach((e, p) => expect(rank[e]).toBe(p));
        const untimed = runs
          .filter((r, i) => files[i].every(Number.isNaN))
          .flatMap((r) => Array.from({ length: r.count }, (_, k) => r.first + k));
        expect([...order.slice(time.length - untimed.length)]).toEqual(untimed);
        for (const t of [0, 1000, 1020, 5000, Number.POSITIVE_INFINITY]) {
          const p = positionAtTime(keys, t);
          expect(p === 0 || keys[p - 1] < t).toBe(true);
          expect(p === keys.length || keys[p] >= t).toBe(true);
        }
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('puts an untimed event right after the timed event before it in its file, or just before the first', () => {
    // File 0: 10, –, 5, –   file 1: –, 7, 10
    const time = Float64Array.from([10, Number.NaN, 5, Number.NaN, Number.NaN, 7, 10]);
    const { order } = mergeTimeline(
      [
        { first: 0, count: 4 },
        { first: 4, count: 3 },
      ],
      time,
    );
    expect([...order]).toEqual([2, 3, 4, 5, 0, 1, 6]);
  });
});

describe('Bitmap', () => {
  const ops = fc.array(
    fc.tuple(
      fc.constantFrom('and', 'or', 'andNot', 'not', 'range'),
      fc.uniqueArray(fc.nat(199)),
      fc.nat(200),
      fc.nat(200),
    ),
    { maxLength: 8 },
  );
  it('and / or / andNot / not / addRange / count / page / forEach agree with a Set', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.uniqueArray(fc.nat(199)),
        ops,
        fc.nat(220),
        fc.nat(40),
        (size, start, steps, offset, limit) => {
          const inRange = (xs: number[]) => xs.filter((x) => x < size);
          const b = new Bitmap(size);
          let model = new Set(inRange(start));
          model.forEach((x) => b.add(x));
          for (const [op, xs, lo, hi] of steps) {
            const other = new Bitmap(size);
            inRange(xs).forEach((x) => other.add(x));
            const o = new Set(inRange(xs));
            if (op === 'and') {
              b.and(other);
              model = new Set([...model].filter((x) => o.has(x)));
            } else if (op === 'or') {
              b.or(other);
              model = new Set([...model, ...o]);
            } else if (op === 'andNot') {
              b.andNot(other);
              model = new Set([...model].filter((x) => !o.has(x)));
            } else if (op === 'not') {
              b.not();
              model = new Set(Array.from({ length: size }, (_, i) => i).filter((x) => !model.has(x)));
            } else {
              const [from, to] = [Math.min(lo, hi, size), Math.min(Math.max(lo, hi), size)];
              b.addRange(from, to);
              for (let i = from; i < to; i++) model.add(i);
            }
          }
          const sorted = [...model].sort((x, y) => x - y);
          expect([...b.toArray()]).toEqual(sorted);
          expect(b.count()).toBe(sorted.length);
          expect(b.isEmpty()).toBe(sorted.length === 0);
          expect(b.page(offset, limit)).toEqual(sorted.slice(offset, offset + limit));
          for (let i = 0; i < size; i++) expect(b.has(i)).toBe(model.has(i));
          const seen: number[] = [];
          b.forEach((i) => {
            seen.push(i);
            return seen.length < 3;
          });
          expect(seen).toEqual(sorted.slice(0, 3));
          expect([...b.clone().toArray()]).toEqual(sorted);
          expect(Bitmap.full(size).count()).toBe(size);
        },
      ),
      { seed: 5, numRuns: 500 },
    );
  });
});

describe('SpoolStore', () => {
  const line = fc.string({ unit: 'grapheme', maxLength: 30 }).filter((s) => !s.includes('\n'));
  it('reads any line range of any segment, across read windows, as written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tarsier-spool-'));
    try {
      let run = 0;
      fc.assert(
        fc.property(
          fc.array(fc.array(line, { maxLength: 40 }), { minLength: 1, maxLength: 4 }),
          fc.integer({ min: 1, max: 64 }),
          (segments, windowBytes) => {
            // Segments go to two spool files, as two ingest threads would write them.
            const names = [`spool-t${run}-0.txt`, `spool-t${run}-1.txt`];
            run++;
            const writers = names.map((name) => new SpoolWriter(join(dir, name)));
            const placed = segments.map((lines, i) => {
              const writer = writers[i % 2];
              const textStart = writer.position;
              const offsets = lines.map((l) => writer.writeLine(l) - textStart);
              return {
                spool: i % 2,
                textStart,
                lineOffsets: Float64Array.from([...offsets, writer.position - textStart]),
              };
            });
            writers.forEach((w) => w.close());
            const store = new SpoolStore(dir, names, placed, windowBytes);
            segments.forEach((lines, s) => {
              expect(store.lineCount(s)).toBe(lines.length);
              for (let from = 0; from <= lines.length + 1; from++) {
                for (const count of [0, 1, 2, 5, lines.length + 2]) {
                  const want = lines.slice(Math.max(1, from) - 1, Math.max(0, from + count - 1));
                  expect(store.readLines(s, from, count), `segment ${s} from ${from} count ${count}`).toEqual(want);
                  expect(store.readText(s, from, count)).toBe(want.length === 0 ? null : want.join('\n'));
                }
              }
            });
            store.close();
          },
        ),
        { seed: 3, numRuns: 60 },
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('term table order', () => {
  // Lookups are binary searches with JS string comparison: the packed terms must be in that order,
  // whatever the characters (ASCII, accents, Han, surrogates) and however they share prefixes.
  it('packs terms in JS string order', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 5 }),
      fc.constantFrom('创', '创建', '副', 'é', 'e', 'zz', '\u007f', '\u0080'),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.array(piece, { minLength: 1, maxLength: 3 }).map((p) => p.join('')),
          { minLength: 1, maxLength: 80 },
        ),
        (words) => {
          const table = new TermTable();
          words.forEach((w, i) => table.add(`\u0000${w}`, i));
          const built = table.finish();
          const packed = Array.from({ length: built.offsets.length - 1 }, (_, t) =>
            termAt({ text: built.text, offsets: built.offsets }, t),
          );
          expect(packed).toEqual([...words].sort());
        },
      ),
      { seed: 9, numRuns: 300 },
    );
  });
});

describe('term table and case postings', () => {
  // Per term, increasing event ids with small and large gaps (varints of 1 to 5 bytes).
  const gaps = fc.array(
    fc.oneof(
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 100, max: 20_000 }),
      fc.integer({ min: 1 << 21, max: 1 << 24 }),
    ),
    { minLength: 1, maxLength: 60 },
  );
  const terms = fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 6 }), gaps), {
    selector: (t) => t[0],
    minLength: 1,
    maxLength: 12,
  });
  it('give back every list as written, whatever the gaps and however many, across segments', () => {
    fc.assert(
      fc.property(terms, fc.nat(1 << 20), fc.nat(1 << 20), (spec, local, base) => {
        const lists = new Map(
          spec.map(([term, g]) => [
            term,
            g.reduce<number[]>((acc, d) => [...acc, (acc.length ? acc[acc.length - 1] : local - 1) + d], []),
          ]),
        );
        lists.set(
          'many',
          Array.from({ length: 5000 }, (_, i) => local + i * 8 + (i % 7)),
        );
        // Gaps of 2^28 and more take five varint bytes.
        lists.set('far', [5, 5 + 2 ** 28 + 3, 5 + 2 ** 29 + 100, 2 ** 31 - 2]);
        // Pairs in nondecreasing event order, each given twice (repeats are ignored); words have no prefix.
        const pairs = [...lists]
          .flatMap(([term, events]) => events.map((e) => [term, e] as const))
          .sort((a, b) => a[1] - b[1]);
        const table = new TermTable();
        for (const [term, e] of pairs) {
          table.add(`\u0000${term}`, e);
          table.add(`\u0000${term}`, e);
        }
        const built = table.finish();
        const segment = {
          base: 0,
          terms: { text: built.text, offsets: built.offsets },
          postingOffsets: built.postingOffsets,
          counts: built.counts,
          postings: built.postings,
          requests: new Uint32Array(0),
        };
        const sortedTerms = Array.from({ length: built.offsets.length - 1 }, (_, t) => termAt(segment.terms, t));
        expect(sortedTerms).toEqual([...lists.keys()].sort());
        // The same segment twice, the second numbered from `base` past the first's last event.
        const second = 2 ** 31 + base;
        const postings = new CasePostings([segment, { ...segment, base: second }]);
        for (const [term, events] of lists) {
          expect(postings.events(term), term).toEqual([...events, ...events.map((e) => e + second)]);
          expect(postings.count(term)).toBe(events.length * 2);
        }
        expect(postings.count('not a term')).toBe(0);
        expect(postings.events('not a term')).toEqual([]);
        const small = new Bitmap(local + 50_000);
        expect(new CasePostings([segment]).addTo('many', small)).toBe(5000);
        expect([...small.toArray()]).toEqual(lists.get('many'));
        expect(postings.withPrefix('ma')).toEqual(sortedTerms.filter((t) => t.startsWith('ma')));
      }),
      { seed: 17, numRuns: 60 },
    );
  });
});
