import { describe, expect, it } from 'vitest';
import { TemplateMiner, maskToken } from '../../src/shared/patterns/templateMiner.ts';

describe('maskToken', () => {
  it.each([
    ['10.11.10.1', '<*>'],
    ['10.0.0.1:8080,', '<*>,'],
    ['req-38101a0b-2096-447d-96ea-a692162415ae', '<*>'],
    ['b9000564-fe1a-409b-b8cc-1e88b294cd1d]', '<*>]'],
    ['network-vif-plugged:e3871ffd-5cd5-4287-bddd-3529f7b59515', 'network-vif-plugged:<*>'],
    ['a489c868f0c37da93b76227c91bb03908ac0e742', '<*>'],
    ['0x7f3a', '<*>'],
    ['instance-0000002d', 'instance-<*>'],
    ['1893', '<*>'],
    ['-12', '<*>'],
    ['0.2477829', '<*>'],
    ['512MB', '<*>'],
    ['1.5s', '<*>'],
    ['100%', '<*>'],
    ['2017-05-16', '<*>'],
    ['05:00:00.', '<*>.'],
    ['2025-09-18T11:38:26+08:00', '<*>'],
    ['(/var/lib/nova/instances/_base/a489c868f0c37da93b76227c91bb03908ac0e742):', '(<*>):'],
    ['/latest/meta-data/placement/', '<*>'],
    ['http://10.0.0.1:5000/v3', '<*>'],
    ["'cp-1.slowvm1.tcloud-pg0.utah.cloudlab.us'.", "'<*>'."],
    ['phys_ram=64172MB', 'phys_ram=<*>'],
    ['count=12,', 'count=<*>,'],
    ['pci_stats=[]', 'pci_stats=[]'],
    ['user=alice', 'user=alice'],
    ['HTTP/1.1"', 'HTTP/<*>"'],
    ['worker-3', 'worker-<*>'],
    ['[1/3]', '[<*>]'],
    ['aa:bb:cc:dd:ee:01', '<*>'],
    ['fe80::1', '<*>'],
    ['DxlVroXdZThV4GLXVE7nmL_28XA=', '<*>'],
    ['耗时12ms', '耗时<*>'],
  ])('%s → %s', (token, masked) => {
    expect(maskToken(token)).toBe(masked);
  });

  it.each(['sha256', 'ipv4', 'x86_64', 'v2', 'and/or', '/', '"GET', '[instance:', 'deadbeef', 'Started', '登录成功'])(
    'keeps %s',
    (token) => {
      expect(maskToken(token)).toBe(token);
    },
  );

  it('masks an over-long token whole', () => {
    expect(maskToken('A'.repeat(10_000))).toBe('<*>');
  });
});

describe('TemplateMiner', () => {
  it('keeps a template id when the template generalises', () => {
    const miner = new TemplateMiner();
    expect(miner.add('Loaded plugin auth_basic in 3 ms')).toBe(0);
    expect(miner.template(0).text).toBe('Loaded plugin auth_basic in <*> ms');
    expect(miner.add('Connection reset by peer')).toBe(1);
    expect(miner.add('Loaded plugin auth_ldap in 5 ms')).toBe(0);
    expect(miner.add('Loaded plugin auth_kerberos in 12 ms')).toBe(0);
    expect(miner.size).toBe(2);
    expect(miner.template(0)).toEqual({
      id: 0,
      text: 'Loaded plugin <*> in <*> ms',
      tokens: ['Loaded', 'plugin', '<*>', 'in', '<*>', 'ms'],
      count: 3,
    });
    expect(miner.templates().map((t) => [t.id, t.count])).toEqual([
      [0, 3],
      [1, 1],
    ]);
  });

  it('keeps events apart that differ by a plain word', () => {
    const miner = new TemplateMiner();
    const started = miner.add('[instance: b9000564-fe1a-409b-b8cc-1e88b294cd1d] VM Started (Lifecycle Event)');
    const stopped = miner.add('[instance: 96abccce-8d1f-4e07-b6d1-4b2ab87e23b4] VM Stopped (Lifecycle Event)');
    expect(stopped).not.toBe(started);
    expect(miner.add('[instance: 78dc1847-8848-49cc-933e-9239b12c9dcf] VM Started (Lifecycle Event)')).toBe(started);
    expect(miner.template(started).text).toBe('[instance: <*>] VM Started (Lifecycle Event)');
  });

  it('merges plain words once a leaf is full, so word-valued variables cannot explode', () => {
    const miner = new TemplateMiner({ maxChildren: 3 });
    for (const state of ['alpha', 'beta', 'gamma']) miner.add(`state changed to ${state}`);
    expect(miner.size).toBe(3);
    expect(miner.add('state changed to delta')).toBe(0);
    expect(miner.template(0).text).toBe('state changed to <*>');
    expect(miner.size).toBe(3);
  });

  it('mines Chinese messages by punctuation', () => {
    const miner = new TemplateMiner();
    const a = miner.add('任务执行失败：连接数据库超时（30秒），重试第2次');
    expect(miner.add('任务执行失败：连接数据库超时（45秒），重试第3次')).toBe(a);
    expect(miner.template(a).tokens).toEqual(['任务执行失败：', '连接数据库超时', '（<*>秒），', '重试第<*>次']);
    expect(miner.add('任务执行成功')).not.toBe(a);
    expect(miner.add('用户 admin 登录成功，来自 10.0.0.8')).toBe(2);
    expect(miner.template(2).text).toBe('用户 admin 登录成功， 来自 <*>');
  });

  it('gives empty and blank messages one empty template', () => {
    const miner = new TemplateMiner();
    const empty = miner.add('');
    expect(miner.add('  \t ')).toBe(empty);
    expect(miner.template(empty)).toEqual({ id: empty, text: '', tokens: [], count: 2 });
  });

  it('cuts very long messages at maxTokens', () => {
    const miner = new TemplateMiner({ maxTokens: 80 });
    const words = Array.from({ length: 100_000 }, (_, i) => `w${i % 7 === 0 ? i : 'x'}`);
    const id = miner.add(words.join(' '));
    const { tokens } = miner.template(id);
    expect(tokens).toHaveLength(80);
    expect(tokens[79]).toBe('<*>');
    expect(miner.add(words.slice(0, 200).join(' '))).toBe(id);
    const wide = miner.add('错误，'.repeat(500_000));
    expect(miner.template(wide).tokens).toHaveLength(80);
    expect(miner.add('x'.repeat(2_000_000))).toBe(miner.add('y'.repeat(300)));
    expect(miner.template(miner.size - 1).text).toBe('<*>');
  });

  it('returns structured-clone safe copies and rejects unknown ids', () => {
    const miner = new TemplateMiner();
    miner.add('disk sda is 93% full');
    const list = miner.templates();
    expect(structuredClone(list)).toEqual(list);
    (list[0].tokens as string[])[0] = 'changed';
    expect(miner.template(0).tokens[0]).toBe('disk');
    expect(() => miner.template(1)).toThrow(RangeError);
    expect(() => miner.template(-1)).toThrow(RangeError);
  });
});
