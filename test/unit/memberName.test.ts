import { describe, expect, it } from 'vitest';
import { decodeMemberName, MemberNames } from '../../src/main/engine/bundle/memberName.ts';
import { encodeGbk } from '../fixtures/gbk.ts';

describe('decodeMemberName', () => {
  it('reads UTF-8, then GBK, then Windows-1252, by validity', () => {
    expect(decodeMemberName(Buffer.from('logs/日志.log'))).toEqual({ name: 'logs/日志.log', encoding: 'utf-8' });
    expect(decodeMemberName(encodeGbk('logs/磁盘同步.log'))).toEqual({
      name: 'logs/磁盘同步.log',
      encoding: 'gb18030',
    });
    expect(decodeMemberName(Buffer.from('Übersicht café.log', 'latin1'))).toEqual({
      name: 'Übersicht café.log',
      encoding: 'windows-1252',
    });
  });
});

describe('MemberNames', () => {
  it('never gives two different byte names one path', () => {
    const names = new MemberNames();
    const raw = [
      encodeGbk('a/日志.log'),
      Buffer.from('a/日志.log'),
      Buffer.from([0x61, 0xff, 0x2e]),
      Buffer.from([0x61, 0xfe, 0x2e]),
      encodeGbk('a/日志.log'),
    ];
    const got = raw.map((r) => names.name(r));
    expect(got[0]).toBe('a/日志.log');
    expect(got[1]).toBe('a/日志.log (utf-8 name)');
    expect(got[4]).toBe(got[0]);
    expect(new Set(got.slice(0, 4)).size).toBe(4);
  });
});
