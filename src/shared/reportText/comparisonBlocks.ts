/**
 * The report's "Compared with" section (issue 18): what differs between this case (A) and the
 * one it was compared with (B) — templates only in one, rates that changed, findings, versions,
 * configuration, pods and goroutine groups — as outline blocks, so the Markdown and the PDF say
 * the same. `tarsier compare --md` prints the same blocks on their own (comparisonOutline).
 */
import type { TemplateDiff } from '../compare/compareCases.ts';
import type { Report } from '../report.ts';
import type { OutlineBlock, ReportOutline } from './outlineBlocks.ts';
import { spanText } from './reportOutline.ts';
import { fill, reportWords, type ReportWords } from './reportWords.ts';

/** The comparison as the report carries it: times as ISO strings. */
export type ReportComparison = NonNullable<Report['comparison']>;

/** Rows of each table at most (the JSON has every entry). */
export const MAX_COMPARISON_ROWS = 20;

/** `+2 h 5 min`, `−3 d 4 h`, `0 s`: a shift in time, to the minute (seconds under a minute). */
export function offsetText(ms: number): string {
  const sign = ms < 0 ? '−' : '+';
  let rest = Math.round(Math.abs(ms) / 1000);
  if (rest === 0) return '0 s';
  if (rest < 60) return `${sign}${rest} s`;
  rest = Math.round(rest / 60);
  const days = Math.floor(rest / 1440);
  const hours = Math.floor((rest % 1440) / 60);
  const minutes = rest % 60;
  const parts = [days ? `${days} d` : '', hours ? `${hours} h` : '', minutes ? `${minutes} min` : ''];
  return `${sign}${parts.filter((p) => p !== '').join(' ')}`;
}

const rate = (n: number): string => (n >= 10 ? n.toFixed(0) : n >= 1 ? n.toFixed(1) : n.toPrecision(2));
const ratioText = (r: number): string => (r >= 1 ? `×${rate(r)}` : `÷${rate(1 / r)}`);

