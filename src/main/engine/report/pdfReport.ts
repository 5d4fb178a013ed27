/**
 * The case report as a PDF (A4), printed from the report's outline (outlineReport.ts): a first
 * page with the title, the cover and the contents, then every section — findings coloured by
 * severity, evidence and pinned context in monospace, the chart drawn as bars, tables that break
 * across pages. What is said is the outline's; how it looks is decided here.
 */
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type { Report } from '../../../shared/report.ts';
import { inlineText, type OutlineBlock, type TextSize } from '../../../shared/reportText/outlineBlocks.ts';
import { outlineReport } from '../../../shared/reportText/outlineReport.ts';
import { fill } from '../../../shared/reportText/reportWords.ts';
import type { Severity } from '../../../shared/rules/ruleSpec.ts';
import { INK, PdfLayout } from './pdfLayout.ts';

const SIZES: Record<TextSize, number> = { small: 8.5, fine: 8 };
const TABLE_SIZES = { compact: 7.5, dense: 7 } as const;
const TONES: Record<Severity, string> = {
  critical: INK.error,
  error: INK.error,
  warning: INK.warning,
  info: INK.accent,
};

/** A table; a column `beneath` another goes under its text, in parentheses. */
function table(pdf: PdfLayout, b: Extract<OutlineBlock, { kind: 'table' }>): void {
  const shown = b.columns.flatMap((c, i) => (c.beneath ? [] : [i]));
  const rows = b.rows.map((row) =>
    shown.map((i) => {
      const note = b.columns[i + 1]?.beneath ? row[i + 1] : null;
      return note === null || note === '' ? row[i] : `${row[i] ?? '—'}\n(${note})`;
    }),
  );
  pdf.table(
    shown.map((i) => b.columns[i].title),
    rows,
    shown.map((i) => b.columns[i].width),
    {
      size: b.density ? TABLE_SIZES[b.density] : undefined,
      mono: shown.flatMap((i, at) => (b.columns[i].style ? [at] : [])),
    },
  );
}

/** Prints one block; returns the y where the contents go when the block is the contents. */
function block(pdf: PdfLayout, b: OutlineBlock): number | null {
  const doc = pdf.doc;
  switch (b.kind) {
    case 'cover':
      for (const inner of b.blocks) block(pdf, inner);
      doc.moveDown(0.8);
      return null;
    case 'contents':
      // The entries are written by finish(), once every heading's page is known.
      pdf.use('bold').fontSize(13).fillColor(INK.text).text(pdf.printable(b.title));
      doc.moveDown(0.4);
      return doc.y;
    case 'pageBreak':
      pdf.newPage();
      return null;
    case 'heading':
      if (b.level < 3) pdf.heading(inlineText(b.spans), b.level as 1 | 2);
      else {
        // An item's title: coloured, not a bookmark, kept with a few lines of what follows.
        pdf.ensure(70);
        pdf
          .use('bold')
          .fontSize(10)
          .fillColor(b.tone ? TONES[b.tone] : INK.text);
        doc.text(pdf.printable(inlineText(b.spans)), { width: pdf.width });
      }
      return null;
    case 'paragraph':
      pdf.paragraph(inlineText(b.spans), {
        muted: b.role !== undefined,
        bold: b.lead ? `${b.lead}:` : undefined,
        size: b.size ? SIZES[b.size] : undefined,
      });
      return null;
    case 'prose':
      pdf.paragraph(b.text.trim() || b.empty, { muted: !b.text.trim() });
      return null;
    case 'label':
      pdf.label(b.text);
      return null;
    case 'keyValue':
      pdf.table(null, b.rows, [1, 4]);
      return null;
    case 'table':
      table(pdf, b);
      return null;
    case 'list':
      // One paragraph, an item a line: a list reads as one piece, not as loose paragraphs.
      pdf.paragraph(b.items.map((item) => `•  ${inlineText(item)}`).join('\n'), {
        size: b.size ? SIZES[b.size] : undefined,
      });
      return null;
    case 'code':
      // No indentation under a caption: the log line gets the full width, so a line of ~130
      // half-width cells (a Chinese line of about 100) is never wrapped and reads back as written.
      pdf.code(
        b.lines.map((l) => ({ gutter: l.gutter, text: l.text, mark: l.mark, muted: l.caption })),
        b.compact ? 7.2 : undefined,
      );
      return null;
    case 'chart':
      pdf.paragraph(`${b.caption} (${b.binMinutes} min / bin)`, { muted: true, size: SIZES.small });
      pdf.chart(b, { from: b.from, to: b.to, legend: b.legend });
      return null;
  }
}

/** Writes the report as a PDF to a file path or a stream; resolves when the last byte is written. */
export async function writePdfReport(
  report: Report,
  to: string | Writable,
  language: 'en' | 'zh' = report.case?.language ?? 'en',
): Promise<void> {
  const outline = outlineReport(report, language);
  const pdf = new PdfLayout({
    title: outline.title,
    author: outline.author,
    language,
    createdAt: new Date(Date.parse(report.generatedAt) || Date.now()),
  });
  const out = typeof to === 'string' ? createWriteStream(to) : to;
  pdf.doc.pipe(out);
  pdf.use('bold').fontSize(20).fillColor(INK.text).text(pdf.printable(outline.title), { width: pdf.width });
  pdf.doc.moveDown(0.3);
  let tocY = pdf.doc.y;
  for (const b of outline.blocks) tocY = block(pdf, b) ?? tocY;
  pdf.finish({
    tocPage: 0,
    tocY,
    header: outline.running,
    pageLabel: (n, total) => fill(outline.pageLabel, { n, total }),
  });
  pdf.doc.end();
  await finished(out);
}
