/**
 * The case report as a PDF (A4): a first page with the title, the case and the contents, then
 * the same sections as the Markdown report (reportOutline.ts) — findings with their evidence in
 * monospace, the chart of the case, traces, pinned lines with their context, artifacts, the
 * inventory, the conclusion, redaction and the queries appendix. Written from the report JSON.
 */
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type { Report } from '../../../shared/report.ts';
import {
  REPORT_SECTIONS,
  findingsByCategory,
  redactionStatement,
  reportTitle,
  sectionTitle,
  spanText,
  summaryLine,
  type ReportSection,
} from '../../../shared/reportText/reportOutline.ts';
import { fill, reportWords, type ReportWords } from '../../../shared/reportText/reportWords.ts';
import { INK, PdfLayout } from './pdfLayout.ts';

const MAX_INVENTORY_ROWS = 400;

function section(pdf: PdfLayout, report: Report, name: ReportSection, words: ReportWords, lang: 'en' | 'zh'): void {
  const c = report.case;
  switch (name) {
    case 'metadata': {
      const rows: (string | number)[][] = [
        [words.ticket, c?.ticket || '—'],
        [words.customer, c?.customer || '—'],
        [words.engineer, c?.engineer || '—'],
        [words.generated, report.generatedAt],
        [words.generator, report.generator],
        ...report.bundles.map((b) => [
          words.bundle,
          `${b.name} — ${b.bytes} bytes, ${b.fileCount} files\nsha256 ${b.sha256 ?? '—'}`,
        ]),
        [words.span, spanText(report.bundle?.firstTime ?? null, report.bundle?.lastTime ?? null)],
        [words.zone, report.zone],
        [words.stage, report.stage ? `${report.stage.name[lang]} (${report.stage.id})` : words.anyStage],
      ];
      pdf.table(null, rows, [1, 4]);
      pdf.label(words.versions);
      if (report.versions.length === 0) pdf.paragraph(words.noVersions, { muted: true });
      else
        pdf.table(
          [words.component, 'Version', words.path],
          report.versions.map((v) => [v.component, v.version, v.path]),
          [2, 2, 4],
          { mono: [1, 2] },
        );
      return;
    }
    case 'statement':
      pdf.paragraph(c?.statement.trim() || words.noStatement, { muted: !c?.statement.trim() });
      return;
    case 'summary':
      pdf.paragraph(summaryLine(report, words));
      for (const t of report.triage) {
        const steps = t.steps.map((s) => `${s.question[lang]} → ${s.answer[lang]}`).join('  ·  ');
        pdf.paragraph(`${steps}${t.handling ? `  ⇒  ${t.handling.handling[lang]}` : ''}`, {
          bold: `${t.title[lang]}:`,
          size: 8.5,
        });
      }
      return;
    case 'findings': {
      const groups = findingsByCategory(report);
      if (groups.length === 0) return pdf.paragraph(words.noFindings, { muted: true });
      for (const g of groups) {
        pdf.heading(`${words.category[g.category]} (${g.findings.length})`, 2);
        for (const f of g.findings) {
          pdf.ensure(70);
          pdf
            .use('bold')
            .fontSize(10)
            .fillColor(
              f.severity === 'critical' || f.severity === 'error'
                ? INK.error
                : f.severity === 'warning'
                  ? INK.warning
                  : INK.accent,
            );
          pdf.doc.text(pdf.printable(`${words.severity[f.severity].toUpperCase()}  ${f.title[lang]}`), {
            width: pdf.width,
          });
          pdf.paragraph(
            `${f.module}/${f.component} · ${f.count} ${words.events} · ${words.first} ${f.firstTime ?? '—'} · ${words.last} ${f.lastTime ?? '—'} · ${f.rule}`,
            { muted: true, size: 8 },
          );
          // The rules write commands in Markdown backticks; the PDF has no inline code style.
          pdf.paragraph(f.advice[lang].replace(/`([^`]*)`/g, '$1'), { bold: `${words.advice}:`, size: 9 });
          if (f.evidence.length > 0) {
            // No gutter: the log line gets the full width, so a line of ~130 half-width cells
            // (a Chinese line of about 100) is never wrapped and reads back from the PDF as written.
            pdf.code(
              f.evidence.flatMap((e) => [
                { text: `${e.path}:${e.line}`, muted: true },
                { text: e.text },
                ...(e.match ? [{ text: `${e.path}:${e.match.line}`, muted: true }, { text: e.match.text }] : []),
              ]),
              7.2,
            );
          }
          if (f.requestIds.length > 0)
            pdf.paragraph(f.requestIds.join(', '), { bold: `${words.requestIds}:`, size: 8.5 });
          if (f.query) pdf.paragraph(f.query, { bold: `${words.reproduce}:`, size: 8.5 });
        }
      }
      return;
    }
    case 'timeline': {
      const chart = report.timeline.chart;
      if (chart) {
        pdf.paragraph(`${words.chart} (${Math.round(chart.binMs / 60_000)} min / bin)`, { muted: true, size: 8.5 });
        pdf.chart(chart, {
          from: chart.from,
          to: chart.to,
          legend: [words.chartErrors, words.chartWarnings, words.chartAll],
        });
      }
      pdf.heading(words.keyEvents, 2);
      const events = report.timeline.events;
      if (events.length === 0) return pdf.paragraph(words.noKeyEvents, { muted: true });
      pdf.table(
        [words.time, words.component, words.level, words.text],
        events.map((e) => [
          e.time,
          e.component,
          e.level,
          `${e.text}\n(${e.source.kind === 'pin' ? words.fromPin : e.source.rules.join(', ')})`,
        ]),
        [1.6, 1.5, 0.6, 5],
        { size: 7, mono: [0, 3] },
      );
      return;
    }
    case 'traces':
      if (report.traces.length === 0) return pdf.paragraph(words.noTraces, { muted: true });
      for (const t of report.traces) {
        pdf.heading(`${t.id} — ${words.traceReason[t.reason]}`, 2);
        pdf.paragraph(
          fill(words.traceSummary, {
            events: t.events.length + t.omitted,
            components: t.components.join(', '),
            errors: t.errors,
            span: spanText(t.firstTime, t.lastTime),
          }),
          { size: 8.5 },
        );
        pdf.table(
          [words.time, words.component, words.level, words.text],
          t.events.map((e) => [e.time, e.component, e.level, e.text]),
          [1.6, 1.5, 0.6, 5],
          { size: 7, mono: [0, 3] },
        );
        if (t.omitted > 0) pdf.paragraph(fill(words.omitted, { n: t.omitted }), { muted: true, size: 8 });
      }
      return;
    case 'pins':
      if (report.pins.length === 0) return pdf.paragraph(words.noPins, { muted: true });
      report.pins.forEach((p, i) => {
        pdf.heading(`${i + 1}. ${p.path}:${p.line}`, 2);
        pdf.paragraph(`${p.component} · ${p.level}${p.time ? ` · ${p.time}` : ''}`, { muted: true, size: 8 });
        if (p.note.trim()) pdf.paragraph(p.note.trim(), { bold: `${words.note}:` });
        if (p.context.length === 0) {
          pdf.paragraph(words.notInCase, { muted: true, size: 8 });
          pdf.code([{ gutter: String(p.line), text: p.text, mark: true }]);
        } else {
          pdf.paragraph(fill(words.context, { n: report.case?.contextLines ?? 0, path: p.path }), {
            muted: true,
            size: 8,
          });
          pdf.code(p.context.map((l) => ({ gutter: String(l.line), text: l.text, mark: l.line === p.line })));
        }
        pdf.paragraph(p.query, { bold: `${words.reproduce}:`, size: 8.5 });
      });
      return;
    case 'artifacts': {
      const a = report.artifacts;
      let any = false;
      if (a.goroutines.length > 0) {
        any = true;
        pdf.heading(words.goroutines, 2);
        for (const d of a.goroutines) {
          pdf.paragraph(fill(words.goroutineLine, { path: d.source.path, line: d.source.line, total: d.total }), {
            size: 8.5,
          });
          pdf.table(
            ['#', 'state', 'top frame'],
            d.groups.slice(0, 8).map((g) => [g.count, g.state ?? '—', g.topFrame]),
            [0.6, 1.6, 6],
            { size: 7.5, mono: [2] },
          );
        }
      }
      if (a.pods.length > 0) {
        any = true;
        pdf.heading(words.pods, 2);
        const bad = a.pods.flatMap((t) => [...t.notRunning, ...t.notReady]);
        if (bad.length === 0) pdf.paragraph(words.podsAllFine, { muted: true });
        else
          pdf.table(
            ['namespace', 'pod', 'ready', 'status', 'restarts', 'age'],
            bad.map((p) => [p.namespace, p.name, `${p.ready}/${p.containers}`, p.status, p.restarts, p.age]),
            [1.6, 3, 0.8, 1.6, 0.9, 0.8],
            { size: 7.5 },
          );
      }
      if (a.stats.length > 0) {
        any = true;
        pdf.heading(words.services, 2);
        for (const s of a.stats) {
          pdf.paragraph(`${s.source.path}${s.service ? ` (${s.service})` : ''}`, { size: 8.5 });
          const busiest = [...s.workers].sort((x, y) => y.queue - x.queue).slice(0, 5);
          if (busiest.length > 0)
            pdf.table(
              ['worker pool', 'active/max', 'queue'],
              busiest.map((w) => [w.name, `${w.active}/${w.max}`, w.queue]),
              [4, 1.5, 1],
              { size: 7.5 },
            );
          for (const db of s.databases)
            pdf.paragraph(`db ${db.name ?? ''}: ${db.inUse}/${db.maxOpen} in use, ${db.waitCount ?? '—'} waits`, {
              size: 8,
            });
        }
      }
      if (!any) pdf.paragraph(words.noArtifacts, { muted: true });
      return;
    }
    case 'inventory': {
      pdf.paragraph(
        fill(words.inventoryLine, {
          files: report.files.length,
          skipped: report.skipped.length,
          problems: report.problems.length,
        }),
      );
      pdf.table(
        [words.path, words.component, words.format, words.encoding, words.lines, words.errors, words.warnings],
        report.files
          .slice(0, MAX_INVENTORY_ROWS)
          .map((f) => [
            f.path,
            `${f.module}/${f.component}`,
            f.format,
            f.encoding,
            f.lines,
            f.levels.error + f.levels.critical,
            f.levels.warning,
          ]),
        [4.6, 2.4, 0.9, 0.9, 0.8, 0.8, 1.05],
        { size: 7, mono: [0] },
      );
      if (report.files.length > MAX_INVENTORY_ROWS)
        pdf.paragraph(`… ${report.files.length - MAX_INVENTORY_ROWS} more in the JSON report.`, {
          muted: true,
          size: 8,
        });
      pdf.heading(words.skipped, 2);
      if (report.skipped.length === 0) pdf.paragraph(words.none, { muted: true });
      else
        pdf.table(
          [words.path, words.reason],
          report.skipped.map((s) => [s.path, s.reason]),
          [3, 4],
          { size: 7.5, mono: [0] },
        );
      pdf.heading(words.problems, 2);
      if (report.problems.length === 0) pdf.paragraph(words.none, { muted: true });
      else
        pdf.table(
          [words.path, words.reason],
          report.problems.map((s) => [s.path, s.reason]),
          [3, 4],
          { size: 7.5, mono: [0] },
        );
      return;
    }
    case 'conclusion':
      pdf.paragraph(c?.conclusion.trim() || words.noConclusion, { muted: !c?.conclusion.trim() });
      return;
    case 'redaction':
      pdf.paragraph(redactionStatement(report, words));
      return;
    case 'appendix':
      pdf.paragraph(words.appendixLead.replace(/`/g, ''), { muted: true, size: 8.5 });
      pdf.table(
        [words.what, words.query],
        report.queries.map((q) => [q.what, q.query]),
        [2.2, 5],
        { size: 7, mono: [1] },
      );
      return;
  }
}

/** Writes the report as a PDF to a file path or a stream; resolves when the last byte is written. */
export async function writePdfReport(
  report: Report,
  to: string | Writable,
  language: 'en' | 'zh' = report.case?.language ?? 'en',
): Promise<void> {
  const words = reportWords(language);
  const title = reportTitle(report, words);
  const pdf = new PdfLayout({
    title,
    author: report.case?.engineer || 'Tarsier',
    language,
    createdAt: new Date(Date.parse(report.generatedAt) || Date.now()),
  });
  const out = typeof to === 'string' ? createWriteStream(to) : to;
  pdf.doc.pipe(out);
  const doc = pdf.doc;
  // First page: title, what the case is, and the contents (filled in at the end).
  pdf.use('bold').fontSize(20).fillColor(INK.text).text(pdf.printable(title), { width: pdf.width });
  doc.moveDown(0.3);
  pdf.use('body').fontSize(9.5).fillColor(INK.muted);
  doc.text(
    pdf.printable(
      `${report.bundles.map((b) => b.name).join(', ')} · ${words.generated} ${report.generatedAt} · ${report.generator}`,
    ),
    { width: pdf.width },
  );
  doc.moveDown(0.6);
  pdf.paragraph(summaryLine(report, words));
  if (report.case?.statement.trim()) pdf.paragraph(report.case.statement.trim(), { bold: `${words.statement}:` });
  doc.moveDown(0.8);
  pdf.use('bold').fontSize(13).fillColor(INK.text).text(pdf.printable(words.contents));
  doc.moveDown(0.4);
  const tocY = doc.y;
  REPORT_SECTIONS.forEach((name, i) => {
    if (i === 0) pdf.newPage();
    pdf.heading(`${i + 1}. ${sectionTitle(name, words)}`);
    section(pdf, report, name, words, language);
  });
  const header = `Tarsier · ${report.case?.ticket.trim() || report.bundle?.sha256?.slice(0, 12) || ''} · ${report.bundles.map((b) => b.name).join(', ')}`;
  pdf.finish({ tocPage: 0, tocY, header, pageLabel: (n, total) => fill(words.page, { n, total }) });
  doc.end();
  await finished(out);
}
