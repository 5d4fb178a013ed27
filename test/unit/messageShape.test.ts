// A message's shape stands for all of its messages: the indexer mines one message per shape, so
// two messages of one shape must be masked by the miner to the same tokens, or the template's
// text would show words some of its events do not have.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TOKENS } from '../../src/shared/patterns/maskTokens.ts';
import { messageShape, shapeKey } from '../../src/shared/patterns/messageShape.ts';
import { TemplateMiner } from '../../src/shared/patterns/templateMiner.ts';

/** The miner's tokens for one message (a fresh miner: nothing to merge with). */
function minedTokens(message: string): readonly string[] {
  const miner = new TemplateMiner();
  return miner.template(miner.add(message)).tokens;
}

// Pieces where the miner's masking is subtle: numbers after letters or dots, units, keys, paths,
// ids with mixed letters and digits, wrappers, tabs, wide text with and without numbers.
const PIECES = [
  'VM',
  'Started',
  'Stopped',
  'state',
  'to',
  '42',
  '7',
  '1.5s',
  '12ms',
  'sha256',
  'sha1',
  'v1.2',
  'v1.3',
  'HTTP/1.1',
  'HTTP/2',
  'a/b',
  'c/d',
  '/var/lib/nova',
  '(/tmp/x)',
  'status=200',
  'status=ok',
  'code=500',
  'ipv4=abc',
  '[12]',
  '(12)',
  'b9000564-1d2c-4e5f-8a9b-1e88b294cd1d',
  'req-3f2a9c1b-7d4e-4a5b-9c8d-0e1f2a3b4c5d',
  'nginx-7d9f8c6b5-xk2pq',
  'aB3xQz9K',
  '0x7f2b3c4d5e60',
  'compute-3.example.com',
  'db-1.example.com',
  '10.0.0.1:8080',
  '端口9100已被占用',
  '连接10.0.0.1失败',
  '安装无法继续',
  '耗时12ms',
  'instance-0000001a',
  '2nd',
  'x1',
  'é',
  '',
  '\t',
  '#\t0xb5230c\tmysql.(*mysqlConn).startWatcher+0xcc',
];
const message = fc.array(fc.constantFrom(...PIECES), { maxLength: 50 }).map((p) => p.join(' '));

describe('message shapes', () => {
  it('key and text agree: one key per shape', () => {
    fc.assert(
      fc.property(message, message, (a, b) => {
        expect(shapeKey(a) === shapeKey(b)).toBe(messageShape(a) === messageShape(b));
      }),
      { seed: 7, numRuns: 2000 },
    );
  });

  it('two messages of one shape are mined to the same tokens', () => {
    // Pairs that share a shape are rare among random messages: build b from a by swapping
    // pieces for others that often share a shape with them.
    const swaps: Record<string, string[]> = {
      '42': ['7'],
      '1.5s': ['12ms'],
      sha256: ['sha1'],
      'v1.2': ['v1.3'],
      'HTTP/1.1': ['HTTP/2'],
      'status=200': ['code=500', 'status=ok'],
      '[12]': ['(12)'],
      'compute-3.example.com': ['db-1.example.com'],
      'b9000564-1d2c-4e5f-8a9b-1e88b294cd1d': ['req-3f2a9c1b-7d4e-4a5b-9c8d-0e1f2a3b4c5d', 'aB3xQz9K'],
      端口9100已被占用: ['连接10.0.0.1失败'],
      'nginx-7d9f8c6b5-xk2pq': ['0x7f2b3c4d5e60'],
    };
    let sameShape = 0;
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { maxLength: 50 }),
        fc.array(fc.nat(), { minLength: 50, maxLength: 50 }),
        (pieces, picks) => {
          const a = pieces.join(' ');
          const b = pieces.map((p, i) => (swaps[p] ? [p, ...swaps[p]][picks[i] % (swaps[p].length + 1)] : p)).join(' ');
          if (messageShape(a) !== messageShape(b)) return;
          sameShape++;
          expect(minedTokens(b)).toEqual(minedTokens(a));
        },
      ),
      { seed: 11, numRuns: 2000 },
    );
    expect(sameShape).toBeGreaterThan(500);
  });

  it('keeps apart what the miner keeps apart', () => {
    const apart = [
      ['checksum sha256 failed', 'checksum sha1 failed'],
      ['端口9100已被占用', '连接10.0.0.1失败'],
      ['#\t0xb5230c\tmysql.(*mysqlConn).startWatcher+0xcc', '#\t0xaac0d9\tgrpc.newClientStream+0xd9'],
      ['retry [3] left', 'retry (3) left'],
    ];
    for (const [a, b] of apart) expect(messageShape(a), `${a} | ${b}`).not.toBe(messageShape(b));
  });

  it('shares a shape across values the miner masks', () => {
    const together = [
      ['took 12ms', 'took 1500ms'],
      ['status=200 sent', 'status=404 sent'],
      [
        'instance b9000564-1d2c-4e5f-8a9b-1e88b294cd1d spawned',
        'instance 3f2a9c1b-7d4e-4a5b-9c8d-0e1f2a3b4c5d spawned',
      ],
      ['frame aB3xQz9K done', 'frame Zq8Lm2Pw done'],
      ['耗时12ms', '耗时1500ms'],
    ];
    for (const [a, b] of together) expect(messageShape(a), `${a} | ${b}`).toBe(messageShape(b));
  });

  it('cuts long messages where the miner cuts them', () => {
    const words = Array.from({ length: MAX_TOKENS + 5 }, (_, i) => `w${String.fromCharCode(97 + (i % 26))}`);
    const a = words.join(' ');
    const b = [...words.slice(0, MAX_TOKENS), 'other', 'tail'].join(' ');
    expect(messageShape(a)).toBe(messageShape(b));
    expect(minedTokens(a)).toEqual(minedTokens(b));
    expect(minedTokens(a)).toHaveLength(MAX_TOKENS);
  });
});
