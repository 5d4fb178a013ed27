// Search over the case index against a naive oracle written here from the semantics documented in
// src/shared/search/matchEvent.ts (tokenize, extractIds and plain string operations; never
// compileMatcher): on a generated bundle, for fixed queries covering every operator and for random
// queries built from the bundle's own words, inline and in the worker threads; plus a small
// hand-made case with known traps.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseIndex } from '../../src/main/engine/index/caseIndex.ts';
import { indexCase } from '../../src/main/engine/index/indexCase.ts';
import { matchingEvents, searchEvents } from '../../src/main/engine/index/searchIndex.ts';
import { requestsOfInterest, traceId } from '../../src/main/engine/index/traceId.ts';
import { extractIds, normalizeIdQuery } from '../../src/shared/ids/extractIds.ts';
import { compileGlob } from '../../src/shared/glob.ts';
import { LEVELS, type Level } from '../../src/shared/model.ts';
import { parseQuery, type QueryNode } from '../../src/shared/search/queryLanguage.ts';
import { tokenize } from '../../src/shared/search/tokenize.ts';
import type { Manifest } from '../fixtures/generateBundle.ts';
import { openGeneratedCase, oracleKeysOf, type GeneratedCase } from '../support/generatedCase.ts';

// ---------------------------------------------------------------------------------------------
// The oracle

interface Facts {
  text: string;
  lower: string;
  tokens: Set<string>;
  ids: Set<string>;
  level: Level;
  module: string;
  component: string;
  path: string;
  time: number | null;
  componentKey: string;
  template: number;
}

function factsOf(index: CaseIndex): Facts[] {
  const out: Facts[] = [];
  for (let e = 0; e < index.size; e++) {
    const text = index.eventText(e);
    const v = index.view(e);
    const ids = new Set(extractIds(text).flatMap(oracleKeysOf));
    const { level, module, component, path, time } = v;
    out.push({
      text,
      lower: text.toLowerCase(),
      tokens: new Set(tokenize(text)),
      ids,
      level,
      module,
      component,
      path,
      time,
      componentKey: `${module}/${component}`,
      template: index.templateOf[e],
    });
  }
  return out;
}

const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
const WORD_CLASS = `(?:(?![${HAN}])[\\p{L}\\p{N}\\p{M}_])`;
const isWord = (ch: string) => new RegExp(`^${WORD_CLASS}$`, 'u').test(ch);
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function phraseRegex(needle: string): RegExp {
  const head = isWord(needle[0]) ? `(?<!${WORD_CLASS})` : '';
  const tail = isWord(needle[needle.length - 1]) ? `(?!${WORD_CLASS})` : '';
  return new RegExp(head + escapeRegex(needle) + tail, 'u');
}

