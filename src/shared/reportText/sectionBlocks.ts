/**
 * What each section of the case report says, as neutral blocks: the one place that decides what
 * is shown, in what order, with what words, and where long lists are cut — for every format.
 */
import { comparisonBlocks } from './comparisonBlocks.ts';
import type { Report, ReportFinding, ReportPin, ReportTrace } from '../report.ts';
import { zoneLabel } from '../time/zoneLabel.ts';
import { codeSpans, type OutlineBlock, type OutlineColumn, type Span } from './outlineBlocks.ts';
import { findingsByCategory, redactionStatement, spanText, summaryLine, type ReportSection } from './reportOutline.ts';
import { fill, type ReportWords } from './reportWords.ts';

/** Files listed in the inventory table (the JSON report lists them all). */
export const MAX_INVENTORY_ROWS = 500;
/** Largest groups of a goroutine dump that are listed. */
const MAX_GOROUTINE_GROUPS = 8;
/** Busiest worker pools of a service that are listed. */
const MAX_WORKER_POOLS = 5;

const remark = (text: string, size?: 'small' | 'fine'): OutlineBlock => ({
  kind: 'paragraph',
  spans: [text],
  role: 'remark',
  ...(size ? { size } : {}),
});
const heading = (level: 1 | 2 | 3, ...spans: Span[]): OutlineBlock => ({ kind: 'heading', level, spans });
const eventColumns = (words: ReportWords): OutlineColumn[] => [
  { title: words.time, width: 1.6, style: 'mono' },
  { title: words.component, width: 1.5 },
  { title: words.level, width: 0.6 },
  { title: words.text, width: 5, style: 'mono' },
];

/** The blocks of one section, without its heading; never empty (an empty section says so). */
export function sectionBlocks(
  report: Report,
  section: ReportSection,
  words: ReportWords,
  lang: 'en' | 'zh',
): OutlineBlock[] {
  const c = report.case;
  switch (section) {
    case 'metadata':
      return metadata(report, words, lang);
    case 'statement':
      return [{ kind: 'prose', text: c?.statement ?? '', empty: words.noStatement }];
    case 'summary':
      return [
        { kind: 'paragraph', spans: [summaryLine(report, words)] },
        ...report.triage.map((t): OutlineBlock => {
          const steps = t.steps.map((s) => `${s.question[lang]} → ${s.answer[lang]}`).join('  ·  ');
          const handling = t.handling ? `  ⇒  ${t.handling.handling[lang]}` : '';
          return { kind: 'paragraph', lead: t.title[lang], spans: [`${steps}${handling}`], size: 'small' };
        }),
      ];
    case 'findings': {
      const groups = findingsByCategory(report);
      if (groups.length === 0) return [remark(words.noFindings)];
      return groups.flatMap((g) => [
        heading(2, `${words.category[g.category]} (${g.findings.length})`),
        ...g.findings.flatMap((f) => finding(f, words, lang)),
      ]);
    }
    case 'timeline':
      return timeline(report, words);
    case 'traces':
      return report.traces.length === 0 ? [remark(words.noTraces)] : report.traces.flatMap((t) => trace(t, words));
    case 'patterns':
      return patterns(report, words);
    case 'pins':
      return report.pins.length === 0
        ? [remark(words.noPins)]
        : report.pins.flatMap((p, i) => pin(p, i, report.case?.contextLines ?? 0, words));
    case 'artifacts':
      return artifacts(report, words);
    case 'comparison':
      return report.comparison ? comparisonBlocks(report.comparison, words, lang) : [];
    case 'inventory':
      return inventory(report, words);
    case 'conclusion':
      return [{ kind: 'prose', text: c?.conclusion ?? '', empty: words.noConclusion }];
    case 'redaction':
      return [{ kind: 'paragraph', spans: [redactionStatement(report, words)] }];
    case 'appendix':
      return [
        { kind: 'paragraph', spans: codeSpans(words.appendixLead), size: 'small' },
        {
          kind: 'table',
          columns: [
            { title: words.what, width: 2.2 },
            { title: words.query, width: 5, style: 'code' },
          ],
          rows: report.queries.map((q) => [queryWhat(q.what, words), q.query]),
          density: 'dense',
        },
      ];
  }
}

