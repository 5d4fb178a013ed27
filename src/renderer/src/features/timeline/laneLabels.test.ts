import { describe, expect, it } from 'vitest';
import { nameBudget, shortenMiddle } from './laneLabels.ts';

// Component names of the seed's troubleshooting guide and of the Cloudpods pods.
const SEED = [
  'porter/porter-api',
  'porter/porter-migration',
  'storplus/storplus-api',
  'storplus/storplus-engine',
  'storplus/storplus-migration',
  'atomy/atomy-obstor',
  'atomy/atomy-unicloud',
  'unicloud/unicloud-engine',
  'mistral/mistral-server',
  'cloudpods/onecloud-operator',
  'cloudpods/host-deployer',
  'windows-agent/PreInstallation',
  'egisplus-agent/hyperexporter',
];

describe('shortenMiddle', () => {
  it('keeps a name that fits', () => {
    expect(shortenMiddle('porter/porter-api', 17)).toBe('porter/porter-api');
  });

  it('cuts in the middle, keeping the module and the distinguishing end', () => {
    expect(shortenMiddle('porter/porter-migration', 18)).toBe('porter/…-migration');
    expect(shortenMiddle('porter/porter-migration', 20)).toBe('porter/…-migration');
    expect(shortenMiddle('porter/porter-api', 12)).toBe('porter/…-api');
    expect(shortenMiddle('storplus/storplus-migration', 16)).toBe('storplus/…ration');
    expect(shortenMiddle('cloudpods/onecloud-operator', 20)).toBe('cloudpods/…-operator');
  });

  it('falls back to the start and the end of the whole name when the module is too long', () => {
    expect(shortenMiddle('windows-agent/PreInstallation', 12)).toBe('win…allation');
    expect(shortenMiddle('egisplus-agent/hyperexporter', 10)).toBe('egi…porter');
  });

  it('tells apart the lanes that a cut at the end could not, at every width from 12 characters', () => {
    for (let max = 12; max <= 30; max++) {
      const shown = SEED.map((key) => shortenMiddle(key, max));
      expect(new Set(shown).size, `at ${max} characters: ${shown.join(', ')}`).toBe(SEED.length);
      for (const text of shown) expect(text.length).toBeLessThanOrEqual(max);
    }
    // What the end cut did: 'porter/p…' for both porter lanes.
    expect(shortenMiddle('porter/porter-api', 12)).not.toBe(shortenMiddle('porter/porter-migration', 12));
  });

  it('never exceeds the budget, even a tiny one', () => {
    for (const key of SEED)
      for (let max = 1; max < 12; max++) expect(shortenMiddle(key, max).length).toBeLessThanOrEqual(max);
  });
});

describe('nameBudget', () => {
  it('leaves fewer characters beside more counts, and at least four', () => {
    const bare = nameBudget(260, ['12']);
    expect(bare).toBeGreaterThan(nameBudget(260, ['1,204', '37', '98,112']));
    expect(bare).toBeGreaterThanOrEqual(20);
    expect(nameBudget(40, ['123456'])).toBe(4);
  });
});
