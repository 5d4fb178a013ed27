/**
 * The case report as one outline of neutral blocks (outlineBlocks.ts), in the report's language:
 * the cover a paged format prints first, the contents, then every section under its numbered
 * heading. The Markdown and PDF writers print this outline and nothing else, so the two cannot
 * say different things.
 */
import type { Report } from '../report.ts';
import type { OutlineBlock, ReportOutline } from './outlineBlocks.ts';
import { REPORT_SECTIONS, reportTitle, sectionTitle, summaryLine } from './reportOutline.ts';
import { reportWords } from './reportWords.ts';
import { sectionBlocks } from './sectionBlocks.ts';

/** The outline of a report, in the report's language (or `language` when given). */
export function outlineReport(report: Report, language: 'en' | 'zh' = report.case?.language ?? 'en'): ReportOutline {
  const words = reportWords(language);
  const bundles = report.bundles.map((b) => b.name).join(', ');
  const statement = report.case?.statement.trim() ?? '';
  const cover: OutlineBlock = {
    kind: 'cover',
    blocks: [
      {
        kind: 'paragraph',
        spans: [`${bundles} · ${words.generated} ${report.generatedAt} · ${report.generator}`],
        role: 'detail',
      },
      { kind: 'paragraph', spans: [summaryLine(report, words)] },
      ...(statement ? [{ kind: 'paragraph' as const, lead: words.statement, spans: [statement] }] : []),
    ],
  };
  // "Compared with" is there only when the report was made with a comparison.
  const present = REPORT_SECTIONS.filter((section) => section !== 'comparison' || report.comparison !== undefined);
  const sections = present.map((section, i) => {
    const title = sectionTitle(section, words);
    return { title, heading: `${i + 1}. ${title}`, blocks: sectionBlocks(report, section, words, language) };
  });
  return {
    title: reportTitle(report, words),
    author: report.case?.engineer || 'Tarsier',
    language,
    running: `Tarsier · ${report.case?.ticket.trim() || report.bundle?.sha256?.slice(0, 12) || ''} · ${bundles}`,
    pageLabel: words.page,
    blocks: [
      cover,
      { kind: 'contents', title: words.contents, entries: sections.map(({ title, heading }) => ({ title, heading })) },
      { kind: 'pageBreak' },
      ...sections.flatMap((s): OutlineBlock[] => [{ kind: 'heading', level: 1, spans: [s.heading] }, ...s.blocks]),
    ],
  };
}
