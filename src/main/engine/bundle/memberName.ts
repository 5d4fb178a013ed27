/**
 * Archive member names from their bytes. Tar headers carry no encoding, and zips made on Chinese
 * Windows store names in the ANSI code page (GBK) without the UTF-8 flag. Decoding them as UTF-8
 * turned every Chinese name into `����.log`, and two files into one path. A name is UTF-8 when it
 * is valid UTF-8, else GBK when it reads as Chinese, else Windows-1252 (every byte maps to its own
 * character); and two different byte names never end up as one path.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { looksChinese } from '../decode/detectEncoding.ts';

/** The encoding a name was decoded in. */
export type NameEncoding = 'utf-8' | 'gb18030' | 'windows-1252';

const gbk = new TextDecoder('gb18030', { fatal: true });
const western = new TextDecoder('windows-1252');

/** Decodes a member name from its bytes; see the module comment. */
export function decodeMemberName(raw: Uint8Array): { name: string; encoding: NameEncoding } {
  if (isUtf8(raw))
    return { name: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8'), encoding: 'utf-8' };
  if (looksChinese(raw)) {
    try {
      return { name: gbk.decode(raw), encoding: 'gb18030' };
    } catch {
      // Not valid GBK after all.
    }
  }
  return { name: western.decode(raw), encoding: 'windows-1252' };
}

/**
 * The member names of one archive, kept distinct: a UTF-8 `日志.log` and a GBK `日志.log` are two
 * members, so the second gets its encoding in its path. Only non-ASCII names are remembered
 * (an ASCII name decodes the same in every encoding).
 */
export class MemberNames {
  private readonly seen = new Map<string, string>();

  /** The path to report for a member whose name has these bytes. */
  name(raw: Uint8Array): string {
    const { name, encoding } = decodeMemberName(raw);
    if (isAscii(raw)) return name;
    const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
    let candidate = name;
    for (let n = 1; ; n++) {
      const owner = this.seen.get(candidate);
      if (owner === undefined) {
        this.seen.set(candidate, bytes);
        return candidate;
      }
      if (owner === bytes) return candidate;
      candidate = n === 1 ? `${name} (${encoding} name)` : `${name} (${encoding} name ${n})`;
    }
  }
}