/** The instants whose offsets name the zone: the span of the logs, else when the report was made. */
function zoneInstants(report: Report): number[] {
  const span = [report.bundle?.firstTime, report.bundle?.lastTime].flatMap((t) => (t ? [Date.parse(t)] : []));
  return span.length > 0 ? span : [Date.parse(report.generatedAt)];
}

function metadata(report: Report, words: ReportWords, lang: 'en' | 'zh'): OutlineBlock[] {
  const c = report.case;
  const rows: [string, string][] = [
    [words.ticket, c?.ticket || '—'],
    [words.customer, c?.customer || '—'],
    [words.engineer, c?.engineer || '—'],
    [words.generated, report.generatedAt],
    [words.generator, report.generator],
    ...report.bundles.map((b): [string, string] => [
      words.bundle,
      fill(words.bundleLine, { name: b.name, bytes: b.bytes, files: b.fileCount, sha256: b.sha256 ?? '—' }),
    ]),
    [words.span, spanText(report.bundle?.firstTime ?? null, report.bundle?.lastTime ?? null)],
    [words.zone, zoneLabel(report.zone, zoneInstants(report))],
    [words.stage, report.stage ? `${report.stage.name[lang]} (${report.stage.id})` : words.anyStage],
  ];
  return [
    { kind: 'keyValue', rows },
    { kind: 'label', text: words.versions },
    report.versions.length === 0
      ? remark(words.noVersions)
      : {
          kind: 'table',
          columns: [
            { title: words.component, width: 2 },
            { title: words.version, width: 2, style: 'mono' },
            { title: words.path, width: 4, style: 'mono' },
          ],
          rows: report.versions.map((v) => [v.component, v.version, v.path]),
        },
  ];
}

function finding(f: ReportFinding, words: ReportWords, lang: 'en' | 'zh'): OutlineBlock[] {
  const out: OutlineBlock[] = [
    {
      kind: 'heading',
      level: 3,
      spans: [
        `${words.severity[f.severity].toUpperCase()} · ${f.title[lang]} — `,
        { code: `${f.module}/${f.component}` },
      ],
      tone: f.severity,
    },
    {
      kind: 'paragraph',
      spans: [
        `${fill(words.eventCount, { n: f.count })} · ${words.first} ${f.firstTime ?? '—'} · ${words.last} ${f.lastTime ?? '—'}${f.stage ? ` · ${words.stage} ${f.stage}` : ''} · `,
        { code: f.rule },
        ...(f.userRule ? [` · ${words.userRule}`] : []),
      ],
      role: 'detail',
      size: 'fine',
    },
    ...(f.pattern !== undefined
      ? [{ kind: 'paragraph' as const, lead: words.pattern, spans: [{ code: f.pattern }], size: 'small' as const }]
      : []),
    ...(f.place
      ? [
          {
            kind: 'paragraph' as const,
            lead: words.where,
            spans: codeSpans(`${f.place.reason[lang]}. ${f.place.advice[lang]}`),
          },
        ]
      : []),
    { kind: 'paragraph', lead: words.advice, spans: codeSpans(f.advice[lang]) },
  ];
  if (f.evidence.length > 0)
    out.push(
      { kind: 'label', text: words.evidence },
      {
        kind: 'code',
        // Each log line under its own path, unindented where a format can tell them apart by colour.
        lines: f.evidence.flatMap((e) => [
          { text: `${e.path}:${e.line}`, caption: true },
          { text: e.text },
          ...(e.match ? [{ text: `${e.path}:${e.match.line}`, caption: true }, { text: e.match.text }] : []),
        ]),
        compact: true,
      },
    );
  if (f.requestIds.length > 0)
    out.push({
      kind: 'paragraph',
      lead: words.requestIds,
      spans: f.requestIds.flatMap((id, i): Span[] => (i === 0 ? [{ code: id }] : [', ', { code: id }])),
      size: 'small',
    });
  if (f.query) out.push({ kind: 'paragraph', lead: words.reproduce, spans: [{ code: f.query }], size: 'small' });
  if (f.references.length > 0) out.push({ kind: 'list', items: f.references.map((r) => [r]), size: 'small' });
  return out;
}

