/**
 * Redaction end to end: a bundle seeded with a secret of every kind (and addresses, names,
 * e-mail) in evidence lines, pinned context, the problem statement and the conclusion. Without
 * redaction every planted value is in every format — the seeding works; with `--redact
 * --redact-network` none is in the JSON, the Markdown or the PDF's text, the aliases are
 * consistent, the report states what was masked, and the bundle is byte for byte unchanged.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseCase, type Diagnosis } from '../../src/main/engine/diagnose/diagnoseCase.ts';
import type { CaseIndex } from '../../src/main/engine/index/caseIndex.ts';
import { indexCase } from '../../src/main/engine/index/indexCase.ts';
import { composeReport } from '../../src/main/engine/report/composeReport.ts';
import { writeReports } from '../../src/main/engine/report/writeReports.ts';
import type { Inventory } from '../../src/shared/api.ts';
import { emptyNotes, type CaseNotes } from '../../src/shared/caseNotes.ts';
import { epochMs } from '../../src/shared/model.ts';
import type { RedactionOptions } from '../../src/shared/redact/redactor.ts';
import { buildTarGz } from '../support/archives.ts';

/** Planted secrets by the kind the report must count. */
const SECRETS = {
  'private-key': 'MIIEowIBAAKCAQEA0Z3VS5JJcds3xfnq1w2e3r4',
  'connection-string': 'Hunter2Pass',
  authorization: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl',
  cookie: 'c00kieS3cretValue',
  token: 'gAAAAABtokenValue123xyz',
  'access-key': 'AKIAIOSFODNN7EXAMPLE',
  'secret-key': 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY',
  password: 'S3cr3tPassw0rd',
} as const;
/** Secrets inside JSON on a pinned line (a query's phrase would carry them, escaped). */
const JSON_SECRETS = ['JsonPw77secret', 'JsonTok88secret'];
const NETWORK = { ip: '10.20.0.15', host: 'db01.customer.internal', email: 'ops.lead@customer.com' } as const;
const PATH = 'opt/installer/production/logs/proxy/proxy-engine.log';

function logLines(): string[] {
  const lines: string[] = [];
  const at = (n: number) =>
    `2025-09-18 16:${String(10 + Math.floor(n / 60)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}.000 2533`;
  for (let n = 0; n < 40; n++) lines.push(`${at(n)} INFO proxy.engine [-] heartbeat ${n}`);
  lines.push(
    `${at(40)} DEBUG proxy.engine [-] connect mysql://porter:${SECRETS['connection-string']}@${NETWORK.ip}:3306/porter`,
    `${at(41)} DEBUG proxy.engine [-] REQ: curl -H "Authorization: Bearer ${SECRETS.authorization}"`,
    `${at(42)} DEBUG proxy.engine [-] Cookie: sessionid=${SECRETS.cookie}`,
    `${at(43)} DEBUG proxy.engine [-] REQ: curl -H "X-Auth-Token: ${SECRETS.token}" https://${NETWORK.host}:8774/v2.1`,
    `${at(44)} DEBUG proxy.engine [-] s3 client aws_access_key_id=${SECRETS['access-key']}`,
    `${at(45)} DEBUG proxy.engine [-] s3 client aws_secret_access_key=${SECRETS['secret-key']}`,
    `${at(46)} ERROR proxy.engine [-] Connection timed out to ${NETWORK.host} (${NETWORK.ip}) with db_password=${SECRETS.password}`,
    `${at(47)} DEBUG proxy.engine [-] loaded key:`,
    '-----BEGIN RSA PRIVATE KEY-----',
    SECRETS['private-key'],
    '-----END RSA PRIVATE KEY-----',
    `${at(48)} ERROR proxy.engine [-] Connection timed out, alert sent to ${NETWORK.email} token=${SECRETS.token}`,
    `${at(49)} DEBUG proxy.engine [-] body {"auth": {"password": "${JSON_SECRETS[0]}", "token": "${JSON_SECRETS[1]}"}}`,
  );
  for (let n = 50; n < 80; n++) lines.push(`${at(n)} INFO proxy.engine [-] heartbeat ${n}`);
  return lines;
}

let dir: string;
let bundle: string;
let bundleSha: string;
let index: CaseIndex;
let inventory: Inventory;
let diagnosis: Diagnosis;
const lines = logLines();

function notes(): CaseNotes {
  const pinned = lines.findIndex((l) => l.includes('db_password')) + 1;
  return {
    ...emptyNotes(),
    ticket: 'SR-SECRETS',
    statement: `Porter cannot reach ${NETWORK.host} (${NETWORK.ip}); the customer pasted token=${SECRETS.token}`,
    conclusion: `Rotate db_password=${SECRETS.password} and tell ${NETWORK.email}.`,
    pins: [
      {
        path: PATH,
        line: pinned,
        file: null,
        text: lines[pinned - 1],
        time: null,
        level: 'error',
        component: 'proxy/proxy-engine',
        note: `password=${SECRETS.password} leaked here`,
        pinnedAt: 1,
      },
    ],
  };
}

