/**
 * The events search's history: the last searches of this case (kept in its state) and of every
 * case (kept in the preferences), newest first, at most 50 each; ↑ / ↓ in the search box walk it
 * like a shell's. No React: unit tested in test/unit/searchHistory.test.ts.
 */
import { MAX_SEARCH_HISTORY } from '../../../shared/preferences.ts';

/** The list with `query` first (once); blank queries are not remembered. */
export function remember(list: readonly string[], query: string, max = MAX_SEARCH_HISTORY): string[] {
  const text = query.trim();
  if (text === '') return [...list];
  return [text, ...list.filter((q) => q !== text)].slice(0, max);
}

/** This case's searches, then the other cases' ones it does not have. */
export function combined(caseList: readonly string[], globalList: readonly string[]): string[] {
  const seen = new Set(caseList);
  return [...caseList, ...globalList.filter((q) => !seen.has(q))];
}

/** Where a walk through the history stands: −1 is the text being typed (the draft). */
export interface Recall {
  at: number;
  draft: string;
}

/**
 * One step: ↑ (`older`) to an older search, ↓ to a newer one, and past the newest back to the
 * draft. Null when there is nowhere to go (↑ at the oldest, ↓ at the draft).
 */
export function step(list: readonly string[], recall: Recall, older: boolean): { recall: Recall; text: string } | null {
  const at = recall.at + (older ? 1 : -1);
  if (at >= list.length || at < -1) return null;
  // Skip an entry equal to the draft: ↑ from an empty box after a search gives the one before.
  if (older && recall.at === -1 && list[0] === recall.draft.trim() && list.length > 1)
    return { recall: { ...recall, at: 1 }, text: list[1] };
  return { recall: { ...recall, at }, text: at === -1 ? recall.draft : list[at] };
}
