// Every rule over the real public logs of ../shared/realdata (written by nobody here). The
// findings are pinned in expected/realdata-findings.json; every finding of error severity or
// worse carries a verdict written after reading its evidence (a real problem in the log, or why
// it is acceptable). A rule that starts firing on healthy lines shows up here as a new finding
// without a verdict. TARSIER_UPDATE_FINDINGS=1 rewrites the findings and keeps the verdicts.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { diagnoseCase, type Diagnosis } from '../../src/main/engine/diagnose/diagnoseCase.ts';
import { indexCase } from '../../src/main/engine/index/indexCase.ts';
import { GOLDEN_DIR, REALDATA_DIR } from './goldenSupport.ts';
import { describeRealdata, REALDATA_MISSING } from './realdataSuite.ts';

const EXPECTED = join(GOLDEN_DIR, 'expected', 'realdata-findings.json');

interface Pinned {
  key: string;
  severity: string;
  category: string;
  count: number;
  evidence: string[];
}
interface Expected {
  findings: Pinned[];
  verdicts: Record<string, string>;
}

/** The real logs and artifacts: each file read as a bundle of its own (OpenStack_2k.log is left out: split_by_file holds the same lines). */
function realFiles(): string[] {
  const list = (dir: string, keep: (name: string) => boolean) => {
    const full = join(REALDATA_DIR, dir);
    return existsSync(full)
      ? readdirSync(full)
          .filter(keep)
          .sort()
          .map((name) => join(full, name))
      : [];
  };
  return [
    ...list('openstack', (n) => n.endsWith('.log')),
    ...list('loghub/OpenStack/split_by_file', (n) => n.endsWith('.log')),
    ...list('cloudpods', (n) => n.endsWith('.log')),
    ...list('k8s', () => true),
    ...list('goroutines', () => true),
  ];
}

let diagnosis: Diagnosis;
let pinned: Pinned[];

beforeAll(async () => {
  if (REALDATA_MISSING) return;
  const opened = await indexCase(realFiles(), { zone: 'UTC', indexMode: 'inline' });
  if (!opened.ok) throw new Error(opened.error);
  // The unexplained-template leads are left out: this "case" is a pile of unrelated public logs
  // with no incident, so which templates stand out says nothing about the rules pinned here
  // (test/unit/unexplainedTemplates.test.ts and test/integration/unexplainedFindings.test.ts test them).
  diagnosis = diagnoseCase(opened.value.index, opened.value.inventory, { unexplained: false });
  pinned = diagnosis.findings
    .map((f) => ({
      key: `${f.rule}@${f.module}/${f.component}`,
      severity: f.severity,
      category: f.category,
      count: f.count,
      evidence: f.evidence.map((e) => `${e.path}:${e.line}`),
    }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  if (process.env.TARSIER_UPDATE_FINDINGS) {
    const before: Expected = existsSync(EXPECTED)
      ? JSON.parse(readFileSync(EXPECTED, 'utf8'))
      : { findings: [], verdicts: {} };
    writeFileSync(EXPECTED, `${JSON.stringify({ findings: pinned, verdicts: before.verdicts }, null, 2)}\n`);
  }
}, 120_000);

describeRealdata('the rules on real logs', () => {
  it('raise exactly the pinned findings', () => {
    const expected: Expected = JSON.parse(readFileSync(EXPECTED, 'utf8'));
    expect(pinned).toEqual(expected.findings);
  });

  it('every finding of error severity or worse has a verdict from reading its evidence', () => {
    const expected: Expected = JSON.parse(readFileSync(EXPECTED, 'utf8'));
    const unread = pinned.filter(
      (f) => (f.severity === 'error' || f.severity === 'critical') && !expected.verdicts[f.key],
    );
    expect(unread.map((f) => `${f.key}: ${f.evidence.join(', ')}`)).toEqual([]);
    // A verdict for a finding that no longer exists is stale.
    expect(Object.keys(expected.verdicts).filter((key) => !pinned.some((f) => f.key === key))).toEqual([]);
  });

  it('find the real problems these logs are known for', () => {
    const keys = pinned.map((f) => f.key);
    // The seed's Cloudpods pods table: onecloud-operator in CrashLoopBackOff, host-image restarted 13 times.
    expect(keys.some((k) => k.startsWith('k8s-pod-not-running@'))).toBe(true);
    expect(keys.some((k) => k.startsWith('k8s-pod-restarts@'))).toBe(true);
    // golang/go#22398: goroutines blocked in chan receive for 315 minutes.
    expect(keys.some((k) => k.startsWith('goroutine-long-wait@'))).toBe(true);
  });
});
