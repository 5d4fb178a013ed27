/** Where the walkthrough's callout goes beside the element it points at (pure geometry). */

/** A box on the page, in CSS pixels. */
export interface Box {
  top: number;
  left: number;
  width: number;
  height: number;
}

/** The space between the target and the callout, and the callout and the window's edge. */
export const GAP = 10;

/**
 * Where the callout goes: below the target when there is room, else above; its left edge under
 * the target's, kept inside the window.
 */
export function calloutPlace(
  target: Box,
  callout: { width: number; height: number },
  view: { width: number; height: number },
): { top: number; left: number } {
  const below = target.top + target.height + GAP;
  const top = below + callout.height <= view.height - GAP ? below : Math.max(GAP, target.top - GAP - callout.height);
  const left = Math.min(Math.max(GAP, target.left), Math.max(GAP, view.width - callout.width - GAP));
  return { top, left };
}
