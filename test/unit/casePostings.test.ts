// CasePostings over many small segments (a bundle of many small files) answers exactly as a
// search of every segment would: the per-segment Bloom filters only skip, never lose.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CasePostings, type SegmentPostings } from '../../src/main/engine/index/casePostings.ts';

/** A segment holding `postings` (term → ascending local events), based at `base`. */
function segment(base: number, postings: Map<string, number[]>, requests: string[] = []): SegmentPostings {
  const terms = [...postings.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const offsets = new Uint32Array(terms.length + 1);
  let text = '';
  const bytes: number[] = [];
  const postingOffsets = new Uint32Array(terms.length + 1);
  const counts = new Uint32Array(terms.length);
  terms.forEach((term, t) => {
    text += term;
    offsets[t + 1] = text.length;
    let previous = -1;
    for (const event of postings.get(term)!) {
      let delta = event - previous;
      previous = event;
      while (delta >= 128) {
        bytes.push((delta % 128) | 0x80);
        delta = Math.floor(delta / 128);
      }
      bytes.push(delta);
    }
    counts[t] = postings.get(term)!.length;
    postingOffsets[t + 1] = bytes.length;
  });
  const requestPositions = Uint32Array.from(requests.map((r) => terms.indexOf(r)).sort((a, b) => a - b));
  return {
    base,
    terms: { text, offsets },
    postingOffsets,
    counts,
    postings: Uint8Array.from(bytes),
    requests: requestPositions,
  };
}

const word = fc.stringMatching(/^[a-z0-9]{1,6}$/);

describe('CasePostings', () => {
  it('finds every term in any of thousands of small segments, and large ones, like a full scan', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(word, { minLength: 1, maxLength: 80 }), { minLength: 1, maxLength: 300 }),
        fc.array(word, { maxLength: 30 }),
        (segmentTerms, probes) => {
          let base = 0;
          const expected = new Map<string, number[]>();
          const segments = segmentTerms.map((terms) => {
            const postings = new Map(terms.map((term, i) => [term, [i % 3, 3 + (i % 5)]]));
            const s = segment(base, postings, terms.slice(0, 1));
            for (const [term, events] of postings)
              expected.set(term, [...(expected.get(term) ?? []), ...events.map((e) => base + e)]);
            base += 8;
            return s;
          });
          const postings = new CasePostings(segments);
          for (const key of [...probes, ...segmentTerms.flat().slice(0, 50)]) {
            const want = expected.get(key) ?? [];
            expect(postings.count(key)).toBe(want.length);
            expect(postings.events(key)).toEqual(want);
            expect(postings.isRequest(key)).toBe(segmentTerms.some((terms) => terms[0] === key));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
