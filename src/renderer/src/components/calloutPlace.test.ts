import { describe, expect, it } from 'vitest';
import { GAP, calloutPlace } from './calloutPlace.ts';

const view = { width: 1366, height: 768 };
const callout = { width: 360, height: 180 };

describe('calloutPlace', () => {
  it('puts the callout under a tab at the top, left edges aligned', () => {
    expect(calloutPlace({ top: 60, left: 200, width: 90, height: 32 }, callout, view)).toEqual({
      top: 60 + 32 + GAP,
      left: 200,
    });
  });

  it('puts it above a target too low for it to fit below', () => {
    expect(calloutPlace({ top: 700, left: 200, width: 90, height: 32 }, callout, view)).toEqual({
      top: 700 - GAP - 180,
      left: 200,
    });
  });

  it('keeps it inside the window at the right edge and on a narrow window', () => {
    expect(calloutPlace({ top: 10, left: 1300, width: 40, height: 30 }, callout, view).left).toBe(1366 - 360 - GAP);
    expect(calloutPlace({ top: 10, left: 100, width: 40, height: 30 }, callout, { width: 300, height: 768 }).left).toBe(
      GAP,
    );
  });

  it('never goes above the window when the target is taller than the room above', () => {
    expect(calloutPlace({ top: 50, left: 0, width: 40, height: 700 }, callout, view).top).toBe(GAP);
  });
});