function offsetOfZone(zone: string): number {
  if (zone === 'UTC') return 0;
  const m = /^([+-])(\d\d):(\d\d)$/.exec(zone);
  if (!m) throw new Error(`oracle: zone ${zone} not supported`);
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function oracleMatcher(node: QueryNode, zone: string): (f: Facts) => boolean {
  switch (node.kind) {
    case 'all':
      return () => true;
    case 'and': {
      const parts = node.children.map((c) => oracleMatcher(c, zone));
      return (f) => parts.every((p) => p(f));
    }
    case 'or': {
      const parts = node.children.map((c) => oracleMatcher(c, zone));
      return (f) => parts.some((p) => p(f));
    }
    case 'not': {
      const inner = oracleMatcher(node.child, zone);
      return (f) => !inner(f);
    }
    case 'term': {
      const written = node.text.toLowerCase();
      const words = tokenize(written);
      if (words.length === 0) return (f) => f.lower.includes(written);
      if (!node.prefix) return (f) => words.every((w) => f.tokens.has(w)) && f.lower.includes(written);
      const whole = words.slice(0, -1);
      const start = words[words.length - 1];
      // One token starting with the whole prefix (an IP or UUID prefix), or the prefix's words.
      return (f) =>
        f.lower.includes(written) &&
        ([...f.tokens].some((t) => t.startsWith(written)) ||
          (whole.every((w) => f.tokens.has(w)) && [...f.tokens].some((t) => t.startsWith(start))));
    }
    case 'phrase': {
      const re = phraseRegex(node.text.toLowerCase());
      return (f) => re.test(f.lower);
    }
    case 'regex': {
      const re = new RegExp(node.source, node.flags.replace(/[gy]/g, ''));
      return (f) => re.test(f.text);
    }
    case 'level': {
      const want = LEVELS.indexOf(node.level);
      const op = node.op;
      return (f) => {
        const r = LEVELS.indexOf(f.level);
        return op === '='
          ? r === want
          : op === '>='
            ? r >= want
            : op === '>'
              ? r > want
              : op === '<='
                ? r <= want
                : r < want;
      };
    }
    case 'field': {
      const test = compileGlob(node.glob, { ignoreCase: true });
      const field = node.field;
      return (f) => test(field === 'file' ? f.path : f[field]);
    }
    case 'id': {
      const key = normalizeIdQuery(node.value)?.key ?? node.value.toLowerCase();
      return (f) => f.ids.has(key);
    }
    case 'template': {
      const id = node.id;
      return (f) => f.template === id;
    }
    case 'time': {
      if (node.anchor.kind !== 'absolute') throw new Error('oracle: relative times are not used here');
      const p = node.anchor.parts;
      const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
      const bound = local - offsetOfZone(node.anchor.zone ?? zone) * 60_000 + node.offsetMs;
      return node.bound === 'after'
        ? (f) => f.time !== null && f.time >= bound
        : (f) => f.time !== null && f.time <= bound;
    }
  }
}

interface Expected {
  total: number;
  ids: number[];
  byComponent: { component: string; count: number }[];
}

function oracle(index: CaseIndex, facts: Facts[], query: QueryNode, offset: number, limit: number): Expected {
  const test = oracleMatcher(query, index.zone);
  const matched: number[] = [];
  const per = new Map<string, number>();
  facts.forEach((f, e) => {
    if (!test(f)) return;
    matched.push(e);
    per.set(f.componentKey, (per.get(f.componentKey) ?? 0) + 1);
  });
  matched.sort((a, b) => index.timeline.rank[a] - index.timeline.rank[b]);
  const byComponent = [...per]
    .map(([component, count]) => ({ component, count }))
    .sort((a, b) => b.count - a.count || (a.component < b.component ? -1 : 1));
  return { total: matched.length, ids: matched.slice(offset, offset + limit), byComponent };
}

function parsed(q: string): QueryNode {
  const r = parseQuery(q);
  if (!r.ok) throw new Error(`query ${q}: ${r.error.message}`);
  return r.query;
}

function actual(index: CaseIndex, query: QueryNode, offset: number, limit: number): Expected {
  const r = searchEvents(index, query, { offset, limit });
  return { total: r.total, ids: r.hits.map((h) => h.id), byComponent: r.byComponent };
}

/** Asserts that the index agrees with the oracle on `q`. */
function check(q: string, index: CaseIndex, facts: Facts[]): void {
  const query = parsed(q);
  const want = oracle(index, facts, query, 0, 60);
  expect(actual(index, query, 0, 60), `indexed: ${q}`).toEqual(want);
  const mid = Math.floor(want.total / 2);
  expect(actual(index, query, mid, 7).ids, `indexed page at ${mid}: ${q}`).toEqual(
    oracle(index, facts, query, mid, 7).ids,
  );
}

// ---------------------------------------------------------------------------------------------
// The generated bundle

let generated: GeneratedCase | null = null;
let manifest: Manifest;
let index: CaseIndex;
let facts: Facts[];

beforeAll(async () => {
  generated = await openGeneratedCase('tarsier-search-');
  ({ manifest, index } = generated);
  facts = factsOf(index);
});

afterAll(async () => {
  await generated?.remove();
});

function fixedQueries(): string[] {
  const attach = manifest.incidents.find((i) => i.id === 'attach-volume-404')!;
  const [req, novaReq] = attach.requestIds;
  const [volume, execution] = attach.relatedIds;
  return [
    'error',
    'ERROR',
    'failed',
    'attach volume',
    'Traceback',
    'goroutine',
    'CrashLoopBackOff',
    'zzzz_not_there',
    '"Failed to attach volume"',
    '"to attach"',
    '"volume not"',
    '"HTTP 404"',
    '"disk /dev/sdb"',
    '"[-]"',
    'timeout OR refused',
    'volume -debug',
    '-info',
    '(timeout OR refused) -level:debug',
    'NOT heartbeat level:>=warning',
    'attach*',
    'vol*',
    'unicloud_v*',
    'req-2fa3*',
    '10.20.*',
    '6ec3e693*',
    'nova.comp*',
    'nova.compute',
    'porter.api',
    'status:',
    'hamal.exception',
    'keystoneauth1.exceptions.http.NotFound',
    '/dev/sdb',
    '404',
    '413',
    '"(HTTP 404)"',
    '2025-09-18',
    '16:24:31',
    '0x80042306',
    '1923',
    '失败',
    '拒绝访问',
    '磁盘同步失败',
    '同步',
    '"同步失败"',
    '心跳 -代理',
    '磁盘*',
    'Échec',
    'échec',
    'PhysicalDrive1',
    'level:error',
    'level:>=warning',
    'level:<info',
    'level:warn',
    'level:unknown',
    'level:>debug level:<=warning',
    'module:porter',
    'component:porter-*',
    'module:{hamal,owl} level:debug',
    'file:**/*.gz',
    'file:"**/DiskSync-Agent/**"',
    'file:*.txt',
    `id:${req}`,
    `id:${req.slice(4)}`,
    `id:${novaReq}`,
    `id:${volume}`,
    `id:${execution}`,
    'id:10.20.0.15',
    'id:10.20.0.15:9300',
    'id:9fb694',
    'template:0',
    'template:1 OR template:2',
    '-template:0 disk',
    volume,
    execution,
    req,
    `"${req}"`,
    volume.slice(0, 8),
    '10.20.0.15',
    '10.20.0',
    '172.16.8.41',
    '"10.20.0.10:9200"',
    'after:2025-09-18T16:24 before:2025-09-18T16:25',
    'after:"2025-09-18 16:24:31+08:00"',
    'before:2025-09-16T10:00Z',
    'after:2025-09-18T16:24:31-5m before:2025-09-18T16:24:31+1m',
    '/HTTP 4\\d\\d/',
    '/failed|error/i',
    '/Failed to (attach|detach)/',
    '/^\\d{4}-/',
    '/[a-f0-9]{32}/',
    '/req-[0-9a-f]{8}-/',
    '/status: 20[02]/',
    '/同步.{0,3}失败/',
    '/Connection timed out/',
    "/volume_id='?[0-9a-f]{8}/i",
    '/\\(HTTP \\d+\\)/',
    '/[0-9a-f-]{36}\\)/',
    `/${execution}/`,
    '/ERROR .* 404/',
    '/x*/',
    '/^$/m',
  ];
}

describe('search on a generated bundle, against the oracle', () => {
  it('the full-text index is there when the case is read', () => {
    expect(index.indexed).toBe(true);
    expect(index.size).toBeGreaterThan(10_000);
  });

  it('fixed queries covering every operator agree with the oracle', () => {
    const queries = fixedQueries();
    let nonEmpty = 0;
    for (const q of queries) {
      check(q, index, facts);
      if (searchEvents(index, parsed(q), { limit: 0 }).total > 0) nonEmpty++;
    }
    // The list is meant to find things, not to compare empty sets.
    expect(nonEmpty).toBeGreaterThan(queries.length - 8);
  });

  it('matchingEvents gives the same set as the oracle', () => {
    for (const q of ['attach*', '失败', 'level:>=warning -module:cloudpods']) {
      const query = parsed(q);
      const test = oracleMatcher(query, index.zone);
      const want = facts.flatMap((f, e) => (test(f) ? [e] : []));
      expect([...matchingEvents(index, query).events.toArray()], q).toEqual(want);
    }
  });

  it('random queries from the bundle’s own words agree with the oracle', () => {
    // Vocabulary: whitespace-separated words and 2-3 word phrases of sampled events, token prefixes.
    const words = new Set<string>();
    const phrases = new Set<string>();
    const prefixes = new Set<string>();
    const ids = new Set<string>();
    const times = new Set<string>();
    for (let e = 0; e < index.size; e += 97) {
      facts[e].ids.forEach((id) => ids.add(`id:${id}`));
      if (facts[e].time !== null) times.add(new Date(facts[e].time!).toISOString());
      const parts = facts[e].text
        .split(/\s+/)
        .filter((w) => w.length > 0 && w.length < 60 && /^[^()"\\]+$/.test(w) && !w.startsWith('-'));
      parts.slice(0, 12).forEach((w) => words.add(w));
      if (parts.length > 3) phrases.add(parts.slice(2, 2 + (e % 2) + 2).join(' '));
      for (const t of facts[e].tokens) if (t.length > 3) prefixes.add(t.slice(0, 2 + (t.length % 3)));
    }
    const atom = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...words) },
      { weight: 2, arbitrary: fc.constantFrom(...phrases).map((p) => `"${p}"`) },
      { weight: 2, arbitrary: fc.constantFrom(...prefixes).map((p) => `${p}*`) },
      { weight: 1, arbitrary: fc.constantFrom('level:error', 'level:>=warning', 'level:<=info', 'level:debug') },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          ...index.components.map((c) => `component:${c.split('/')[1]}`),
          'module:porter',
          'file:*.log',
        ),
      },
      { weight: 1, arbitrary: fc.constantFrom(...ids) },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.constantFrom('after', 'before'), fc.constantFrom(...times)).map(([b, t]) => `${b}:${t}`),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom(...words), fc.boolean())
          .map(([w, i]) => `/${escapeRegex(w).replaceAll('/', '\\/')}/${i ? 'i' : ''}`),
      },
    );
    const item = fc.tuple(fc.array(atom, { minLength: 1, maxLength: 3 }), fc.nat(3)).map(([alts, n]) => {
      const negate = n === 0;
      const inner = alts.length > 1 ? `(${alts.join(' OR ')})` : alts[0];
      return negate ? `-${inner}` : inner;
    });
    const query = fc.array(item, { minLength: 1, maxLength: 3 }).map((items) => items.join(' '));
    let tried = 0;
    let found = 0;
    fc.assert(
      fc.property(query, (q) => {
        if (!parseQuery(q).ok) return;
        tried++;
        check(q, index, facts);
        if (searchEvents(index, parsed(q), { limit: 0 }).total > 0) found++;
      }),
      { seed: 20250918, numRuns: 200 },
    );
    expect(tried).toBeGreaterThan(150);
    expect(found, 'most random queries should find something').toBeGreaterThan(tried / 2);
  });

  it('fills a page before counting, and says when the count stopped at its budget', () => {
    // A regex is decided on the text: its candidates are verified one by one.
    const q = parsed('/Failed to attach volume [0-9a-f-]{36}/');
    const exact = searchEvents(index, q, { limit: 5 });
    expect(exact.totalExact).toBe(true);
    expect(exact.upperBound).toBe(exact.total);
    const cut = searchEvents(index, parsed('/[a-z]+ [0-9]/'), { limit: 5, countBudgetMs: 0 });
    const full = searchEvents(index, parsed('/[a-z]+ [0-9]/'), { limit: 5 });
    expect(full.totalExact).toBe(true);
    expect(full.total).toBeGreaterThan(1000);
    // The page is the same; the total is a lower bound and the upper bound holds.
    expect(cut.hits.map((h) => h.id)).toEqual(full.hits.map((h) => h.id));
    expect(cut.totalExact).toBe(false);
    expect(cut.total).toBeLessThan(full.total);
    expect(cut.upperBound).toBeGreaterThanOrEqual(full.total);
    // A two-word phrase is a word-pair lookup: nothing is verified.
    const phrase = searchEvents(index, parsed('"to attach"'), { limit: 5 });
    expect(phrase.verified).toBe(0);
    expect(phrase.total).toBe(oracle(index, facts, parsed('"to attach"'), 0, 1).total);
  });

  it('worker threads build the same index as the inline indexer, files cut into many segments', async () => {
    const result = await indexCase([generated!.bundle], { zone: manifest.timeZone, threads: 3, segmentBytes: 40_000 });
    if (!result.ok) throw new Error(result.error);
    const viaWorker = result.value.index;
    expect(viaWorker.size).toBe(index.size);
    expect(viaWorker.store.files.length).toBe(3);
    expect(viaWorker.postings.segments.length).toBeGreaterThan(index.postings.segments.length * 2);
    expect(viaWorker.events).toEqual(index.events);
    for (const [i, f] of index.files.entries()) {
      const lines = f.record.lines;
      if (lines > 0)
        expect(viaWorker.store.readLines(viaWorker.files[i].store, 1, lines), f.record.path).toEqual(
          index.store.readLines(f.store, 1, lines),
        );
    }
    for (const q of fixedQueries())
      expect(actual(viaWorker, parsed(q), 0, 60), q).toEqual(actual(index, parsed(q), 0, 60));
    expect(viaWorker.patterns.map((p) => [p.text, p.count])).toEqual(index.patterns.map((p) => [p.text, p.count]));
    expect(requestsOfInterest(viaWorker)).toEqual(requestsOfInterest(index));
    const req = manifest.incidents.find((i) => i.id === 'attach-volume-404')!.requestIds[0];
    expect(traceId(viaWorker, req)).toEqual(traceId(index, req));
  });
});