/** The blocks of the section, without its heading. */
export function comparisonBlocks(c: ReportComparison, words: ReportWords, lang: 'en' | 'zh'): OutlineBlock[] {
  const w = words.compare;
  const remark = (text: string): OutlineBlock => ({ kind: 'paragraph', spans: [text], role: 'remark', size: 'small' });
  const more = (shown: number, total: number): OutlineBlock[] =>
    total > shown ? [remark(fill(w.more, { n: total - shown }))] : [];
  const offset = offsetText(c.alignment.offsetMs);
  const alignment =
    c.alignment.kind === 'event'
      ? fill(w.alignEvent, { offset })
      : c.alignment.kind === 'first-error' && c.alignment.fallback === null
        ? fill(w.alignFirstError, { offset })
        : w.alignWall;
  const out: OutlineBlock[] = [
    {
      kind: 'paragraph',
      spans: [
        fill(w.cases, {
          a: c.a.name,
          b: c.b.name,
          spanA: spanText(c.a.from, c.a.to),
          spanB: spanText(c.b.from, c.b.to),
        }),
        lang === 'zh' ? '' : ' ',
        alignment,
        ...(c.alignment.fallback ? [` (${c.alignment.fallback})`] : []),
      ],
    },
  ];
  const same: string[] = [];
  const templates = (title: string, list: TemplateDiff<string>[], total: number, part: keyof typeof w.parts) => {
    if (list.length === 0) return same.push(w.parts[part]);
    const shown = list.slice(0, MAX_COMPARISON_ROWS);
    out.push(
      { kind: 'heading', level: 2, spans: [`${title} (${total})`] },
      {
        kind: 'table',
        columns: [
          { title: words.pattern, width: 5, style: 'mono' },
          { title: words.level, width: 0.8 },
          { title: words.count, width: 0.7 },
          { title: w.perMinute, width: 0.8 },
          { title: words.span, width: 2.4, style: 'mono' },
        ],
        rows: shown.map((d) => {
          const side = (d.a ?? d.b)!;
          return [
            d.text,
            d.level === 'other' ? '' : words.levels[d.level],
            side.count,
            rate(side.perMinute),
            spanText(side.firstTime, side.lastTime),
          ];
        }),
        density: 'dense',
      },
      ...more(shown.length, total),
    );
  };
  templates(w.onlyB, c.templates.onlyB, c.templates.totals.onlyB, 'onlyB');
  templates(w.onlyA, c.templates.onlyA, c.templates.totals.onlyA, 'onlyA');
  if (c.templates.rateChanged.length === 0) same.push(w.parts.rateChanged);
  else {
    const shown = c.templates.rateChanged.slice(0, MAX_COMPARISON_ROWS);
    out.push(
      { kind: 'heading', level: 2, spans: [`${w.rateChanged} (${c.templates.totals.rateChanged})`] },
      { kind: 'paragraph', spans: [w.rateLead], size: 'small' },
      {
        kind: 'table',
        columns: [
          { title: words.pattern, width: 5, style: 'mono' },
          { title: words.level, width: 0.8 },
          { title: `A ${words.count}`, width: 0.8 },
          { title: `B ${words.count}`, width: 0.8 },
          { title: `A / min`, width: 0.8 },
          { title: `B / min`, width: 0.8 },
          { title: w.change, width: 0.8 },
        ],
        rows: shown.map((d) => [
          d.text,
          d.level === 'other' ? '' : words.levels[d.level],
          d.a!.count,
          d.b!.count,
          rate(d.a!.perMinute),
          rate(d.b!.perMinute),
          ratioText(d.ratio!),
        ]),
        density: 'dense',
      },
      ...more(shown.length, c.templates.totals.rateChanged),
    );
  }
  const findings = (title: string, list: ReportComparison['findings']['onlyA']) => {
    if (list.length === 0) return;
    const shown = list.slice(0, MAX_COMPARISON_ROWS);
    out.push(
      { kind: 'heading', level: 2, spans: [`${title} (${list.length})`] },
      {
        kind: 'table',
        columns: [
          { title: w.severity, width: 0.9 },
          { title: w.rule, width: 3.5 },
          { title: words.component, width: 1.6 },
          { title: words.count, width: 0.7 },
          { title: words.span, width: 2.4, style: 'mono' },
        ],
        rows: shown.map((f) => [
          words.severity[f.severity],
          `${f.title[lang]} (${f.rule})`,
          `${f.module}/${f.component}`,
          f.count,
          spanText(f.firstTime, f.lastTime),
        ]),
        density: 'dense',
      },
      ...more(shown.length, list.length),
    );
  };
  findings(w.findingsOnlyB, c.findings.onlyB);
  findings(w.findingsOnlyA, c.findings.onlyA);
  if (c.findings.onlyA.length === 0 && c.findings.onlyB.length === 0) same.push(w.parts.findings);
  const absent = (v: string | null) => v ?? `(${w.absent})`;
  if (c.versions.length === 0) same.push(w.parts.versions);
  else
    out.push(
      { kind: 'heading', level: 2, spans: [`${w.versions} (${c.versions.length})`] },
      {
        kind: 'table',
        columns: [
          { title: w.service, width: 2 },
          { title: 'A', width: 2, style: 'mono' },
          { title: 'B', width: 2, style: 'mono' },
        ],
        rows: c.versions.slice(0, MAX_COMPARISON_ROWS).map((v) => [v.service, absent(v.a), absent(v.b)]),
        density: 'dense',
      },
      ...more(Math.min(MAX_COMPARISON_ROWS, c.versions.length), c.versions.length),
    );
  const cfg = c.config;
  if (cfg.changed.length === 0 && cfg.onlyA.length === 0 && cfg.onlyB.length === 0) same.push(w.parts.config);
  else {
    out.push({ kind: 'heading', level: 2, spans: [`${w.config} (${cfg.changed.length})`] });
    if (cfg.changed.length > 0)
      out.push(
        {
          kind: 'table',
          columns: [
            { title: w.file, width: 2.5, style: 'mono' },
            { title: w.key, width: 2, style: 'mono' },
            { title: 'A', width: 2, style: 'mono' },
            { title: 'B', width: 2, style: 'mono' },
          ],
          rows: cfg.changed.slice(0, MAX_COMPARISON_ROWS).map((d) => [d.path, d.key, absent(d.a), absent(d.b)]),
          density: 'dense',
        },
        ...more(Math.min(MAX_COMPARISON_ROWS, cfg.changed.length), cfg.changed.length),
      );
    const files = (list: string[]) =>
      list.slice(0, MAX_COMPARISON_ROWS).join(', ') + (list.length > MAX_COMPARISON_ROWS ? ', …' : '');
    if (cfg.onlyA.length > 0) out.push(remark(fill(w.configFilesOnlyA, { files: files(cfg.onlyA) })));
    if (cfg.onlyB.length > 0) out.push(remark(fill(w.configFilesOnlyB, { files: files(cfg.onlyB) })));
  }
  if (c.pods.length === 0) same.push(w.parts.pods);
  else {
    const state = (p: ReportComparison['pods'][number]['a']) =>
      p === null
        ? `(${w.absent})`
        : `${p.name}: ${fill(w.podState, { status: p.status, ready: p.ready, containers: p.containers, restarts: p.restarts })}`;
    out.push(
      { kind: 'heading', level: 2, spans: [`${w.pods} (${c.pods.length})`] },
      {
        kind: 'table',
        columns: [
          { title: w.pod, width: 2 },
          { title: 'A', width: 3, style: 'mono' },
          { title: 'B', width: 3, style: 'mono' },
        ],
        rows: c.pods
          .slice(0, MAX_COMPARISON_ROWS)
          .map((p) => [p.namespace ? `${p.namespace}/${p.key}` : p.key, state(p.a), state(p.b)]),
        density: 'dense',
      },
      ...more(Math.min(MAX_COMPARISON_ROWS, c.pods.length), c.pods.length),
    );
  }
  if (c.goroutines.length === 0) same.push(w.parts.goroutines);
  else
    out.push(
      { kind: 'heading', level: 2, spans: [`${w.goroutines} (${c.goroutines.length})`] },
      {
        kind: 'table',
        columns: [
          { title: w.topFrame, width: 4, style: 'mono' },
          { title: w.state, width: 1.5 },
          { title: 'A', width: 0.7 },
          { title: 'B', width: 0.7 },
        ],
        rows: c.goroutines.slice(0, MAX_COMPARISON_ROWS).map((g) => [g.topFrame, g.state ?? '', g.a, g.b]),
        density: 'dense',
      },
      ...more(Math.min(MAX_COMPARISON_ROWS, c.goroutines.length), c.goroutines.length),
    );
  if (same.length > 0) out.push(remark(fill(w.same, { parts: same.join(', ') })));
  return out;
}

/** The comparison on its own, as an outline (`tarsier compare --md`). */
export function comparisonOutline(c: ReportComparison, language: 'en' | 'zh'): ReportOutline {
  const words = reportWords(language);
  const title = `${words.compare.title} — ${c.a.name} / ${c.b.name}`;
  return {
    title,
    author: 'Tarsier',
    language,
    running: `Tarsier · ${title}`,
    pageLabel: words.page,
    blocks: comparisonBlocks(c, words, language),
  };
}
