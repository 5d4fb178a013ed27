// The whole engine against a generated, realistic bundle whose manifest says what every file is:
// nested archives, rotated .gz, GBK CRLF Windows logs, UTF-16/BOM/Latin-1, Cloudpods pods with an
// embedded goroutine dump, non-log artefacts, empty and binary files.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FileRecord, LogEvent } from '../../src/shared/model.ts';
import { readInventory } from '../../src/main/engine/ingest/readInventory.ts';
import { generateBundle } from '../fixtures/generateBundle.ts';

const dir = await mkdtemp(join(tmpdir(), 'tarsier-generated-'));
const bundle = join(dir, 'case.tar.gz');
const manifest = await generateBundle({ seed: 7, targetBytes: 4_000_000, outPath: bundle });
const events: { file: FileRecord; event: LogEvent }[] = [];
const outcome = await readInventory([bundle], {
  zone: manifest.timeZone,
  onEvent: (file, event) => events.push({ file, event }),
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
if (!outcome.ok) throw new Error(outcome.error);
const inventory = outcome.value;
const files = new Map(inventory.files.map((f) => [f.path, f]));

describe('a generated bundle', () => {
  it('identifies the bundle', () => {
    expect(inventory.bundles).toHaveLength(1);
    expect(inventory.bundles[0]).toMatchObject({
      name: 'case.tar.gz',
      sha256: manifest.bundle.sha256,
      bytes: manifest.bundle.bytes,
    });
    expect(inventory.problems).toEqual([]);
  });

  it('reads every file the manifest lists, and nothing else', () => {
    const expected = manifest.files
      .filter((f) => f.kind !== 'skipped')
      .map((f) => f.path)
      .sort();
    expect([...files.keys()].sort()).toEqual(expected);
  });

  it('skips exactly the empty and binary files, saying why', () => {
    const expected = manifest.files.filter((f) => f.kind === 'skipped');
    expect(inventory.skipped.map((s) => s.path).sort()).toEqual(expected.map((f) => f.path).sort());
    for (const f of expected) {
      const reason = inventory.skipped.find((s) => s.path === f.path)!.reason;
      expect(reason.toLowerCase(), f.path).toContain(f.skipReason!);
    }
  });

  for (const want of manifest.files.filter((f) => f.kind !== 'skipped')) {
    it(`knows ${want.path}`, () => {
      const got = files.get(want.path)!;
      expect(got, want.path).toBeDefined();
      expect({
        module: got.module,
        component: got.component,
        kind: got.kind,
        format: got.format,
        encoding: got.encoding,
        bytes: got.bytes,
        lines: got.lines,
      }).toEqual({
        module: want.module,
        component: want.component,
        kind: want.kind,
        format: want.format,
        encoding: want.encoding,
        bytes: want.bytes,
        lines: want.lines,
      });
      if (want.format !== 'none') {
        expect(got.events, 'events').toBe(want.events);
        expect(got.levels, 'levels').toEqual(want.levels);
        // Compared at the precision the format prints (Cloudpods, logfmt and the generic lines here: seconds).
        const precision = ['cloudpods', 'logfmt', 'generic'].includes(want.format) ? 1000 : 1;
        const at = (t: number | string | null) => (t === null ? null : Math.floor(new Date(t).getTime() / precision));
        expect(at(got.firstTime), 'first time').toBe(at(want.firstTime));
        expect(at(got.lastTime), 'last time').toBe(at(want.lastTime));
      }
      expect(got.incomplete).toBeNull();
      expect(got.invalidBytes).toBe(0);
    });
  }

  it('puts every incident line where the manifest says, with its text intact', () => {
    for (const incident of manifest.incidents) {
      for (const evidence of incident.evidence) {
        const hit = events.find(
          ({ file, event }) =>
            file.path === evidence.path && event.line <= evidence.line && evidence.line < event.line + event.lineCount,
        );
        expect(hit, `${incident.id}: ${evidence.path}:${evidence.line}`).toBeDefined();
        const offset = evidence.line - hit!.event.line;
        const text = offset === 0 ? hit!.event.text : hit!.event.continuation[offset - 1];
        expect(text, `${incident.id}: ${evidence.path}:${evidence.line}`).toBe(evidence.text);
      }
    }
  });
});