function timeline(report: Report, words: ReportWords): OutlineBlock[] {
  const out: OutlineBlock[] = [];
  const chart = report.timeline.chart;
  if (chart)
    out.push({
      kind: 'chart',
      caption: words.chart,
      from: chart.from,
      to: chart.to,
      binMinutes: Math.round(chart.binMs / 60_000),
      errors: chart.errors,
      warnings: chart.warnings,
      other: chart.other,
      legend: [words.chartErrors, words.chartWarnings, words.chartAll],
    });
  out.push(heading(2, words.keyEvents));
  const events = report.timeline.events;
  if (events.length === 0) return [...out, remark(words.noKeyEvents)];
  return [
    ...out,
    {
      kind: 'table',
      columns: [...eventColumns(words), { title: words.from, width: 1, beneath: true }],
      rows: events.map((e) => [
        e.time,
        e.component,
        words.levels[e.level] ?? e.level,
        e.text,
        e.source.kind === 'pin' ? words.fromPin : e.source.rules.join(', '),
      ]),
      density: 'dense',
    },
  ];
}

function patterns(report: Report, words: ReportWords): OutlineBlock[] {
  const list = report.patterns ?? [];
  if (list.length === 0) return [remark(words.noPatterns)];
  return [
    { kind: 'paragraph', spans: [words.patternsLead], size: 'small' },
    {
      kind: 'table',
      columns: [
        { title: words.pattern, width: 5, style: 'mono' },
        { title: words.count, width: 0.7 },
        { title: words.errors, width: 0.7 },
        { title: words.warnings, width: 0.8 },
        { title: words.span, width: 2.4, style: 'mono' },
      ],
      rows: list.map((p) => [
        p.text,
        String(p.count),
        String(p.errors),
        String(p.warnings),
        spanText(p.firstTime, p.lastTime),
      ]),
      density: 'dense',
    },
  ];
}

function trace(t: ReportTrace, words: ReportWords): OutlineBlock[] {
  const summary = fill(words.traceSummary, {
    events: t.events.length + t.omitted,
    components: t.components.join(', '),
    errors: t.errors,
    span: spanText(t.firstTime, t.lastTime),
  });
  return [
    heading(2, { code: t.id }, ` — ${words.traceReason[t.reason]}`),
    { kind: 'paragraph', spans: [summary], size: 'small' },
    {
      kind: 'table',
      columns: eventColumns(words),
      rows: t.events.map((e) => [e.time, e.component, words.levels[e.level] ?? e.level, e.text]),
      density: 'dense',
    },
    ...(t.omitted > 0 ? [remark(fill(words.omitted, { n: t.omitted }), 'fine')] : []),
  ];
}

function pin(p: ReportPin, i: number, contextLines: number, words: ReportWords): OutlineBlock[] {
  const out: OutlineBlock[] = [
    heading(2, `${i + 1}. `, { code: `${p.path}:${p.line}` }),
    {
      kind: 'paragraph',
      spans: [`${p.component} · ${words.levels[p.level] ?? p.level}${p.time ? ` · ${p.time}` : ''}`],
      role: 'detail',
      size: 'fine',
    },
  ];
  if (p.note.trim()) out.push({ kind: 'paragraph', lead: words.note, spans: [p.note.trim()] });
  if (p.context.length === 0)
    out.push(remark(words.notInCase, 'fine'), {
      kind: 'code',
      lines: [{ gutter: String(p.line), text: p.text, mark: true }],
    });
  else
    out.push(remark(fill(words.context, { n: contextLines, path: p.path }), 'fine'), {
      kind: 'code',
      lines: p.context.map((l) => ({ gutter: String(l.line), text: l.text, mark: l.line === p.line })),
    });
  out.push({ kind: 'paragraph', lead: words.reproduce, spans: [{ code: p.query }], size: 'small' });
  return out;
}

