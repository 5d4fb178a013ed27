/**
 * The engineer's own part of a case — problem statement, pinned evidence with notes, conclusion —
 * kept in the renderer's localStorage under the bundle's identity (sha256, else name and size),
 * so reopening the same bundle brings it back. Never written into the bundle.
 */
import type { Inventory } from '../../../shared/api.ts';
import type { Level } from '../../../shared/model.ts';

/** A line the engineer pinned as evidence. */
export interface Pin {
  path: string;
  line: number;
  /** Index of the file in the inventory, when known (to open the viewer). */
  file: number | null;
  text: string;
  time: number | null;
  level: Level;
  component: string;
  note: string;
  pinnedAt: number;
}

/** What the engineer writes about the case. */
export interface CaseNotes {
  ticket: string;
  customer: string;
  engineer: string;
  statement: string;
  conclusion: string;
  pins: Pin[];
}

export const emptyNotes = (): CaseNotes => ({ ticket: '', customer: '', engineer: '', statement: '', conclusion: '', pins: [] });

/** The storage key of a case: its bundles' sha256 (or name and size for folders). */
export function caseKey(inventory: Inventory): string {
  return `tarsier.case.${inventory.bundles.map((b) => b.sha256 ?? `${b.name}:${b.bytes}`).join('+')}`;
}

export function loadNotes(key: string): CaseNotes {
  try {
    const value = JSON.parse(localStorage.getItem(key) ?? 'null') as Partial<CaseNotes> | null;
    if (!value || typeof value !== 'object') return emptyNotes();
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    const pins = Array.isArray(value.pins) ? value.pins.filter((p) => p && typeof p.path === 'string' && typeof p.line === 'number') : [];
    return { ticket: text(value.ticket), customer: text(value.customer), engineer: text(value.engineer), statement: text(value.statement), conclusion: text(value.conclusion), pins };
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

/** Same path and line: one pin. */
export const samePin = (a: Pick<Pin, 'path' | 'line'>, b: Pick<Pin, 'path' | 'line'>) => a.path === b.path && a.line === b.line;
