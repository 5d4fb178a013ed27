/**
 * What the events list and the file viewer do with a line besides showing it: copy it (with ±N
 * lines of its file, as text or Markdown) and pin it with the time of the event that holds it.
 */
import { useCallback, useEffect, useState } from 'react';
import { MAX_PAGE_LINES } from '../../../../shared/api.ts';
import { client } from '../../api/client.ts';
import type { PinInput } from '../../views/caseNavigation.ts';
import { copyWindow, formatCopy, type CopyRequest } from './copyLines.ts';

/** How long the "copied" note stays. */
const NOTE_MS = 4000;

/** What the last copy did: how many lines went to the clipboard (and the text), or why none did. */
export type CopyOutcome = { ok: true; lines: number; text: string } | { ok: false; error: string };

/** Puts `text` on the clipboard; null when done, else why not. */
async function writeClipboard(text: string): Promise<string | null> {
  try {
    await navigator.clipboard.writeText(text);
    return null;
  } catch (error) {
    // Without the async clipboard (an insecure origin, a denied permission): the old way, from a hidden field.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const done = document.execCommand('copy');
    area.remove();
    return done ? null : error instanceof Error ? error.message : String(error);
  }
}

/** Copies lines of a file of the case; `outcome` says what happened (for a short note). */
export function useCopyLines(caseId: string) {
  const [outcome, setOutcome] = useState<CopyOutcome | null>(null);
  useEffect(() => {
    if (outcome === null) return;
    const timer = setTimeout(() => setOutcome(null), NOTE_MS);
    return () => clearTimeout(timer);
  }, [outcome]);

  const copy = useCallback(
    async (request: CopyRequest): Promise<void> => {
      const { from, count } = copyWindow(request.first, request.last, request.context);
      const r = await client.fileLines({ caseId, file: request.file, from, count: Math.min(count, MAX_PAGE_LINES) });
      if (!r.ok) {
        setOutcome({ ok: false, error: r.error });
        return;
      }
      const text = formatCopy(request, r.value.from, r.value.lines);
      const failed = await writeClipboard(text);
      setOutcome(failed === null ? { ok: true, lines: r.value.lines.length, text } : { ok: false, error: failed });
    },
    [caseId],
  );
  return { copy, outcome };
}

/** The time of the event whose lines hold `line` of the file; null when none does, it has none, or the engine failed. */
export async function lineTime(caseId: string, file: number, line: number): Promise<number | null> {
  const r = await client.lineEvent({ caseId, file, line });
  return r.ok && r.value ? r.value.time : null;
}

/**
 * A pin with the time and level of the event whose lines hold its line (a line of the file
 * viewer may be a continuation line, far from its head); as given when the engine has none.
 */
export async function withEventTime(caseId: string, pin: PinInput): Promise<PinInput> {
  if (pin.file === null) return pin;
  const r = await client.lineEvent({ caseId, file: pin.file, line: pin.line });
  if (!r.ok || r.value === null) return pin;
  return { ...pin, time: r.value.time, level: r.value.level };
}
