/**
 * A small layout layer over pdfkit for the case report: A4 pages with a running header (case id)
 * and "page n of N" footer, headings that become bookmarks and table-of-contents entries,
 * paragraphs, monospace evidence blocks whose long lines wrap, tables that break across pages
 * with their header repeated, and a level chart drawn as vector bars. Fonts are the CJK subsets
 * shipped in resources/fonts; a character they lack is printed as `?` so the text stays
 * extractable.
 */
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { resourcesDir } from '../platform/resources.ts';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 62, bottom: 58, left: 50, right: 50 };

/** Colours (light, print-friendly). */
export const INK = {
  text: '#1b1f24',
  muted: '#5a6472',
  rule: '#d9dde3',
  codeBg: '#f3f5f8',
  codeMark: '#fde3e0',
  error: '#b42318',
  warning: '#b26a00',
  other: '#9aa4b1',
  accent: '#2563c9',
  headBg: '#eef0f3',
};

export interface TocEntry {
  title: string;
  level: 1 | 2;
  page: number;
  destination: string;
}

type Cell = string | number | null;
type Face = 'body' | 'bold' | 'mono';

/** The smallest monospace size a code block shrinks to (still legible on A4 paper). */
const MIN_CODE_SIZE = 6;
/** Longer lines are cut in the PDF (the JSON report keeps them whole). */
const MAX_CODE_CHARS = 4000;
/** Rows measured for their widest word (the inventory lists up to 500). */
const MAX_MEASURED_ROWS = 500;
/** A column widened to fit its widest word takes at most this share of the text width. */
const MAX_WORD_COLUMN = 0.3;
/** A monospace column gives at most this share of its own width to others. */
const MAX_MONO_GIVE = 0.4;

