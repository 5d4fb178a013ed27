/**
 * The engineer's notes of a case kept in the renderer's localStorage under the bundle's identity
 * (sha256, else name and size), so reopening the same bundle brings them back. Never written
 * into the bundle. The types and their checks live in shared/caseNotes.ts.
 */
import type { Inventory } from '../../../shared/api.ts';
import { emptyNotes, sanitizeNotes, type CaseNotes } from '../../../shared/caseNotes.ts';

export { emptyNotes, samePin, type CaseNotes, type Pin } from '../../../shared/caseNotes.ts';

/** The storage key of a case: its bundles' sha256 (or name and size for folders). */
export function caseKey(inventory: Inventory): string {
  return `tarsier.case.${inventory.bundles.map((b) => b.sha256 ?? `${b.name}:${b.bytes}`).join('+')}`;
}

export function loadNotes(key: string): CaseNotes {
  try {
    return sanitizeNotes(JSON.parse(localStorage.getItem(key) ?? 'null'));
  } catch {
    return emptyNotes();
  }
}

export function saveNotes(key: string, notes: CaseNotes): void {
  try {
    localStorage.setItem(key, JSON.stringify(notes));
  } catch {
    // Storage full or disabled: the notes live until the window closes.
  }
}
