// Every rule over lnav's 118 per-format test logs (BSD-2-Clause, ../shared/peers/lnav/test),
// read as one case: logs of common systems that nobody here wrote. Each finding must be a real
// problem of its log, listed below with the reason it is right; a rule that starts firing on
// them shows up here as a finding without a verdict. None fires today: lnav's logs hold error
// lines ("looking bad", "sooo bad") but no known failure signature, and their one `panic:` line
// (logfile_mixed_json2.json) has Python frames, not a Go runtime panic (go-panic's noMatch).
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { diagnoseCase } from '../../src/main/engine/diagnose/diagnoseCase.ts';
import { indexCase } from '../../src/main/engine/index/indexCase.ts';
import { REALDATA_DIR } from './goldenSupport.ts';

const PEERS = resolve(REALDATA_DIR, '..', 'peers', 'lnav', 'test');
const PEERS_PRESENT = existsSync(PEERS);
if (!PEERS_PRESENT)
  console.warn(`rules on lnav test logs: skipped: no lnav checkout at ${PEERS} (a clone alone has none)`);

/** Each finding on lnav's logs (`rule@module/component`) and why it is a real problem of that log. */
const VERDICTS: Record<string, string> = {};

describe.skipIf(!PEERS_PRESENT)(`the rules on lnav's test logs in ${PEERS}`, () => {
  let found: string[] = [];
  beforeAll(async () => {
    const files = readdirSync(PEERS)
      .filter((name) => name.startsWith('logfile_'))
      .sort()
      .map((name) => join(PEERS, name));
    const opened = await indexCase(files, { zone: 'UTC', indexMode: 'inline' });
    if (!opened.ok) throw new Error(opened.error);
    found = diagnoseCase(opened.value.index, opened.value.inventory)
      .findings.map((f) => `${f.rule}@${f.module}/${f.component}`)
      .sort();
  }, 120_000);

  it('raise only findings with a verdict, and every verdict still has its finding', () => {
    expect(found).toEqual(Object.keys(VERDICTS).sort());
  });
});
