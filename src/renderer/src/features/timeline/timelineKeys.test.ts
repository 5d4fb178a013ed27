import { describe, expect, it } from 'vitest';
import { keyAction, type KeyContext } from './timelineKeys.ts';

const view = { from: 1000, to: 2000 };
const context: KeyContext = { view, canZoomIn: true, hasSelection: true };

describe('keyAction', () => {
  it('zooms with + = − _ and shows the whole case with 0 and Home', () => {
    expect(keyAction('+', false, context)).toEqual({ kind: 'zoomIn' });
    expect(keyAction('=', false, context)).toEqual({ kind: 'zoomIn' });
    expect(keyAction('-', false, context)).toEqual({ kind: 'zoomOut' });
    expect(keyAction('_', true, context)).toEqual({ kind: 'zoomOut' });
    expect(keyAction('0', false, context)).toEqual({ kind: 'whole' });
    expect(keyAction('Home', false, context)).toEqual({ kind: 'whole' });
  });

  it('pans a fifth of the window, half with Shift', () => {
    expect(keyAction('ArrowLeft', false, context)).toEqual({ kind: 'pan', deltaMs: -200 });
    expect(keyAction('ArrowRight', true, context)).toEqual({ kind: 'pan', deltaMs: 500 });
  });

  it('leaves keys alone that have nothing to do, so the page may use them', () => {
    expect(keyAction('+', false, { ...context, canZoomIn: false })).toBeNull();
    expect(keyAction('z', false, { ...context, hasSelection: false })).toBeNull();
    expect(keyAction('Escape', false, { ...context, hasSelection: false })).toBeNull();
    expect(keyAction('x', false, context)).toBeNull();
    expect(keyAction('0', false, { ...context, view: null })).toBeNull();
  });

  it('zooms to the selection with z or Z and clears it with Esc', () => {
    expect(keyAction('z', false, context)).toEqual({ kind: 'zoomToSelection' });
    expect(keyAction('Z', true, context)).toEqual({ kind: 'zoomToSelection' });
    expect(keyAction('Escape', false, context)).toEqual({ kind: 'clearSelection' });
  });
});
