/**
 * The blocks a case report is made of, neutral to the format that prints them: the outline
 * (outlineReport.ts) decides what is said, in what order and with what words; the Markdown and
 * PDF writers only decide how each kind of block looks. Hints a format cannot honour (column
 * widths, sizes, colours, page breaks) are ignored by it.
 */
import type { Severity } from '../rules/ruleSpec.ts';

/** A piece of inline text: plain, or code (a command, a query, an id, a path), or strong. */
export type Span = string | { code: string } | { strong: string };

/** How small a paragraph, list or table is printed where sizes exist (`body` when absent). */
export type TextSize = 'small' | 'fine';

/** A table column: its title, its share of the width, and how its cells are printed. */
export interface OutlineColumn {
  title: string;
  /** Relative width (a page format divides its width by these). */
  width: number;
  /** `mono`: log text, printed monospace where fonts exist; `code`: a query to copy (inline code). */
  style?: 'mono' | 'code';
  /** A short note on the cell before it: a format whose cells hold lines prints it there, under the text. */
  beneath?: boolean;
}

/** A line of a code block. */
export interface CodeLine {
  text: string;
  /** A line number printed in a margin. */
  gutter?: string;
  /** The line the block is about (a pinned line). */
  mark?: boolean;
  /** A line that names the lines after it (a path and line number above a log line). */
  caption?: boolean;
}

/** One block of the report. */
export type OutlineBlock =
  /** What a paged format prints under the title on its first page; the sections say all of it again. */
  | { kind: 'cover'; blocks: OutlineBlock[] }
  /** The table of contents: the text of each level-1 heading, in order. */
  | { kind: 'contents'; title: string; entries: { title: string; heading: string }[] }
  | { kind: 'pageBreak' }
  /** Level 1 is a numbered section, 2 a part of it, 3 one item (a finding: `tone` is its severity). */
  | { kind: 'heading'; level: 1 | 2 | 3; spans: Span[]; tone?: Severity }
  /**
   * `lead` is printed strong before the text (`Advice: …`). `role`: a `remark` about the report
   * itself (nothing found, what is not shown, where an excerpt is from) or the `detail` line of
   * an item (counts, times, ids); both are printed subdued.
   */
  | { kind: 'paragraph'; spans: Span[]; lead?: string; role?: 'remark' | 'detail'; size?: TextSize }
  /** Text the engineer wrote (Markdown allowed); `empty` is said when there is none. */
  | { kind: 'prose'; text: string; empty: string }
  /** A short strong line above a table or a block. */
  | { kind: 'label'; text: string }
  /** Names and values, two columns without a header. */
  | { kind: 'keyValue'; rows: [string, string][] }
  /** `density` makes a wide or long table smaller where sizes exist. */
  | { kind: 'table'; columns: OutlineColumn[]; rows: (string | number | null)[][]; density?: 'compact' | 'dense' }
  | { kind: 'list'; items: Span[][]; size?: TextSize }
  /** Log lines, printed as written (monospace, never reflowed); `compact` fits wider lines. */
  | { kind: 'code'; lines: CodeLine[]; compact?: boolean }
  /** Errors, warnings and the rest per time bin; `legend` names the three bands. */
  | {
      kind: 'chart';
      caption: string;
      from: string;
      to: string;
      binMinutes: number;
      errors: number[];
      warnings: number[];
      other: number[];
      legend: [string, string, string];
    };

/** A whole report: the document's own facts, then its blocks. */
export interface ReportOutline {
  title: string;
  /** Who the document is by (the engineer, else Tarsier). */
  author: string;
  language: 'en' | 'zh';
  /** What a paged format repeats at the top of every page but the first. */
  running: string;
  /** The footer of a paged format, with `{n}` and `{total}`. */
  pageLabel: string;
  blocks: OutlineBlock[];
}

/** The text of spans, code and strong as plain text. */
export function inlineText(spans: readonly Span[]): string {
  return spans.map((s) => (typeof s === 'string' ? s : 'code' in s ? s.code : s.strong)).join('');
}

/** Text with Markdown backticks (as the rules write commands) as spans: code inside the backticks. */
export function codeSpans(text: string): Span[] {
  return text
    .split('`')
    .map((part, i): Span => (i % 2 === 1 ? { code: part } : part))
    .filter((s) => s !== '');
}

/** Every text a block shows, in order (cells, lines, labels), as plain text. */
export function blockTexts(block: OutlineBlock): string[] {
  switch (block.kind) {
    case 'cover':
      return block.blocks.flatMap(blockTexts);
    case 'contents':
      return [block.title, ...block.entries.map((e) => e.title)];
    case 'pageBreak':
      return [];
    case 'heading':
      return [inlineText(block.spans)];
    case 'paragraph':
      return [...(block.lead ? [block.lead] : []), inlineText(block.spans)];
    case 'prose':
      return [block.text.trim() || block.empty];
    case 'label':
      return [block.text];
    case 'keyValue':
      return block.rows.flat();
    case 'table':
      return [...block.columns.map((c) => c.title), ...block.rows.flat().map((c) => (c === null ? '—' : String(c)))];
    case 'list':
      return block.items.map(inlineText);
    case 'code':
      return block.lines.map((l) => l.text);
    case 'chart':
      return [block.caption, block.from, block.to, ...block.legend];
  }
}
