// The template miner against loghub's hand-labelled OpenStack_2k: every `Content` goes into one
// fresh miner, and the grouping is scored with loghub's Grouping Accuracy (Zhu et al., "Tools
// and Benchmarks for Automated Log Parsing", ICSE-SEIP 2019). The published Drain score on this
// file is about 0.73; masking and the plain-word rule are what lift ours.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TemplateMiner } from '../../src/shared/patterns/templateMiner.ts';
import { parseCsv, REALDATA_DIR } from './goldenSupport.ts';
import { describeRealdata } from './realdataSuite.ts';

const DIR = join(REALDATA_DIR, 'loghub', 'OpenStack');
const STRUCTURED = join(DIR, 'OpenStack_2k.log_structured.csv');
const TEMPLATES = join(DIR, 'OpenStack_2k.log_templates.csv');

/** Set a little below what the miner achieves, so a regression shows. */
const MIN_GROUPING_ACCURACY = 0.98;
const MIN_TEMPLATE_TEXT_MATCH = 0.8;

/** Rows as objects keyed by the header; throws when a row has the wrong number of fields. */
function readCsv(path: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  return rows.map((row, i) => {
    if (row.length !== header.length)
      throw new Error(`${path} row ${i + 2}: ${row.length} fields, expected ${header.length}`);
    return Object.fromEntries(header.map((name, k) => [name, row[k]]));
  });
}

/**
 * loghub's Grouping Accuracy: an event is correct iff the events sharing its mined template are
 * exactly the events sharing its ground-truth id.
 */
function groupingAccuracy(truth: readonly string[], mined: readonly number[]): number {
  const minedSizes = new Map<number, number>();
  for (const id of mined) minedSizes.set(id, (minedSizes.get(id) ?? 0) + 1);
  const truthGroups = new Map<string, number[]>();
  truth.forEach((id, i) => truthGroups.set(id, [...(truthGroups.get(id) ?? []), i]));
  let correct = 0;
  for (const members of truthGroups.values()) {
    const ids = new Set(members.map((i) => mined[i]));
    const [only] = ids;
    if (ids.size === 1 && minedSizes.get(only) === members.length) correct += members.length;
  }
  return correct / truth.length;
}

/**
 * loghub writes `0.25` as `<*>.<*>` and a UUID as `<*>-<*>-<*>-<*>-<*>`, the miner as one `<*>`:
 * runs of variables joined by punctuation count as one variable on both sides.
 */
function normalise(template: string): string {
  return template
    .replace(/<\*>(?:[-.:,/_]<\*>)+/g, '<*>')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('csv parser', () => {
  it('reads quoted commas, doubled quotes, CRLF and a missing final newline', () => {
    expect(parseCsv('a,"b, c","say ""hi""",\r\n"x\ny",2')).toEqual([
      ['a', 'b, c', 'say "hi"', ''],
      ['x\ny', '2'],
    ]);
  });
});

describeRealdata('TemplateMiner on loghub OpenStack_2k', () => {
  it('finds the real data', () => {
    expect(existsSync(STRUCTURED), `no ${STRUCTURED}: set TARSIER_REALDATA to the shared realdata folder`).toBe(true);
    expect(existsSync(TEMPLATES), `no ${TEMPLATES}: set TARSIER_REALDATA to the shared realdata folder`).toBe(true);
  });

  it('groups the messages like the ground truth and recovers its templates', () => {
    if (!existsSync(STRUCTURED) || !existsSync(TEMPLATES))
      throw new Error(`no loghub data under ${DIR}: set TARSIER_REALDATA`);
    const events = readCsv(STRUCTURED);
    const truthTemplates = readCsv(TEMPLATES);
    expect(events).toHaveLength(2000);
    expect(truthTemplates).toHaveLength(43);

    const miner = new TemplateMiner();
    const mined = events.map((e) => miner.add(e.Content));
    const ga = groupingAccuracy(
      events.map((e) => e.EventId),
      mined,
    );
    const minedTexts = new Set(miner.templates().map((t) => normalise(t.text)));
    const missing = truthTemplates.filter((t) => !minedTexts.has(normalise(t.EventTemplate)));
    const textMatch = (truthTemplates.length - missing.length) / truthTemplates.length;
    console.log(
      `OpenStack_2k: grouping accuracy ${ga.toFixed(4)}, ${miner.size} templates mined vs ${truthTemplates.length} in the ground truth, ` +
        `${(textMatch * 100).toFixed(1)}% of ground-truth templates recovered word for word` +
        (missing.length
          ? `\n  not recovered: ${missing.map((t) => `${t.EventId} ${t.EventTemplate}`).join('\n                 ')}`
          : ''),
    );
    expect(miner.templates().reduce((n, t) => n + t.count, 0)).toBe(events.length);
    expect(ga).toBeGreaterThanOrEqual(MIN_GROUPING_ACCURACY);
    expect(textMatch).toBeGreaterThanOrEqual(MIN_TEMPLATE_TEXT_MATCH);
  });

  it('mines fast (rate printed, never asserted)', () => {
    if (!existsSync(STRUCTURED)) throw new Error(`no loghub data under ${DIR}: set TARSIER_REALDATA`);
    const contents = readCsv(STRUCTURED).map((e) => e.Content);
    // Vary the numbers a little so repeated lines are not the same strings every round.
    const messages: string[] = [];
    for (let round = 0; messages.length < 400_000; round++)
      for (const c of contents) messages.push(c.replace(/\d+/, (d) => String(Number(d) + round)));
    const miner = new TemplateMiner();
    for (const m of messages.slice(0, 20_000)) miner.add(m); // warm up the JIT
    const started = performance.now();
    for (const m of messages) miner.add(m);
    const seconds = (performance.now() - started) / 1000;
    const tokens = messages.reduce((n, m) => n + m.split(/\s+/).length, 0) / messages.length;
    console.log(
      `TemplateMiner: ${Math.round(messages.length / seconds).toLocaleString('en')} messages/s (${tokens.toFixed(1)} tokens each, ${miner.size} templates)`,
    );
    expect(miner.size).toBeLessThan(100);
  });
});
