import { describe, expect, it } from 'vitest';
import { fuzzyMatch, normalizeQuery, rankPaths } from '../../src/renderer/src/lib/fuzzyPath.ts';

const PATHS = [
  'nova/nova-api.log',
  'nova/api-paste.ini',
  'nova/nova-scheduler.log',
  'neutron/server.log',
  'var/log/messages',
  'keystone/keystone.log',
  'cloudpods/region/region.log',
  'cloudpods/host/host-agent.log',
  'sos_commands/kernel/dmesg',
  'etc/nova/nova.conf',
];

const top = (text: string, n = 3): string[] => rankPaths(PATHS, (p) => p, text, n).map((r) => r.item);

describe('fuzzyMatch', () => {
  it('needs every typed character in order', () => {
    expect(fuzzyMatch('nal', 'nova/nova-api.log')).not.toBeNull();
    expect(fuzzyMatch('lan', 'nova/nova-api.log')).toBeNull();
    expect(fuzzyMatch('xyz', 'nova/nova-api.log')).toBeNull();
  });

  it('ignores case and spaces in the typed text', () => {
    expect(normalizeQuery(' Nova API ')).toBe('novaapi');
    expect(fuzzyMatch(normalizeQuery('NOVA api'), 'nova/nova-api.log')).not.toBeNull();
  });

  it('returns the matched positions of the best alignment', () => {
    // `api` is taken from the file name's word, not scattered over the folder.
    const m = fuzzyMatch('api', 'nova/nova-api.log');
    expect(m?.positions).toEqual([10, 11, 12]);
    expect(fuzzyMatch('dmesg', 'sos_commands/kernel/dmesg')?.positions).toEqual([20, 21, 22, 23, 24]);
  });

  it('scores consecutive characters above scattered ones', () => {
    const run = fuzzyMatch('log', 'a/log.txt');
    const scattered = fuzzyMatch('log', 'a/lxoxg.txt');
    expect(run!.score).toBeGreaterThan(scattered!.score);
  });

  it('scores word and segment starts above the middle of a word', () => {
    const starts = fuzzyMatch('ha', 'x/host-agent.log');
    const middle = fuzzyMatch('ha', 'x/thzaz.log');
    expect(starts!.score).toBeGreaterThan(middle!.score);
    expect(fuzzyMatch('nas', 'x/NovaApiServer.log')!.score).toBeGreaterThan(
      fuzzyMatch('nas', 'x/novaxaxserver')!.score,
    );
  });
});

describe('rankPaths', () => {
  // The ranking table: what an engineer types → the file expected first.
  it.each([
    ['nal', 'nova/nova-api.log'],
    ['reg', 'cloudpods/region/region.log'],
    ['hal', 'cloudpods/host/host-agent.log'],
    ['dmesg', 'sos_commands/kernel/dmesg'],
    ['msg', 'var/log/messages'],
    ['klog', 'keystone/keystone.log'],
    ['nac', 'etc/nova/nova.conf'],
    ['nsched', 'nova/nova-scheduler.log'],
  ])('%s → %s first', (text, expected) => {
    expect(top(text)[0]).toBe(expected);
  });

  it('leaves out paths that do not match', () => {
    expect(top('dmesg', 10)).toEqual(['sos_commands/kernel/dmesg']);
  });

  it('lists the first items for an empty text and cuts at the limit', () => {
    expect(top('', 2)).toEqual(PATHS.slice(0, 2));
    expect(rankPaths(PATHS, (p) => p, 'o', 4)).toHaveLength(4);
  });

  it('keeps the given order among equal scores', () => {
    const same = ['b/x.log', 'a/x.log'];
    expect(rankPaths(same, (p) => p, 'x').map((r) => r.item)).toEqual(same);
  });

  it('ranks 10,000 paths and finds the one meant', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `bundle${i % 7}/var/log/component-${i}/file-${i}.log`);
    many.push('host/logs/cloudpods-region-9.log');
    expect(rankPaths(many, (p) => p, 'cpregion9', 5)[0].item).toBe('host/logs/cloudpods-region-9.log');
  });
});
