/** A report of a case with one empty bundle and nothing found or written, to patch in tests of the writers. */
import { emptyArtifacts } from '../../src/shared/artifacts/artifactModel.ts';
import { emptyNotes } from '../../src/shared/caseNotes.ts';
import { REPORT_SCHEMA, type Report } from '../../src/shared/report.ts';

export function emptyReport(patch: Partial<Report> = {}): Report {
  const bundle = { name: 'case.tar.gz', bytes: 10, sha256: null, fileCount: 0, firstTime: null, lastTime: null };
  return {
    schema: REPORT_SCHEMA,
    generatedAt: '1970-01-01T00:00:00.000Z',
    generator: 'test',
    zone: 'UTC',
    bundle,
    bundles: [bundle],
    files: [],
    skipped: [],
    problems: [],
    requests: [],
    findings: [],
    artifacts: emptyArtifacts(),
    stage: null,
    triage: [],
    case: { ...emptyNotes(), language: 'en', contextLines: 50 },
    versions: [],
    timeline: { events: [], chart: null },
    traces: [],
    pins: [],
    queries: [],
    redaction: null,
    ...patch,
  };
}
