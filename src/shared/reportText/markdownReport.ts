/**
 * The case report as GitHub-flavoured Markdown: pastes cleanly into a ticket or an issue
 * tracker. Log text goes into fenced blocks (the fence is longer than any backtick run in it)
 * and table cells are escaped, so a customer's line can never break the layout.
 */
import type { Report, ReportFinding } from '../report.ts';
import {
  REPORT_SECTIONS,
  findingsByCategory,
  redactionStatement,
  reportTitle,
  sectionTitle,
  sparkline,
  spanText,
  summaryLine,
  type ReportSection,
} from './reportOutline.ts';
import { fill, reportWords, type ReportWords } from './reportWords.ts';

const MAX_CELL = 240;
const MAX_INVENTORY_ROWS = 500;

/** A table cell: one line, pipes escaped, long text cut. */
export function cell(text: string | number | null): string {
  const s = text === null ? '—' : String(text);
  // Every line break Markdown knows ends a table row; `<` and `&` would start HTML.
  const one = s
    .replace(/\r\n|[\r\n\u2028\u2029]/g, ' ⏎ ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|');
  return one.length > MAX_CELL ? `${one.slice(0, MAX_CELL - 1)}…` : one;
}

/** A fenced block that nothing inside can close. */
export function fence(lines: readonly string[], info = 'text'): string {
  const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((run) => run.length))));
  const bar = '`'.repeat(longest + 1);
  return `${bar}${info}\n${lines.join('\n')}\n${bar}`;
}

const table = (head: string[], rows: (string | number | null)[][]): string =>
  [
    `| ${head.map(cell).join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');

/**
 * Text the engineer wrote, kept as Markdown (lists, emphasis, code) but unable to break the
 * report: headings are demoted below ours, HTML and comments are shown as text, a setext
 * underline is escaped, an unclosed code fence is closed.
 */
export function prose(text: string, empty: string): string {
  if (text.trim() === '') return `_${empty}_`;
  const lines = text
    .trim()
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .split('\n');
  let fenced = false;
  const out = lines.map((line) => {
    if (/^\s*(`{3,}|~{3,})/.test(line)) {
      fenced = !fenced;
      return line;
    }
    if (fenced) return line;
    return line
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/^(\s*)(#{1,6})(\s)/, '$1$2###$3')
      .replace(/^(\s*)(=+|-{2,})\s*$/, '$1\\$2');
  });
  if (fenced) out.push('```');
  return out.join('\n');
}

const anchor = (title: string): string =>
  title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s/g, '-');

function finding(f: ReportFinding, words: ReportWords, lang: 'en' | 'zh'): string {
  const out = [
    `#### ${words.severity[f.severity].toUpperCase()} · ${f.title[lang]} — \`${f.module}/${f.component}\``,
    '',
  ];
  out.push(
    `${f.count} ${words.events} · ${words.first} ${f.firstTime ?? '—'} · ${words.last} ${f.lastTime ?? '—'}${f.stage ? ` · ${words.stage} ${f.stage}` : ''} · \`${f.rule}\``,
    '',
  );
  out.push(`**${words.advice}:** ${f.advice[lang]}`, '');
  if (f.evidence.length > 0) {
    out.push(`**${words.evidence}:**`, '');
    out.push(
      fence(
        f.evidence.flatMap((e) => [
          `${e.path}:${e.line}`,
          `  ${e.text}`,
          ...(e.match ? [`${e.path}:${e.match.line}`, `  ${e.match.text}`] : []),
        ]),
      ),
      '',
    );
  }
  if (f.requestIds.length > 0)
    out.push(`**${words.requestIds}:** ${f.requestIds.map((id) => `\`${id}\``).join(', ')}`, '');
  if (f.query) out.push(`**${words.reproduce}:** \`${f.query.replace(/`/g, "'")}\``, '');
  if (f.references.length > 0) out.push(f.references.map((r) => `- ${r}`).join('\n'), '');
  return out.join('\n');
}