/** The three formats as text (the PDF through pdftotext), whitespace squashed. */
async function outputs(
  redaction: RedactionOptions | null,
  name: string,
  caseNotes = notes(),
  contextLines = 50,
): Promise<Record<'json' | 'md' | 'pdf', string>> {
  const report = composeReport(index, inventory, diagnosis, {
    notes: caseNotes,
    contextLines,
    generatedAt: epochMs(0),
    generator: 'tarsier test',
    redaction,
  });
  const targets = { json: join(dir, `${name}.json`), md: join(dir, `${name}.md`), pdf: join(dir, `${name}.pdf`) };
  const written = await writeReports(report, targets, [bundle]);
  if (!written.ok) throw new Error(written.error);
  const squash = (t: string) => t.replace(/\s+/g, ' ');
  return {
    json: await readFile(targets.json, 'utf8'),
    md: await readFile(targets.md, 'utf8'),
    pdf: squash(execFileSync('pdftotext', [targets.pdf, '-'], { encoding: 'utf8' })),
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-redact-'));
  bundle = join(dir, 'secrets.tar.gz');
  const data = await buildTarGz([{ name: PATH, data: `${lines.join('\n')}\n` }]);
  await writeFile(bundle, data);
  bundleSha = createHash('sha256').update(data).digest('hex');
  const result = await indexCase([bundle], { zone: '+08:00', indexMode: 'inline' });
  if (!result.ok) throw new Error(result.error);
  ({ index, inventory } = result.value);
  diagnosis = diagnoseCase(index, inventory);
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('report redaction', () => {
  it('plants every secret where the report shows it (no redaction: all of them are there)', async () => {
    const plain = await outputs(null, 'plain');
    expect(
      diagnosis.findings.some((f) => f.evidence.some((e) => e.text.includes(SECRETS.password))),
      'a finding with a secret in its evidence',
    ).toBe(true);
    for (const [format, text] of Object.entries(plain)) {
      for (const value of [...Object.values(SECRETS), ...Object.values(NETWORK)])
        expect(text, `${value} in the plain ${format}`).toContain(value);
    }
  });

  it('leaves no secret, address, name or e-mail in any format with --redact --redact-network', async () => {
    const redacted = await outputs({ secrets: true, network: true }, 'redacted');
    for (const [format, text] of Object.entries(redacted)) {
      for (const value of [...Object.values(SECRETS), ...Object.values(NETWORK)])
        expect(text, `${value} in the redacted ${format}`).not.toContain(value);
      expect(text).toContain('[REDACTED:password]');
      expect(text).toContain('[host-1]');
    }
    const report = JSON.parse(redacted.json);
    for (const kind of Object.keys(SECRETS))
      expect(report.redaction.counts[kind], `${kind} counted`).toBeGreaterThan(0);
    expect(report.redaction).toMatchObject({ secrets: true, network: true });
    expect(redacted.md).toMatch(/Secrets were masked \(.*password × \d+/);
    // The key block in the pinned context: masked line by line, the excerpt keeps its lines.
    expect(redacted.md).toMatch(
      /^ +\d+ {2}-----BEGIN RSA PRIVATE KEY-----\n +\d+ {2}\[REDACTED:private-key\]\n +\d+ {2}-----END RSA PRIVATE KEY-----$/m,
    );
    // One address, one alias, everywhere.
    const ipAliases = new Set(redacted.json.match(/\[ip-\d+\]/g));
    expect(ipAliases).toEqual(new Set(['[ip-1]']));
  });

  it('masks a pinned line inside a key block, and a pinned line of JSON with secrets, with a narrow context', async () => {
    const pinOn = (needle: string) => {
      const line = lines.findIndex((l) => l.includes(needle)) + 1;
      return {
        path: PATH,
        line,
        file: null,
        text: lines[line - 1],
        time: null,
        level: 'error' as const,
        component: 'proxy/proxy-engine',
        note: '',
        pinnedAt: line,
      };
    };
    const pinned = { ...emptyNotes(), pins: [pinOn(SECRETS['private-key']), pinOn(JSON_SECRETS[0])] };
    const plain = await outputs(null, 'narrow-plain', pinned, 1);
    expect(plain.md).toContain(SECRETS['private-key']);
    expect(plain.md).toContain(JSON_SECRETS[0]);
    const redacted = await outputs({ secrets: true, network: false }, 'narrow', pinned, 1);
    for (const [format, text] of Object.entries(redacted)) {
      for (const value of [SECRETS['private-key'], ...JSON_SECRETS])
        expect(text, `${value} in the ${format}`).not.toContain(value);
    }
    const report = JSON.parse(redacted.json);
    expect(report.pins[0].context.map((l: { line: number }) => l.line)).toEqual([
      pinned.pins[0].line - 1,
      pinned.pins[0].line,
      pinned.pins[0].line + 1,
    ]);
    expect(report.pins[0].query).toBe(`file:"${PATH}"`);
  });

  it('masks secrets but keeps addresses with --redact alone', async () => {
    const redacted = await outputs({ secrets: true, network: false }, 'secrets-only');
    for (const text of Object.values(redacted)) {
      for (const value of Object.values(SECRETS)) expect(text).not.toContain(value);
      expect(text).toContain(NETWORK.ip);
    }
  });

  it('never changes the bundle', async () => {
    expect(
      createHash('sha256')
        .update(await readFile(bundle))
        .digest('hex'),
    ).toBe(bundleSha);
  });
});
