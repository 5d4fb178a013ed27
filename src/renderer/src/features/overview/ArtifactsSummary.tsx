/** A small summary of what the artifact readers found: goroutine dumps, pods not running, service versions. */
import type { CaseArtifacts, GoroutineDump, GoroutineSuspicion } from '../../../../shared/artifacts/artifactModel.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { CaseNavigation } from '../../views/caseNavigation.ts';

const MAX_ITEMS = 5;

/** `pkg/path.(*Type).Method` → `(*Type).Method` (the package path is in the tooltip). */
function shortFrame(frame: string): string {
  const slash = frame.lastIndexOf('/');
  const rest = frame.slice(slash + 1);
  const dot = rest.indexOf('.');
  return dot > 0 ? rest.slice(dot + 1) : rest;
}

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function Suspicion({ s }: { s: GoroutineSuspicion }) {
  const { t, num } = useI18n();
  const text =
    s.kind === 'pile-up'
      ? t('ovArtPileUp', { n: num(s.count), frame: shortFrame(s.frame) })
      : t('ovArtLongWait', { n: num(s.count), min: num(s.waitMinutes ?? 0), frame: shortFrame(s.frame) });
  return (
    <span className="ov-art-sub" title={s.frame}>
      {text}
    </span>
  );
}

function DumpItem({ dump, nav }: { dump: GoroutineDump; nav: CaseNavigation }) {
  const { t, num } = useI18n();
  const top = dump.suspicious[0];
  return (
    <li>
      <button
        type="button"
        className="ov-art-item"
        onClick={() => nav.openPath(dump.source.path, dump.source.line)}
        title={`${dump.source.path}:${dump.source.line}`}
      >
        <span className="ov-art-main">
          <span className="ov-art-name">{fileName(dump.source.path)}</span>
          <span className="ov-art-meta">{t('ovArtGoroutines', { n: num(dump.total) })}</span>
          {dump.suspicious.length > 0 && (
            <span className="ov-art-flag">{t('ovArtSuspicious', { n: num(dump.suspicious.length) })}</span>
          )}
        </span>
        {top && <Suspicion s={top} />}
      </button>
    </li>
  );
}

function More({ n }: { n: number }) {
  const { t, num } = useI18n();
  return n > 0 ? <li className="ov-hint">{t('ovArtMore', { n: num(n) })}</li> : null;
}

export function ArtifactsSummary({ artifacts, nav }: { artifacts: CaseArtifacts; nav: CaseNavigation }) {
  const { t, num } = useI18n();
  const { goroutines, pods, versions } = artifacts;
  const suspicious = goroutines.filter((d) => d.suspicious.length > 0).length;
  const podCount = pods.reduce((s, p) => s + p.pods.length, 0);
  const down = pods.flatMap((table) =>
    [...table.notRunning, ...table.notReady].map((row) => ({ row, path: table.source.path })),
  );
  const empty = goroutines.length === 0 && pods.length === 0 && versions.length === 0;
  return (
    <section className="ov-panel ov-artifacts" aria-labelledby="ov-artifacts-title" data-testid="artifacts">
      <h2 id="ov-artifacts-title">{t('ovArtTitle')}</h2>
      {empty ? (
        <p className="ov-hint">{t('ovArtNone')}</p>
      ) : (
        <>
          {goroutines.length > 0 && (
            <div className="ov-art-group">
              <h3>
                {t('ovArtDumps', { n: num(goroutines.length) })}
                {suspicious > 0 && (
                  <span className="ov-art-flag">{t('ovArtDumpsSuspicious', { n: num(suspicious) })}</span>
                )}
              </h3>
              <ul className="ov-art-list">
                {goroutines.slice(0, MAX_ITEMS).map((d, i) => (
                  <DumpItem key={`${i}:${d.source.path}:${d.source.line}`} dump={d} nav={nav} />
                ))}
                <More n={goroutines.length - MAX_ITEMS} />
              </ul>
            </div>
          )}
          {pods.length > 0 && (
            <div className="ov-art-group">
              <h3>
                {down.length === 0
                  ? t('ovArtPodsAllRunning', { n: num(podCount) })
                  : t('ovArtPodsDown', { n: num(down.length), total: num(podCount) })}
              </h3>
              {down.length > 0 && (
                <ul className="ov-art-list">
                  {down.slice(0, MAX_ITEMS).map(({ row, path }, i) => (
                    <li key={`${i}:${row.name}`}>
                      <button
                        type="button"
                        className="ov-art-item"
                        onClick={() => nav.openPath(path, row.line)}
                        title={`${path}:${row.line}`}
                      >
                        <span className="ov-art-main">
                          <span className="ov-art-name">{row.name}</span>
                          <span className="ov-art-status">{row.status}</span>
                        </span>
                        <span className="ov-art-sub">
                          {t('ovArtPodReady', { ready: row.ready, total: row.containers })} ·{' '}
                          {t('ovArtPodRestarts', { n: num(row.restarts) })}
                          {row.namespace ? ` · ${row.namespace}` : ''}
                        </span>
                      </button>
                    </li>
                  ))}
                  <More n={down.length - MAX_ITEMS} />
                </ul>
              )}
            </div>
          )}
          {versions.length > 0 && (
            <div className="ov-art-group">
              <h3>{t('ovArtVersions')}</h3>
              <ul className="ov-art-list">
                {versions.slice(0, MAX_ITEMS).map((v, i) => (
                  <li key={`${i}:${v.source.path}`}>
                    <button
                      type="button"
                      className="ov-art-item"
                      onClick={() => nav.openPath(v.source.path, v.source.line)}
                      title={`${v.source.path}:${v.source.line}`}
                    >
                      <span className="ov-art-main">
                        <span className="ov-art-name">{v.service ?? fileName(v.source.path)}</span>
                        <span className="ov-art-version">
                          {v.gitVersion ?? v.gitBranch ?? t('ovArtVersionUnknown')}
                        </span>
                      </span>
                      {(v.gitBranch || v.gitCommit || v.buildDate) && (
                        <span className="ov-art-sub">
                          {/* Without a tag the branch is the version line; the commit tells builds apart. */}
                          {[v.gitVersion ? v.gitBranch : v.gitCommit, v.buildDate?.slice(0, 10)]
                            .filter(Boolean)
                            .join(' · ')}
                        </span>
                      )}
                    </button>
                  </li>
                ))}
                <More n={versions.length - MAX_ITEMS} />
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}