function section(report: Report, name: ReportSection, words: ReportWords, lang: 'en' | 'zh'): string {
  const c = report.case;
  switch (name) {
    case 'metadata': {
      const rows: (string | number | null)[][] = [
        [words.ticket, c?.ticket || '—'],
        [words.customer, c?.customer || '—'],
        [words.engineer, c?.engineer || '—'],
        [words.generated, report.generatedAt],
        [words.generator, report.generator],
        ...report.bundles.map((b) => [
          words.bundle,
          `${b.name} (${b.bytes} bytes, ${b.fileCount} files, sha256 ${b.sha256 ?? '—'})`,
        ]),
        [words.span, spanText(report.bundle?.firstTime ?? null, report.bundle?.lastTime ?? null)],
        [words.zone, report.zone],
        [words.stage, report.stage ? `${report.stage.name[lang]} (${report.stage.id})` : words.anyStage],
      ];
      const versions =
        report.versions.length === 0
          ? `_${words.noVersions}_`
          : table(
              [words.component, 'Version', words.path],
              report.versions.map((v) => [v.component, v.version, v.path]),
            );
      return [table(['', ''], rows), '', `**${words.versions}:**`, '', versions].join('\n');
    }
    case 'statement':
      return prose(c?.statement ?? '', words.noStatement);
    case 'summary':
      return summaryLine(report, words);
    case 'findings': {
      const groups = findingsByCategory(report);
      if (groups.length === 0) return `_${words.noFindings}_`;
      return groups
        .map((g) =>
          [
            `### ${words.category[g.category]} (${g.findings.length})`,
            '',
            ...g.findings.map((f) => finding(f, words, lang)),
          ].join('\n'),
        )
        .join('\n');
    }
    case 'timeline': {
      const out: string[] = [];
      const chart = report.timeline.chart;
      if (chart) {
        const all = chart.other.map((n, i) => n + chart.errors[i] + chart.warnings[i]);
        out.push(
          `**${words.chart}** (${chart.from} → ${chart.to}, ${Math.round(chart.binMs / 60_000)} min / bin):`,
          '',
        );
        out.push(
          fence([
            `${words.chartErrors.padEnd(9)}|${sparkline(chart.errors)}|`,
            `${words.chartWarnings.padEnd(9)}|${sparkline(chart.warnings)}|`,
            `${words.chartAll.padEnd(9)}|${sparkline(all)}|`,
          ]),
          '',
        );
      }
      out.push(`**${words.keyEvents}:**`, '');
      const events = report.timeline.events;
      out.push(
        events.length === 0
          ? `_${words.noKeyEvents}_`
          : table(
              [words.time, words.component, words.level, words.text, words.from],
              events.map((e) => [
                e.time,
                e.component,
                e.level,
                e.text,
                e.source.kind === 'pin' ? words.fromPin : e.source.rules.join(', '),
              ]),
            ),
      );
      return out.join('\n');
    }
    case 'traces':
      if (report.traces.length === 0) return `_${words.noTraces}_`;
      return report.traces
        .map((t) =>
          [
            `### \`${t.id}\` — ${words.traceReason[t.reason]}`,
            '',
            fill(words.traceSummary, {
              events: t.events.length + t.omitted,
              components: t.components.join(', '),
              errors: t.errors,
              span: spanText(t.firstTime, t.lastTime),
            }),
            '',
            table(
              [words.time, words.component, words.level, words.text],
              t.events.map((e) => [e.time, e.component, e.level, e.text]),
            ),
            ...(t.omitted > 0 ? ['', `_${fill(words.omitted, { n: t.omitted })}_`] : []),
          ].join('\n'),
        )
        .join('\n\n');
    case 'pins':
      if (report.pins.length === 0) return `_${words.noPins}_`;
      return report.pins
        .map((p, i) => {
          const head = [
            `### ${i + 1}. \`${p.path}:${p.line}\` — ${p.component} · ${p.level}${p.time ? ` · ${p.time}` : ''}`,
            '',
          ];
          if (p.note.trim()) head.push(`**${words.note}:** ${p.note.trim().replace(/\n+/g, ' ')}`, '');
          if (p.context.length === 0)
            return [...head, `_${words.notInCase}_`, '', fence([`> ${p.line} ${p.text}`])].join('\n');
          const width = String(p.context[p.context.length - 1].line).length;
          const body = p.context.map(
            (l) => `${l.line === p.line ? '>' : ' '} ${String(l.line).padStart(width)}  ${l.text}`,
          );
          return [
            ...head,
            `_${fill(words.context, { n: report.case?.contextLines ?? 0, path: p.path })}_`,
            '',
            fence(body),
            '',
            `**${words.reproduce}:** \`${p.query.replace(/`/g, "'")}\``,
          ].join('\n');
        })
        .join('\n\n');
    case 'artifacts': {
      const a = report.artifacts;
      const out: string[] = [];
      if (a.goroutines.length > 0) {
        out.push(`### ${words.goroutines}`, '');
        for (const d of a.goroutines) {
          out.push(fill(words.goroutineLine, { path: d.source.path, line: d.source.line, total: d.total }), '');
          out.push(
            table(
              ['#', 'state', 'top frame'],
              d.groups.slice(0, 8).map((g) => [g.count, g.state ?? '—', g.topFrame]),
            ),
            '',
          );
        }
      }
      if (a.pods.length > 0) {
        out.push(`### ${words.pods}`, '');
        const bad = a.pods.flatMap((t) => [...t.notRunning, ...t.notReady]);
        out.push(
          bad.length === 0
            ? `_${words.podsAllFine}_`
            : table(
                ['namespace', 'pod', 'ready', 'status', 'restarts', 'age'],
                bad.map((p) => [p.namespace, p.name, `${p.ready}/${p.containers}`, p.status, p.restarts, p.age]),
              ),
          '',
        );
      }
      if (a.stats.length > 0) {
        out.push(`### ${words.services}`, '');
        for (const s of a.stats) {
          const busiest = [...s.workers].sort((x, y) => y.queue - x.queue).slice(0, 5);
          out.push(`\`${s.source.path}\`${s.service ? ` (${s.service})` : ''}`, '');
          if (busiest.length > 0)
            out.push(
              table(
                ['worker pool', 'active/max', 'queue'],
                busiest.map((w) => [w.name, `${w.active}/${w.max}`, w.queue]),
              ),
              '',
            );
          for (const db of s.databases)
            out.push(`- db ${db.name ?? ''}: ${db.inUse}/${db.maxOpen} in use, ${db.waitCount ?? '—'} waits`);
          out.push('');
        }
      }
      return out.length === 0 ? `_${words.noArtifacts}_` : out.join('\n').trimEnd();
    }
    case 'inventory': {
      const out = [
        fill(words.inventoryLine, {
          files: report.files.length,
          skipped: report.skipped.length,
          problems: report.problems.length,
        }),
        '',
      ];
      const rows = report.files
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
        ]);
      out.push(
        table(
          [
            words.path,
            words.component,
            words.format,
            words.encoding,
            words.lines,
            words.events,
            words.errors,
            words.warnings,
          ],
          rows,
        ),
        '',
      );
      if (report.files.length > MAX_INVENTORY_ROWS)
        out.push(`_… ${report.files.length - MAX_INVENTORY_ROWS} more in the JSON report._`, '');
      out.push(
        `**${words.skipped}:**`,
        '',
        report.skipped.length === 0
          ? words.none
          : table(
              [words.path, words.reason],
              report.skipped.map((s) => [s.path, s.reason]),
            ),
        '',
      );
      out.push(
        `**${words.problems}:**`,
        '',
        report.problems.length === 0
          ? words.none
          : table(
              [words.path, words.reason],
              report.problems.map((s) => [s.path, s.reason]),
            ),
      );
      return out.join('\n');
    }
    case 'conclusion':
      return prose(c?.conclusion ?? '', words.noConclusion);
    case 'redaction':
      return redactionStatement(report, words);
    case 'appendix':
      return [
        words.appendixLead,
        '',
        table(
          [words.what, words.query],
          report.queries.map((q) => [q.what, `\`${q.query.replace(/`/g, "'")}\``]),
        ),
      ].join('\n');
  }
}

/** The report as Markdown, in the report's language (or `language` when given). */
export function markdownReport(report: Report, language: 'en' | 'zh' = report.case?.language ?? 'en'): string {
  const words = reportWords(language);
  const title = reportTitle(report, words);
  const toc = REPORT_SECTIONS.map(
    (s, i) => `${i + 1}. [${sectionTitle(s, words)}](#${anchor(`${i + 1}. ${sectionTitle(s, words)}`)})`,
  );
  const body = REPORT_SECTIONS.map(
    (s, i) => `## ${i + 1}. ${sectionTitle(s, words)}\n\n${section(report, s, words, language)}`,
  );
  return [`# ${title}`, '', `**${words.contents}**`, '', ...toc, '', ...body.flatMap((b) => [b, ''])].join('\n');
}