function artifacts(report: Report, words: ReportWords): OutlineBlock[] {
  const a = report.artifacts;
  const out: OutlineBlock[] = [];
  if (a.goroutines.length > 0) {
    out.push(heading(2, words.goroutines));
    for (const d of a.goroutines)
      out.push(
        {
          kind: 'paragraph',
          spans: [fill(words.goroutineLine, { path: d.source.path, line: d.source.line, total: d.total })],
          size: 'small',
        },
        {
          kind: 'table',
          columns: [
            { title: '#', width: 0.6 },
            { title: words.colState, width: 1.6 },
            { title: words.colTopFrame, width: 6, style: 'mono' },
          ],
          rows: d.groups.slice(0, MAX_GOROUTINE_GROUPS).map((g) => [g.count, g.state ?? '—', g.topFrame]),
          density: 'compact',
        },
      );
  }
  if (a.pods.length > 0) {
    out.push(heading(2, words.pods));
    const bad = a.pods.flatMap((t) => [...t.notRunning, ...t.notReady]);
    out.push(
      bad.length === 0
        ? remark(words.podsAllFine)
        : {
            kind: 'table',
            columns: [
              { title: words.colNamespace, width: 1.6 },
              { title: words.colPod, width: 3 },
              { title: words.colReady, width: 0.8 },
              { title: words.colStatus, width: 1.6 },
              { title: words.colRestarts, width: 0.9 },
              { title: words.colAge, width: 0.8 },
            ],
            rows: bad.map((p) => [p.namespace, p.name, `${p.ready}/${p.containers}`, p.status, p.restarts, p.age]),
            density: 'compact',
          },
    );
  }
  if (a.stats.length > 0) {
    out.push(heading(2, words.services));
    for (const s of a.stats) {
      out.push({
        kind: 'paragraph',
        spans: [{ code: s.source.path }, s.service ? ` (${s.service})` : ''],
        size: 'small',
      });
      const busiest = [...s.workers].sort((x, y) => y.queue - x.queue).slice(0, MAX_WORKER_POOLS);
      if (busiest.length > 0)
        out.push({
          kind: 'table',
          columns: [
            { title: words.colWorkerPool, width: 4 },
            { title: words.colActiveMax, width: 1.5 },
            { title: words.colQueue, width: 1 },
          ],
          rows: busiest.map((w) => [w.name, `${w.active}/${w.max}`, w.queue]),
          density: 'compact',
        });
      if (s.databases.length > 0)
        out.push({
          kind: 'list',
          items: s.databases.map((db) => [
            fill(words.dbLine, {
              name: db.name ?? '',
              inUse: db.inUse,
              maxOpen: db.maxOpen,
              waits: db.waitCount ?? '—',
            }),
          ]),
          size: 'fine',
        });
    }
  }
  return out.length === 0 ? [remark(words.noArtifacts)] : out;
}

function inventory(report: Report, words: ReportWords): OutlineBlock[] {
  const pathReasons = (rows: { path: string; reason: string }[]): OutlineBlock =>
    rows.length === 0
      ? remark(words.none)
      : {
          kind: 'table',
          columns: [
            { title: words.path, width: 3, style: 'mono' },
            { title: words.reason, width: 4 },
          ],
          rows: rows.map((s) => [s.path, s.reason]),
          density: 'compact',
        };
  const more = report.files.length - MAX_INVENTORY_ROWS;
  return [
    {
      kind: 'paragraph',
      spans: [
        fill(words.inventoryLine, {
          files: report.files.length,
          skipped: report.skipped.length,
          problems: report.problems.length,
        }),
      ],
    },
    {
      kind: 'table',
      columns: [
        { title: words.path, width: 4.2, style: 'mono' },
        { title: words.component, width: 2.2 },
        { title: words.format, width: 0.9 },
        { title: words.encoding, width: 0.9 },
        { title: words.lines, width: 0.8 },
        { title: words.events, width: 0.8 },
        { title: words.errors, width: 0.8 },
        { title: words.warnings, width: 1.05 },
      ],
      rows: report.files
        .slice(0, MAX_INVENTORY_ROWS)
        .map((f) => [
          f.path,
          `${f.module}/${f.component}`,
          f.format,
          f.encoding,
          f.lines,
          f.events,
          f.levels.error + f.levels.critical,
          f.levels.warning,
        ]),
      density: 'dense',
    },
    ...(more > 0 ? [remark(fill(words.moreFiles, { n: more }), 'fine')] : []),
    heading(2, words.skipped),
    pathReasons(report.skipped),
    heading(2, words.problems),
    pathReasons(report.problems),
  ];
}

/** The appendix's name for what a query reproduces, in the report's language. */
export function queryWhat(what: string, words: ReportWords): string {
  const finding = /^finding (\S+) in (.+)$/.exec(what);
  if (finding) return fill(words.whatFinding, { rule: finding[1]!, where: finding[2]! });
  const other = /^(pin|trace|pattern) (.+)$/.exec(what);
  if (!other) return what;
  const rest = other[2]!;
  if (other[1] === 'pin') return fill(words.whatPin, { where: rest });
  return fill(other[1] === 'trace' ? words.whatTrace : words.whatPattern, { id: rest });
}
