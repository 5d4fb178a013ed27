/**
 * The comparison summary of a cached case (caseSummary.ts), kept beside its index as
 * `summary.json` (sealed, like the diagnosis: index/sealedEntryFile.ts). Comparing two bundles
 * read before then needs neither index: the two summaries are a few hundred kilobytes, where
 * loading a 500 MB bundle's index takes a second. Valid for the rules it was diagnosed with and
 * this summarizer's version; the bundles' sha256s are kept with it, so that the caller can check
 * that none changed in place since.
 */
import type { CaseSummary } from '../../../shared/compare/compareCases.ts';
import { knowledgeHash } from '../diagnose/diagnosisCache.ts';
import { loadSealed, saveSealed } from '../index/sealedEntryFile.ts';

const FILE = 'summary.json';
// Raise when summarizeCase gives something else for the same case.
const SUMMARY_VERSION = 1;

/** A bundle of the case as it was read: where from, and its sha256 (null for a folder). */
export interface SummarizedBundle {
  source: string;
  sha256: string | null;
}

/** What is kept: the summary and the bundles it was made from. */
export interface KeptSummary {
  summary: CaseSummary;
  bundles: SummarizedBundle[];
}

const knowledge = (): string => `summary/${SUMMARY_VERSION}/${knowledgeHash()}`;

/** Keeps the summary of the case whose cache entry is `key`. Never throws. */
export async function saveSummary(dir: string, key: string, kept: KeptSummary): Promise<void> {
  await saveSealed(dir, key, FILE, knowledge(), kept);
}

/** The kept summary, or null: none, damaged, or made with other rules or another summarizer. */
export async function loadSummary(dir: string, key: string): Promise<KeptSummary | null> {
  const value = (await loadSealed(dir, key, FILE, knowledge())) as Partial<KeptSummary> | null;
  if (!value || !value.summary || !Array.isArray(value.bundles) || !Array.isArray(value.summary.templates)) return null;
  return value as KeptSummary;
}
