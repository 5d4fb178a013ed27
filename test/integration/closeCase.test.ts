// closeCase through the one API contract: the payload is checked, the case is released, and a
// later request for it says it was closed.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseManager } from '../../src/main/engine/case/caseManager.ts';
import { API_METHODS, type CaseStatus } from '../../src/shared/api.ts';
import { dispatchRequest } from '../../src/shared/ui/dispatch.ts';

let dir: string;
let log: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-close-'));
  log = join(dir, 'app.log');
  await writeFile(
    log,
    ['2025-09-18 16:24:30 ERROR volume attach failed', '2025-09-18 16:24:31 INFO retry', ''].join('\n'),
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('closeCase', () => {
  it('is part of the contract, checks its payload, releases the case, and later requests say so', async () => {
    expect(API_METHODS).toContain('closeCase');
    const manager = new CaseManager({});
    const bad = await dispatchRequest(manager, 'closeCase', { caseId: 42 });
    expect(bad.ok).toBe(false);
    const opened = await dispatchRequest(manager, 'openCase', { paths: [log], zone: 'UTC' });
    if (!opened.ok) throw new Error(opened.error);
    const { caseId } = opened.value as { caseId: string };
    while (
      !((await dispatchRequest(manager, 'caseStatus', { caseId })) as { ok: true; value: CaseStatus }).value.diagnosed
    )
      await new Promise((r) => setTimeout(r, 20));
    expect(await dispatchRequest(manager, 'closeCase', { caseId })).toEqual({ ok: true, value: { closed: true } });
    const after = await dispatchRequest(manager, 'search', { caseId, query: 'volume' });
    expect(after.ok).toBe(false);
    if (!after.ok) expect(after.error).toBe(`search: case ${caseId} was closed; open it again`);
    expect(await dispatchRequest(manager, 'closeCase', { caseId })).toEqual({ ok: true, value: { closed: false } });
  });
});