// ---------------------------------------------------------------------------------------------
// A hand-made case with known traps

describe('search on a hand-made case with known traps', () => {
  const U1 = '11111111-2222-4333-8444-555555555555';
  const U2 = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
  const U3 = 'cccccccc-dddd-4eee-8fff-000000000000';
  const LONG = 'averyveryverylongidentifierthatexceedsforty_characters';
  const at = (s: number, level: string, text: string) =>
    `2025-09-18 10:00:${String(s).padStart(2, '0')}.001 1234 ${level} nova.compute.manager [-] ${text}`;
  const lines = [
    at(0, 'INFO', `request_id=abc-${U1} failed`),
    at(1, 'INFO', `spawned on host=node-${U2} ok`),
    at(2, 'INFO', `token ${LONG}_alpha here`),
    at(3, 'INFO', `token ${LONG}_beta here`),
    at(4, 'ERROR', `连接失败 at 1.2.3.4.5 and 10.0.0.1:8080, volume ${U3}`),
    'Traceback (most recent call last):',
    `  File "/usr/lib/python3.6/site-packages/nova/compute/manager.py", line 1, in attach`,
    `VolumeNotFound: Volume ${U3}-extra could not be found`,
    at(5, 'WARNING', `glued vol${U3} and ${U3.toUpperCase()} and 0x${U1}`),
    at(6, 'DEBUG', '\u001b[31mcoloured\u001b[0m text, to attachment; to attach.'),
    at(7, 'INFO', 'vol vol attach'),
    // An address the text continues: the phrase occurs, but not as a token of the line.
    at(8, 'INFO', 'IP 172.16.5.4.5353 > 172.16.9.9.53: UDP'),
    at(9, 'INFO', 'via x.172.16.5.4 port 22'),
  ];
  let caseDir = '';
  let small: CaseIndex;
  let smallFacts: Facts[];

  beforeAll(async () => {
    caseDir = await mkdtemp(join(tmpdir(), 'tarsier-traps-'));
    await mkdir(join(caseDir, 'nova'));
    await writeFile(join(caseDir, 'nova', 'nova-compute.log'), `${lines.join('\n')}\n`);
    const result = await indexCase([caseDir], { zone: 'UTC', indexMode: 'inline' });
    if (!result.ok) throw new Error(result.error);
    small = result.value.index;
    smallFacts = factsOf(small);
  });
  afterAll(async () => {
    if (caseDir) await rm(caseDir, { recursive: true, force: true });
  });

  it('reads the case as expected', () => {
    expect(small.size).toBe(10);
    expect(small.eventText(4).split('\n')).toHaveLength(4);
    expect(small.eventText(6)).not.toContain('\u001b');
  });

  // Each of these is checked against the oracle.
  const queries: [string, number][] = [
    [U3, 2],
    [`"${U3}"`, 2],
    [U3.slice(0, 8), 0],
    ['失败', 1],
    ['连接失败', 1],
    ['接失', 1],
    ['1.2.3.4', 0],
    ['10.0.0.1', 1],
    ['"to attach"', 1],
    ['attachment', 1],
    ['coloured', 1],
    ['VolumeNotFound', 1],
    [`${LONG}_alpha`, 1],
    [`${LONG.slice(0, 30)}*`, 2],
    [`/${U3}-extra/`, 1],
    ['"IP 172.16.5.4"', 1],
    ['"172.16.5.4 port"', 1],
    ['"ip 172.16.5.4.5353"', 1],
  ];
  for (const [q, count] of queries) {
    it(`${q.slice(0, 48)} matches ${count}`, () => {
      expect(oracle(small, smallFacts, parsed(q), 0, 100).total).toBe(count);
      check(q, small, smallFacts);
    });
  }

  // A standalone UUID glued into a longer id value (`request_id=abc-<uuid>`, `host=node-<uuid>`)
  // is a token of the event but not an id key; the word search must still find it.
  it('finds a UUID that is part of a longer id value', () => {
    expect(oracle(small, smallFacts, parsed(U1), 0, 100).total).toBe(1);
    expect(oracle(small, smallFacts, parsed(U2), 0, 100).total).toBe(1);
    for (const q of [U1, U2, `"${U1}"`, `abc-${U1}`, `node-${U2}`]) check(q, small, smallFacts);
  });

  // `\k<v>` is a backreference: `<v>` is not text the match contains, so it cannot narrow the search.
  it('a regex with a named backreference finds what it matches', () => {
    const q = '/(?<v>vol) \\k<v> attach/';
    expect(oracle(small, smallFacts, parsed(q), 0, 100).total).toBe(1);
    check(q, small, smallFacts);
  });

  // matchEvent.ts: "`prefix*` matches when some token of the event starts with it". An address or a
  // UUID is one token, so the start of one (`10.0.0.*`, `192.168.*`, `cccccccc-dddd*`) must find it.
  it('a prefix of an IPv4 address or a UUID finds the events with that token', () => {
    for (const [q, want] of [
      ['10.0.0.*', [4]],
      ['10.0.0*', [4]],
      [`${U3.slice(0, 13)}*`, [4, 5]],
    ] as const) {
      expect(
        searchEvents(small, parsed(q)).hits.map((h) => h.id),
        q,
      ).toEqual(want);
    }
  });

  // Index keys are cut at 40 characters: a prefix longer than that must still be verified.
  it('a prefix longer than the index key length matches only tokens that start with all of it', () => {
    expect(oracle(small, smallFacts, parsed(`${LONG}_alp*`), 0, 100).total).toBe(1);
    for (const q of [`${LONG}_alp*`, `${LONG}_b*`]) check(q, small, smallFacts);
  });
});
