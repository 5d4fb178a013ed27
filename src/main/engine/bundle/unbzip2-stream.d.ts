// unbzip2-stream ships no types: the `through` stream it returns, as decompressSource.ts uses it.
declare module 'unbzip2-stream' {
  import type { Duplex } from 'node:stream';
  export default function unbzip2Stream(): Duplex;
}
