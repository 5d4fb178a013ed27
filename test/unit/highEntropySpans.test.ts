/**
 * The high-entropy detector: random-looking runs are taken for secrets whatever key (or none)
 * stands before them; ids, hashes, paths, versions and names a report needs stay readable.
 */
import { describe, expect, it } from 'vitest';
import { highEntropySpans, shannonEntropy } from '../../src/shared/redact/highEntropySpans.ts';

const found = (text: string) => highEntropySpans(text).map(([start, end]) => text.slice(start, end));

describe('highEntropySpans', () => {
  it('finds random tokens of no known shape, alone, in a URL, in a path segment', () => {
    const base64 = 'q8Zr2LmXv0aKtPq72RwN5yHc3JdUe9FbGs4TiVo1';
    const url = 'Zx9-kQ2_mW7vB4nR8tY1uL6pA3sD5fG0hJ2kL9zX';
    expect(found(`registered ${base64} ok`)).toEqual([base64]);
    expect(found(`GET /hook?sig=${url}&x=1`)).toEqual([url]);
    expect(found(`GET /api/v1/hooks/${base64}/deliveries`)).toEqual([base64]);
    expect(found(`padded ${base64}== end`)).toEqual([`${base64}==`]);
    // One case and digits, not hex: a lower-case token.
    expect(found('key k3j9x0q2m8v7c6b5n4z1l2p9o8i7u6y5t4r3')).toEqual(['k3j9x0q2m8v7c6b5n4z1l2p9o8i7u6y5t4r3']);
  });

  it('leaves ids, hashes and names alone', () => {
    const keep = [
      'req-3f1c2a4e-9b8d-4c7e-a6f5-0e1d2c3b4a59',
      '3F1C2A4E-9B8D-4C7E-A6F5-0E1D2C3B4A59',
      'project e9746973ac574c6b8a9e8857f56a7608',
      'commit 4b825dc642cb6eb9a060e54bf8d69288fbee4904',
      'sha256:0f3e4c1d2b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff',
      'containerID: docker://0F3E4C1D2B5A69788796A5B4C3D2E1F00112233445566778899AABBCCDDEEFF',
      'integrity sha512-Zq81LmXv0aKtPq72RwN5yHc3JdUe9FbGs4TiVo1q8Zr2LmXv0aKtPq72RwN5yHc3JdUe9FbG==',
      'md5=Zq81LmXv0aKtPq72RwN5yHc3JdUe9FbGs4TiVo1',
      '/var/lib/nova/instances/bf8c824d-f099-4433-a41e-e3da7578262e_del',
      '/Users/zhebaoting/Sites/laravel/crm/vendor/laravel/framework/src/Illuminate/Foundation/Http/Kernel.php',
      'pod default-ovn-north-844bc977-pq28d Running',
      'runtime_goroutineProfileWithLabels+0x5c',
      'ThisIsAVeryLongCamelCaseIdentifierName2ForSure',
      'version v1.2.3-rc.1+build.5 at 2025-09-18T16:24:31.123+08:00',
      'yunion.io/x/onecloud/pkg/compute/models.(*SGuest).PerformStart',
    ];
    for (const text of keep) expect(found(text), text).toEqual([]);
  });

  it('measures entropy in bits a character', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });

  it('scans a 64 KB run once', () => {
    const run = 'Ab1'.repeat(21_846);
    expect(highEntropySpans(run)).toEqual([]);
    expect(highEntropySpans('/'.repeat(65_536))).toEqual([]);
  });
});
