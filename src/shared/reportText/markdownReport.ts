/**
 * The case report as GitHub-flavoured Markdown: pastes cleanly into a ticket or an issue
 * tracker. Log text goes into fenced blocks (the fence is longer than any backtick run in it)
 * and table cells are escaped, so a customer's line can never break the layout.
 */
import type { Report } from '../report.ts';
import { type CodeLine, type OutlineBlock, type ReportOutline, type Span } from './outlineBlocks.ts';
import { outlineReport } from './outlineReport.ts';
import { sparkline } from './reportOutline.ts';

const MAX_CELL = 240;

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

const table = (head: (string | number | null)[], rows: (string | number | null)[][]): string =>
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

/** A query or an id as inline code (a backtick inside would end it early). */
const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

const inline = (spans: readonly Span[]): string =>
  spans.map((s) => (typeof s === 'string' ? s : 'code' in s ? code(s.code) : `**${s.strong}**`)).join('');

/** Log lines in a fence: line numbers padded to one width, `>` before the marked line; log lines indented under their captions. */
function codeLines(lines: readonly CodeLine[]): string[] {
  const gutter = Math.max(0, ...lines.map((l) => l.gutter?.length ?? 0));
  const indent = lines.some((l) => l.caption) ? '  ' : '';
  return lines.map((l) =>
    l.caption
      ? l.text
      : l.gutter !== undefined
        ? `${l.mark ? '>' : ' '} ${l.gutter.padStart(gutter)}  ${l.text}`
        : `${indent}${l.text}`,
  );
}

function block(b: OutlineBlock): string | null {
  switch (b.kind) {
    case 'cover':
    case 'pageBreak':
      // The cover repeats what the sections say; a Markdown text has no pages.
      return null;
    case 'contents':
      return [`**${b.title}**`, '', ...b.entries.map((e, i) => `${i + 1}. [${e.title}](#${anchor(e.heading)})`)].join(
        '\n',
      );
    case 'heading':
      return `${'#'.repeat(b.level + 1)} ${inline(b.spans)}`;
    case 'paragraph': {
      // One paragraph stays one: a blank line in a note would end the lead's paragraph.
      const text = inline(b.spans).replace(/\n+/g, ' ');
      const body = b.role === 'remark' ? `_${text}_` : text;
      return b.lead ? `**${b.lead}:** ${body}` : body;
    }
    case 'prose':
      return prose(b.text, b.empty);
    case 'label':
      return `**${b.text}:**`;
    case 'keyValue':
      return table(['', ''], b.rows);
    case 'table':
      return table(
        b.columns.map((c) => c.title),
        b.rows.map((r) => r.map((v, i) => (b.columns[i]?.style === 'code' && v !== null ? code(String(v)) : v))),
      );
    case 'list':
      return b.items.map((item) => `- ${inline(item)}`).join('\n');
    case 'code':
      return fence(codeLines(b.lines));
    case 'chart': {
      const all = b.other.map((n, i) => n + b.errors[i] + b.warnings[i]);
      return [
        `**${b.caption}** (${b.from} → ${b.to}, ${b.binMinutes} min / bin):`,
        '',
        fence([
          `${b.legend[0].padEnd(9)}|${sparkline(b.errors)}|`,
          `${b.legend[1].padEnd(9)}|${sparkline(b.warnings)}|`,
          `${b.legend[2].padEnd(9)}|${sparkline(all)}|`,
        ]),
      ].join('\n');
    }
  }
}

/** The report as Markdown, in the report's language (or `language` when given). */
export function markdownReport(report: Report, language: 'en' | 'zh' = report.case?.language ?? 'en'): string {
  return markdownOutline(outlineReport(report, language));
}

/** An outline as Markdown: its title, then its blocks. */
export function markdownOutline(outline: ReportOutline): string {
  const blocks = outline.blocks.map(block).filter((b) => b !== null);
  return `${[`# ${outline.title}`, ...blocks].join('\n\n')}\n`;
}
