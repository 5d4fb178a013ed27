/**
 * Turns what the artifact readers found into findings for the artifact rules: each rule names
 * a check and its threshold; every offending item (a pod, a goroutine group, a worker pool, a
 * database, an API path) becomes one evidence line, and items of one component make one finding.
 */
import type { CaseArtifacts } from '../artifacts/artifactModel.ts';
import { goroutineSuspicions } from '../artifacts/goroutineDump.ts';
import { lineNo } from '../model.ts';
import { compareFindings, makeFinding, type Evidence, type Finding } from './finding.ts';
import type { ArtifactCheck, CompiledRule } from './ruleSpec.ts';

/** Default threshold of each check when the rule gives no `min`. */
export const CHECK_DEFAULTS: Record<ArtifactCheck, number> = {
  'goroutine-pile-up': 10,
  'goroutine-long-wait': 10,
  'pod-not-running': 0,
  'pod-restarts': 5,
  'pod-not-ready': 0,
  'worker-pool-saturated': 1,
  'worker-queue-backlog': 100,
  'db-connections-at-limit': 90,
  'db-connection-waits': 1000,
  'api-slow': 1000,
  'api-errors': 1,
};

interface Hit {
  path: string;
  line: number;
  text: string;
}

/** The offending items of one check over all artifacts. */
export function checkArtifacts(artifacts: CaseArtifacts, check: ArtifactCheck, min = CHECK_DEFAULTS[check]): Hit[] {
  const hits: Hit[] = [];
  switch (check) {
    case 'goroutine-pile-up':
    case 'goroutine-long-wait':
      for (const dump of artifacts.goroutines) {
        const found =
          check === 'goroutine-pile-up'
            ? goroutineSuspicions(dump.groups, min, Infinity)
            : goroutineSuspicions(dump.groups, Infinity, min);
        for (const s of found) {
          const text =
            s.kind === 'pile-up'
              ? `${s.count} of ${dump.total} goroutines parked in ${s.frame}${s.state ? ` [${s.state}]` : ''}`
              : `${s.count} goroutine(s) in ${s.frame} [${s.state ?? '?'}, ${s.waitMinutes} minutes]`;
          hits.push({ path: dump.source.path, line: dump.source.line, text });
        }
      }
      break;
    case 'pod-not-running':
    case 'pod-restarts':
    case 'pod-not-ready':
      for (const table of artifacts.pods) {
        const rows =
          check === 'pod-not-running'
            ? table.notRunning
            : check === 'pod-not-ready'
              ? table.notReady
              : table.pods.filter((p) => p.restarts >= min);
        for (const pod of rows) {
          hits.push({
            path: table.source.path,
            line: pod.line,
            text: `${pod.namespace ? `${pod.namespace}/` : ''}${pod.name} ${pod.ready}/${pod.containers} ${pod.status}, ${pod.restarts} restarts, age ${pod.age}`,
          });
        }
      }
      break;
    case 'worker-pool-saturated':
    case 'worker-queue-backlog':
      for (const stats of artifacts.stats) {
        for (const w of stats.workers) {
          const bad =
            check === 'worker-pool-saturated' ? w.max > 0 && w.active >= w.max && w.queue >= min : w.queue >= min;
          if (bad)
            hits.push({
              path: stats.source.path,
              line: stats.source.line,
              text: `${stats.service ?? 'service'} worker pool ${w.name}: ${w.active}/${w.max} active, ${w.queue} queued`,
            });
        }
      }
      break;
    case 'db-connections-at-limit':
    case 'db-connection-waits':
      for (const stats of artifacts.stats) {
        for (const db of stats.databases) {
          const bad =
            check === 'db-connections-at-limit'
              ? db.maxOpen > 0 && (db.inUse * 100) / db.maxOpen >= min
              : (db.waitCount ?? 0) >= min;
          const name = `${stats.service ?? 'service'} database${db.name ? ` ${db.name}` : ''}`;
          if (bad)
            hits.push({
              path: stats.source.path,
              line: stats.source.line,
              text: `${name}: ${db.inUse} in use of ${db.maxOpen} max (${db.open} open), ${db.waitCount ?? 0} waits`,
            });
        }
      }
      break;
    case 'api-slow':
    case 'api-errors':
      for (const stats of artifacts.stats) {
        for (const api of stats.api) {
          const bad =
            check === 'api-slow' ? api.avgMs !== null && api.avgMs >= min : api.errors !== null && api.errors >= min;
          const what = check === 'api-slow' ? `average ${Math.round(api.avgMs ?? 0)} ms` : `${api.errors} errors`;
          if (bad)
            hits.push({
              path: stats.source.path,
              line: stats.source.line,
              text: `${stats.service ?? 'service'} ${api.method ?? ''} ${api.path}: ${what} over ${api.count} requests`.replace(
                / {2,}/g,
                ' ',
              ),
            });
        }
      }
      break;
  }
  return hits;
}

/** Findings of the artifact rules; `componentOf` classifies a bundle path. */
export function artifactFindings(
  artifacts: CaseArtifacts,
  rules: readonly CompiledRule[],
  componentOf: (path: string) => { module: string; component: string },
  evidence = 5,
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const artifact = rule.spec.artifact;
    if (!artifact) continue;
    const byComponent = new Map<string, { module: string; component: string; hits: Hit[] }>();
    for (const hit of checkArtifacts(artifacts, artifact.check, artifact.min)) {
      const c = componentOf(hit.path);
      const key = `${c.module}/${c.component}`;
      const group = byComponent.get(key) ?? { ...c, hits: [] };
      group.hits.push(hit);
      byComponent.set(key, group);
    }
    for (const group of byComponent.values()) {
      if (group.hits.length < rule.minCount) continue;
      const spec = rule.spec;
      const level = spec.severity === 'info' ? 'info' : spec.severity === 'warning' ? 'warning' : 'error';
      findings.push(
        makeFinding(spec, {
          module: group.module,
          component: group.component,
          count: group.hits.length,
          firstTime: null,
          lastTime: null,
          evidence: group.hits
            .slice(0, evidence)
            .map((h): Evidence => ({ path: h.path, line: lineNo(h.line), text: h.text, time: null, level, event: -1 })),
          requestIds: [],
          query: null,
        }),
      );
    }
  }
  return findings.sort(compareFindings);
}
