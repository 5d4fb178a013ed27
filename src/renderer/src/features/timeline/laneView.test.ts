import { describe, expect, it } from 'vitest';
import { arrange, EMPTY_LANE_VIEW, matchesFilter, moveLane, toggleHidden, type LaneView } from './laneView.ts';

const lanes = ['porter/porter-api', 'porter/porter-migration', 'unicloud/unicloud-engine', 'atomy/atomy-obstor'].map(
  (key) => ({ key }),
);
const keys = lanes.map((l) => l.key);
const shownKeys = (view: LaneView): string[] => arrange(lanes, view).shown.map((l) => l.key);

describe('arrange', () => {
  it('draws every lane in the default order by default', () => {
    expect(arrange(lanes, EMPTY_LANE_VIEW)).toEqual({ shown: lanes, hidden: 0, filteredOut: 0 });
  });

  it('leaves out hidden lanes and those the filter does not match, and counts them', () => {
    const view = { ...EMPTY_LANE_VIEW, hidden: ['porter/porter-api'], filter: 'PORTER' };
    expect(arrange(lanes, view)).toEqual({ shown: [{ key: 'porter/porter-migration' }], hidden: 1, filteredOut: 2 });
  });

  it('matches every word of the filter anywhere in the name', () => {
    expect(matchesFilter('porter/porter-migration', 'porter migr')).toBe(true);
    expect(matchesFilter('porter/porter-api', 'porter migr')).toBe(false);
    expect(matchesFilter('atomy/atomy-obstor', '  ')).toBe(true);
  });
});

describe('moveLane', () => {
  it('moves a lane up and down past its neighbour', () => {
    const up = moveLane(EMPTY_LANE_VIEW, keys, keys, 'unicloud/unicloud-engine', -1);
    expect(shownKeys(up)).toEqual([
      'porter/porter-api',
      'unicloud/unicloud-engine',
      'porter/porter-migration',
      'atomy/atomy-obstor',
    ]);
    const down = moveLane(up, keys, shownKeys(up), 'porter/porter-api', 1);
    expect(shownKeys(down)[0]).toBe('unicloud/unicloud-engine');
    expect(shownKeys(down)[1]).toBe('porter/porter-api');
  });

  it('stays put at either end', () => {
    expect(moveLane(EMPTY_LANE_VIEW, keys, keys, 'porter/porter-api', -1)).toBe(EMPTY_LANE_VIEW);
    expect(moveLane(EMPTY_LANE_VIEW, keys, keys, 'atomy/atomy-obstor', 1)).toBe(EMPTY_LANE_VIEW);
  });

  it('moves past the next lane drawn, jumping hidden ones', () => {
    const view = toggleHidden(EMPTY_LANE_VIEW, 'porter/porter-migration');
    const moved = moveLane(view, keys, shownKeys(view), 'unicloud/unicloud-engine', -1);
    expect(shownKeys(moved)).toEqual(['unicloud/unicloud-engine', 'porter/porter-api', 'atomy/atomy-obstor']);
    // Shown again, the hidden lane is where it was relative to the lanes it was not moved past.
    expect(shownKeys(toggleHidden(moved, 'porter/porter-migration'))).toEqual([
      'unicloud/unicloud-engine',
      'porter/porter-api',
      'porter/porter-migration',
      'atomy/atomy-obstor',
    ]);
  });

  it('keeps the custom order for lanes that a zoomed window leaves out', () => {
    const moved = moveLane(EMPTY_LANE_VIEW, keys, keys, 'atomy/atomy-obstor', -1);
    const window = [{ key: 'porter/porter-api' }, { key: 'atomy/atomy-obstor' }, { key: 'unicloud/unicloud-engine' }];
    expect(arrange(window, moved).shown.map((l) => l.key)).toEqual([
      'porter/porter-api',
      'atomy/atomy-obstor',
      'unicloud/unicloud-engine',
    ]);
  });
});

describe('toggleHidden', () => {
  it('hides a lane and shows it again', () => {
    const hidden = toggleHidden(EMPTY_LANE_VIEW, 'porter/porter-api');
    expect(hidden.hidden).toEqual(['porter/porter-api']);
    expect(shownKeys(hidden)).not.toContain('porter/porter-api');
    expect(toggleHidden(hidden, 'porter/porter-api').hidden).toEqual([]);
  });
});
