/**
 * The timeline's keys: + − zoom, ← → pan (Shift: half a window), 0 / Home the whole case, Z zoom
 * to the selection, Esc clears it. Which action a key takes, decided without the DOM.
 */
import type { Span } from './timeScale.ts';

export type TimelineAction =
  | { kind: 'zoomIn' }
  | { kind: 'zoomOut' }
  | { kind: 'pan'; deltaMs: number }
  | { kind: 'whole' }
  | { kind: 'zoomToSelection' }
  | { kind: 'clearSelection' };

export interface KeyContext {
  view: Span | null;
  canZoomIn: boolean;
  hasSelection: boolean;
}

/** A small pan steps a fifth of the window, Shift half of it. */
const PAN_SHARE = 0.2;
const PAN_SHARE_SHIFT = 0.5;

/** The action of `key`, or null when the timeline leaves the key alone. */
export function keyAction(key: string, shiftKey: boolean, context: KeyContext): TimelineAction | null {
  const { view, canZoomIn, hasSelection } = context;
  if (!view) return null;
  const span = view.to - view.from;
  const share = shiftKey ? PAN_SHARE_SHIFT : PAN_SHARE;
  switch (key) {
    case '+':
    case '=':
      return canZoomIn ? { kind: 'zoomIn' } : null;
    case '-':
    case '_':
      return { kind: 'zoomOut' };
    case 'ArrowLeft':
      return { kind: 'pan', deltaMs: -span * share };
    case 'ArrowRight':
      return { kind: 'pan', deltaMs: span * share };
    case '0':
    case 'Home':
      return { kind: 'whole' };
    case 'z':
    case 'Z':
      return hasSelection ? { kind: 'zoomToSelection' } : null;
    case 'Escape':
      return hasSelection ? { kind: 'clearSelection' } : null;
    default:
      return null;
  }
}