/** The runs of a cell a line cannot break inside: spaces separate them, and each Han character stands alone. */
export function wordsOf(text: string): string[] {
  return text.split(/[\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+/u).filter((w) => w !== '');
}

/**
 * Column widths where every column is at least as wide as its widest word (`needs`, capped at
 * `cap`; null for a column that wraps anywhere), the room taken from the columns that have
 * some to spare, in proportion to it. A word is never broken where the table could avoid it.
 */
export function fitWords(cols: number[], needs: (number | null)[], cap: number): number[] {
  const want = needs.map((n, i) => (n === null ? 0 : Math.max(0, Math.min(n, cap) - cols[i])));
  const floor = needs.map((n, i) => (n === null ? cols[i] * (1 - MAX_MONO_GIVE) : Math.min(n, cap)));
  const spare = cols.map((c, i) => (want[i] > 0 ? 0 : Math.max(0, c - floor[i])));
  const wanted = want.reduce((a, b) => a + b, 0);
  const spared = spare.reduce((a, b) => a + b, 0);
  if (wanted === 0 || spared === 0) return cols;
  const grow = Math.min(1, spared / wanted);
  const take = (wanted * grow) / spared;
  return cols.map((c, i) => c + want[i] * grow - spare[i] * take);
}

/** Longer table cells and paragraphs are cut: pdfkit's wrapper is slow on long unbroken runs. */
const MAX_CELL_CHARS = 1000;
const MAX_PARAGRAPH_CHARS = 12_000;

/** `text` cut to `max` characters with a note of how many more there are. */
export function capped(text: string, max: number): string {
  return text.length <= max
    ? text
    : `${text.slice(0, max)} … (${text.length - max} more characters in the JSON report)`;
}

/**
 * A monospace text cut into pieces of at most `perLine` ems: after a space when there is one in
 * the piece (the space stays at the end of the piece), else between two characters (a long run
 * without spaces), never inside a character. Linear in the text's length.
 */
export function wrapEms(text: string, perLine: number, em: (ch: string) => number): string[] {
  const parts: string[] = [];
  let part = '';
  let ems = 0;
  // Where the piece may be cut after a space: its length then, and the width up to there.
  let breakAt = -1;
  let breakEms = 0;
  for (const ch of text) {
    const w = em(ch);
    if (ems + w > perLine && part !== '') {
      if (breakAt > 0 && breakAt < part.length) {
        parts.push(part.slice(0, breakAt));
        part = part.slice(breakAt);
        ems -= breakEms;
      } else {
        parts.push(part);
        part = '';
        ems = 0;
      }
      breakAt = -1;
    }
    part += ch;
    ems += w;
    if (ch === ' ') {
      breakAt = part.length;
      breakEms = ems;
    }
  }
  parts.push(part);
  return parts;
}

export class PdfLayout {
  readonly doc: PDFKit.PDFDocument;
  readonly toc: TocEntry[] = [];
  private readonly coverage: (codePoint: number) => boolean;
  private readonly bodyFont: string;
  private current: Face = 'body';
  private readonly monoEms = new Map<string, number>();
  private destinations = 0;

  constructor(options: { title: string; author: string; language: 'en' | 'zh'; createdAt: Date }) {
    const fonts = join(resourcesDir(), 'fonts');
    this.doc = new PDFDocument({
      size: [A4.width, A4.height],
      margins: MARGIN,
      bufferPages: true,
      font: join(fonts, 'NotoSansSC-Subset.otf'),
      lang: options.language === 'zh' ? 'zh-CN' : 'en',
      displayTitle: true,
      info: {
        Title: options.title,
        Author: options.author,
        Creator: 'Tarsier',
        Producer: 'Tarsier (pdfkit)',
        CreationDate: options.createdAt,
      },
    });
    // The body face is the document's default font, known to pdfkit by its path; registering it
    // again under a name would make pdfkit re-read the file on every switch to that name.
    this.bodyFont = join(fonts, 'NotoSansSC-Subset.otf');
    this.doc.registerFont('bold', join(fonts, 'NotoSansSC-Bold-Subset.otf'));
    this.doc.registerFont('mono', join(fonts, 'NotoSansMonoSC-Subset.otf'));
    // The subsets' character maps, to print `?` for what they lack (pdfkit would draw an
    // unextractable box). fontkit's font object is not part of pdfkit's typed API.
    const fontOf = (name: Face) => {
      this.use(name);
      return (this.doc as unknown as { _font: { font: { hasGlyphForCodePoint(cp: number): boolean } } })._font.font;
    };
    const body = fontOf('body');
    const mono = fontOf('mono');
    this.coverage = (cp) => body.hasGlyphForCodePoint(cp) && mono.hasGlyphForCodePoint(cp);
    this.use('body').fontSize(9.5).fillColor(INK.text);
  }

  /** The advance of a character in the monospace face, in ems (measured once per character). */
  private monoEm(ch: string): number {
    let em = this.monoEms.get(ch);
    if (em === undefined) {
      const face = this.current;
      em = this.use('mono').fontSize(1).widthOfString(ch);
      this.use(face);
      this.monoEms.set(ch, em);
    }
    return em;
  }

  /** Switches the face (only when it changes: a switch costs pdfkit a lookup). */
  use(face: Face): PDFKit.PDFDocument {
    if (face !== this.current) {
      this.doc.font(face === 'body' ? this.bodyFont : face);
      this.current = face;
    }
    return this.doc;
  }

  get width(): number {
    return A4.width - MARGIN.left - MARGIN.right;
  }

  private get bottom(): number {
    return A4.height - MARGIN.bottom;
  }

  /** Text the fonts can print: tabs as spaces, other control characters dropped, missing glyphs `?`. */
  printable(text: string): string {
    let out = '';
    for (const ch of text.replace(/\t/g, '    ')) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x20 && ch !== '\n') continue;
      out += ch === '\n' ? ch : cp === 0x2705 ? '✓' : cp === 0x274c ? '×' : this.coverage(cp) ? ch : '?';
    }
    return out;
  }

  /** Starts a new page when less than `height` is left. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  newPage(): void {
    this.doc.addPage();
  }

  /** A numbered section heading (bookmark and contents entry). */
  heading(title: string, level: 1 | 2 = 1): void {
    const doc = this.doc;
    const size = level === 1 ? 15 : 11.5;
    // Room for the heading and a few lines after it: a heading never ends a page.
    this.ensure(level === 1 ? 90 : 80);
    if (level === 1 && doc.y > MARGIN.top + 1) doc.moveDown(0.8);
    const destination = `s${++this.destinations}`;
    doc.addNamedDestination(destination);
    this.toc.push({ title, level, page: this.pageIndex(), destination });
    if (level === 1) doc.outline.addItem(title);
    this.use('bold')
      .fontSize(size)
      .fillColor(level === 1 ? INK.text : INK.text)
      .text(this.printable(title), MARGIN.left, doc.y, { width: this.width });
    if (level === 1) {
      const y = doc.y + 2;
      doc
        .moveTo(MARGIN.left, y)
        .lineTo(MARGIN.left + this.width, y)
        .lineWidth(0.6)
        .strokeColor(INK.rule)
        .stroke();
      doc.y = y + 6;
    } else doc.moveDown(0.3);
    this.use('body').fontSize(9.5).fillColor(INK.text);
  }

  pageIndex(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }

  /** A paragraph; `bold` prefix printed in the bold face. */
  paragraph(text: string, options: { muted?: boolean; bold?: string; size?: number } = {}): void {
    const doc = this.doc;
    const size = options.size ?? 9.5;
    doc.fontSize(size).fillColor(options.muted ? INK.muted : INK.text);
    if (options.bold) {
      this.use('bold').text(this.printable(options.bold) + ' ', MARGIN.left, doc.y, {
        width: this.width,
        continued: true,
        lineGap: 1.5,
      });
      this.use('body').text(this.printable(capped(text, MAX_PARAGRAPH_CHARS)), { width: this.width, lineGap: 1.5 });
    } else
      this.use('body').text(this.printable(capped(text, MAX_PARAGRAPH_CHARS)), MARGIN.left, doc.y, {
        width: this.width,
        lineGap: 1.5,
      });
    doc.moveDown(0.45).fillColor(INK.text);
  }

  /** A short bold line (a label above a table or block). */
  label(text: string): void {
    this.ensure(50);
    this.use('bold')
      .fontSize(9.5)
      .fillColor(INK.text)
      .text(this.printable(text), MARGIN.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3);
    this.use('body');
  }

  /**
   * Log lines in the monospace face on a tinted block, long lines wrapped (a `↳` gutter marks
   * the continuation); `mark` lines get a red tint (the pinned line).
   */
  code(lines: readonly { gutter?: string; text: string; mark?: boolean; muted?: boolean }[], maxSize = 7.4): void {
    const doc = this.doc;
    this.use('mono');
    const texts = lines.map((l) => this.printable(capped(l.text, MAX_CODE_CHARS)) || ' ');
    // Monospace: a character is half or all of an em wide, so lines are measured and wrapped
    // here, not by pdfkit's word wrapper (which splits a long unbroken run — base64, minified
    // JSON — one character at a time, in time that grows with the square of its length).
    const em = (ch: string): number => this.monoEm(ch);
    const width = (t: string): number => {
      let sum = 0;
      for (const ch of t) sum += em(ch);
      return sum;
    };
    const ems = texts.map(width);
    const gutterEms = Math.max(0, ...lines.map((l) => (l.gutter ? width(`${l.gutter}  `) : 0)));
    // The block shrinks (down to MIN_CODE_SIZE) until its longest line fits: a log line is
    // easiest to read — and to copy back out of the PDF — unwrapped. Longer lines still wrap.
    const widestEms = Math.max(1, ...ems) + gutterEms;
    const size = Math.max(MIN_CODE_SIZE, Math.min(maxSize, (this.width - 14) / widestEms));
    const gutterWidth = gutterEms * size;
    const perLine = Math.max(8, (this.width - 12 - gutterWidth) / size - 0.01);
    const lineGap = 1.2;
    const lineHeight = size * 1.16 + lineGap;
    const rows = texts.map((t) => wrapEms(t, perLine, em));
    // The first lines of a block (a path and its line, a pin's first context) stay together.
    this.ensure(Math.min(4, lines.length) * lineHeight + 4);
    doc.fontSize(size);
    lines.forEach((line, i) => {
      const parts = rows[i];
      // A muted line (a path) heads the line after it: never the last on a page.
      const next = line.muted && rows[i + 1] ? rows[i + 1].length * lineHeight : 0;
      if (doc.y + Math.min(parts.length * lineHeight, this.bottom - MARGIN.top) + next > this.bottom) doc.addPage();
      parts.forEach((part, p) => {
        if (doc.y + lineHeight > this.bottom) doc.addPage();
        const y = doc.y;
        doc.rect(MARGIN.left, y - 0.5, this.width, lineHeight).fill(line.mark ? INK.codeMark : INK.codeBg);
        if (line.gutter && p === 0)
          doc.fillColor(INK.muted).text(line.gutter, MARGIN.left + 6, y, { lineBreak: false });
        doc
          .fillColor(line.muted ? INK.muted : INK.text)
          .text(part, MARGIN.left + 6 + gutterWidth, y, { lineBreak: false });
        doc.y = y + lineHeight;
      });
    });
    // Text placed at an x of its own leaves pdfkit's cursor there; what follows starts at the margin.
    doc.x = MARGIN.left;
    doc.moveDown(0.6);
    this.use('body').fontSize(9.5).fillColor(INK.text);
  }

  /** A table: `widths` are fractions of the text width; the header (if any) repeats on each new page. */
  table(
    head: string[] | null,
    rows: Cell[][],
    widths: number[],
    options: { size?: number; mono?: number[] } = {},
  ): void {
    const doc = this.doc;
    const size = options.size ?? 8;
    const total = widths.reduce((a, b) => a + b, 0);
    const pad = 3;
    const faceOf = (i: number, bold: boolean): Face => (bold ? 'bold' : options.mono?.includes(i) ? 'mono' : 'body');
    const cols = fitWords(
      widths.map((w) => (w / total) * this.width),
      widths.map((_, i) => {
        // Monospace columns hold paths and log lines that wrap anywhere: they only give room.
        if (options.mono?.includes(i)) return null;
        const words = (cell: string, bold: boolean): number =>
          Math.max(0, ...wordsOf(cell).map((w) => this.use(faceOf(i, bold)).fontSize(size).widthOfString(w)));
        const widest = Math.max(
          head ? words(this.printable(head[i] ?? ''), true) : 0,
          ...rows
            .slice(0, MAX_MEASURED_ROWS)
            .map((row) => words(this.printable(capped(String(row[i] ?? ''), MAX_CELL_CHARS)), false)),
        );
        return widest + pad * 2 + 0.5;
      }),
      this.width * MAX_WORD_COLUMN,
    );
    const rowHeight = (cells: string[], bold: boolean): number =>
      Math.max(
        ...cells.map((c, i) =>
          this.use(faceOf(i, bold))
            .fontSize(size)
            .heightOfString(c || ' ', { width: cols[i] - pad * 2 }),
        ),
      ) +
      pad * 2;
    const draw = (cells: string[], bold: boolean, shade: string | null): void => {
      const height = rowHeight(cells, bold);
      if (doc.y + height > this.bottom) {
        doc.addPage();
        if (!bold && head)
          draw(
            head.map((h) => this.printable(h)),
            true,
            INK.headBg,
          );
      }
      const y = doc.y;
      if (shade) doc.rect(MARGIN.left, y, this.width, height).fill(shade);
      let x = MARGIN.left;
      cells.forEach((c, i) => {
        this.use(faceOf(i, bold))
          .fillColor(INK.text)
          .fontSize(size)
          .text(c, x + pad, y + pad, { width: cols[i] - pad * 2 });
        x += cols[i];
      });
      doc
        .moveTo(MARGIN.left, y + height)
        .lineTo(MARGIN.left + this.width, y + height)
        .lineWidth(0.4)
        .strokeColor(INK.rule)
        .stroke();
      doc.y = y + height;
    };
    if (head)
      draw(
        head.map((h) => this.printable(h)),
        true,
        INK.headBg,
      );
    rows.forEach((row, r) =>
      draw(
        row.map((c) => this.printable(capped(c === null ? '—' : String(c), MAX_CELL_CHARS))),
        false,
        r % 2 === 1 ? '#fafbfc' : null,
      ),
    );
    doc.x = MARGIN.left;
    doc.moveDown(0.7);
    this.use('body').fontSize(9.5).fillColor(INK.text);
  }

  /** Stacked bars per bin (errors, warnings, the rest) with the span's ends under them. */
  chart(
    bands: { errors: number[]; warnings: number[]; other: number[] },
    labels: { from: string; to: string; legend: [string, string, string] },
  ): void {
    const doc = this.doc;
    const height = 90;
    this.ensure(height + 40);
    const top = doc.y + 4;
    const n = bands.other.length;
    const max = Math.max(1, ...bands.other.map((o, i) => o + bands.errors[i] + bands.warnings[i]));
    const step = this.width / n;
    doc.rect(MARGIN.left, top, this.width, height).lineWidth(0.5).strokeColor(INK.rule).stroke();
    for (let i = 0; i < n; i++) {
      const x = MARGIN.left + i * step + 0.4;
      const w = Math.max(0.6, step - 0.8);
      let y = top + height;
      for (const [count, colour] of [
        [bands.other[i], INK.other],
        [bands.warnings[i], INK.warning],
        [bands.errors[i], INK.error],
      ] as const) {
        if (count === 0) continue;
        const h = Math.max(0.8, (count / max) * (height - 4));
        y -= h;
        doc.rect(x, y, w, h).fill(colour);
      }
    }
    this.use('mono').fontSize(7).fillColor(INK.muted);
    doc.text(this.printable(labels.from), MARGIN.left, top + height + 3, { width: this.width / 2, lineBreak: false });
    doc.text(this.printable(labels.to), MARGIN.left + this.width / 2, top + height + 3, {
      width: this.width / 2,
      align: 'right',
      lineBreak: false,
    });
    let x = MARGIN.left;
    const legendY = top + height + 14;
    for (const [label, colour] of [
      [labels.legend[0], INK.error],
      [labels.legend[1], INK.warning],
      [labels.legend[2], INK.other],
    ] as const) {
      doc.rect(x, legendY + 1.5, 7, 7).fill(colour);
      this.use('body')
        .fontSize(8)
        .fillColor(INK.muted)
        .text(this.printable(label), x + 10, legendY, { lineBreak: false });
      x += 14 + doc.widthOfString(this.printable(label)) + 12;
    }
    doc.y = legendY + 18;
    doc.x = MARGIN.left;
    this.use('body').fontSize(9.5).fillColor(INK.text);
  }

  /**
   * Writes the contents (on page `tocPage`, from `tocY`) now that every heading's page is known,
   * then the running header and the page numbers on every page but the first.
   */
  finish(options: {
    tocPage: number;
    tocY: number;
    header: string;
    pageLabel: (n: number, total: number) => string;
  }): void {
    const doc = this.doc;
    const range = doc.bufferedPageRange();
    doc.switchToPage(options.tocPage);
    let y = options.tocY;
    for (const entry of this.toc) {
      if (entry.level !== 1) continue;
      const indent = 0;
      this.use('body').fontSize(10.5).fillColor(INK.text);
      doc.text(this.printable(entry.title), MARGIN.left + indent, y, {
        width: this.width - 40,
        lineBreak: false,
        goTo: entry.destination,
      });
      doc.text(String(entry.page + 1), MARGIN.left + this.width - 40, y, {
        width: 40,
        align: 'right',
        lineBreak: false,
        goTo: entry.destination,
      });
      y += 17;
    }
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      // Header and footer sit in the margins: without this pdfkit would start a new page.
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      this.use('body').fontSize(7.5).fillColor(INK.muted);
      if (i > range.start) {
        doc.text(this.printable(options.header), MARGIN.left, 30, {
          width: this.width,
          lineBreak: false,
          ellipsis: true,
        });
        doc
          .moveTo(MARGIN.left, 44)
          .lineTo(MARGIN.left + this.width, 44)
          .lineWidth(0.4)
          .strokeColor(INK.rule)
          .stroke();
      }
      doc.text(options.pageLabel(i - range.start + 1, range.count), MARGIN.left, A4.height - 38, {
        width: this.width,
        align: 'center',
        lineBreak: false,
      });
      doc.page.margins.bottom = bottom;
    }
  }
}
