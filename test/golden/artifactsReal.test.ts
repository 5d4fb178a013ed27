// The artifact parsers on the real public dumps and tables in ../shared/realdata (read at test
// time, never copied into the project; SOURCES.md §4–5 says where each came from). Facts were
// checked by reading the files and are asserted explicitly; the whole parsed result of each file
// is also compared with test/golden/expected/artifacts/<file name>.json. To rewrite those after a
// deliberate change, run with TARSIER_UPDATE_ARTIFACTS=1 and READ the diff before keeping it.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GoroutineDump, PodsTable } from '../../src/shared/artifacts/artifactModel.ts';
import { findGoroutineDumpStart, parseGoroutineDump } from '../../src/shared/artifacts/goroutineDump.ts';
import { isPodsTableHeader, parsePodsTable } from '../../src/shared/artifacts/podsTable.ts';
import { GOLDEN_DIR, REALDATA_DIR, splitLines } from './goldenSupport.ts';
import { describeRealdata } from './realdataSuite.ts';

const EXPECTED_DIR = join(GOLDEN_DIR, 'expected', 'artifacts');
const UPDATE = process.env.TARSIER_UPDATE_ARTIFACTS === '1';
const missing = `no real data at ${REALDATA_DIR}: set TARSIER_REALDATA to the shared realdata folder`;

const linesOf = (path: string): string[] => {
  const full = join(REALDATA_DIR, path);
  if (!existsSync(full)) throw new Error(`${missing} (${path} not found)`);
  return splitLines(readFileSync(full, 'utf8'));
};

/** Every dump in the file, each scan resuming after the previous dump's last line. */
function dumpsIn(path: string): GoroutineDump[] {
  const lines = linesOf(path);
  const dumps: GoroutineDump[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (findGoroutineDumpStart(lines[index]) < 0) continue;
    const dump = parseGoroutineDump(lines, index, { path, line: index + 1 });
    if (!dump) continue;
    dumps.push(dump);
    index = dump.lastLine - 1;
  }
  return dumps;
}

function podsIn(path: string): PodsTable[] {
  const lines = linesOf(path);
  const tables: PodsTable[] = [];
  lines.forEach((line, index) => {
    const table = isPodsTableHeader(line) ? parsePodsTable(lines, index, { path, line: index + 1 }) : null;
    if (table) tables.push(table);
  });
  return tables;
}

/** Compares with (or, when updating, writes) the expected JSON of one real file. */
function expectGolden(fileName: string, actual: unknown): void {
  const file = join(EXPECTED_DIR, `${fileName}.json`);
  if (UPDATE) {
    mkdirSync(EXPECTED_DIR, { recursive: true });
    writeFileSync(file, JSON.stringify(actual, null, 2) + '\n');
  }
  expect(existsSync(file), `${file} missing: run with TARSIER_UPDATE_ARTIFACTS=1 and check it by hand`).toBe(true);
  expect(actual).toEqual(JSON.parse(readFileSync(file, 'utf8')));
}

const GOROUTINE_FILES = existsSync(join(REALDATA_DIR, 'goroutines'))
  ? readdirSync(join(REALDATA_DIR, 'goroutines'))
      .filter((name) => name.endsWith('.txt'))
      .sort()
  : [];
const PODS_FILE = 'k8s/kubectl_get_pods_onecloud_cloudpods_docs.txt';
const REGION_LOG = 'cloudpods/region_log_with_goroutine_profile_debug1.log';

describeRealdata('artifact parsers on real files', () => {
  // A missing folder is a failure, not a skip: CI and every developer have ../shared.
  it('the real data is there', () => {
    expect(existsSync(REALDATA_DIR), missing).toBe(true);
    expect(GOROUTINE_FILES).toHaveLength(6);
  });

  describe('golden snapshots', () => {
    for (const name of GOROUTINE_FILES) {
      it(`goroutines/${name}`, () => expectGolden(name, dumpsIn(`goroutines/${name}`)));
    }
    it(PODS_FILE, () => expectGolden('kubectl_get_pods_onecloud_cloudpods_docs.txt', podsIn(PODS_FILE)));
    it(REGION_LOG, () => expectGolden('region_log_with_goroutine_profile_debug1.log', dumpsIn(REGION_LOG)));
  });

  it('Cloudpods region profile: 9 of the declared 83 goroutines groups, largest first', () => {
    const [dump, ...more] = dumpsIn('goroutines/cloudpods_region_goroutine_profile_debug1.txt');
    expect(more).toEqual([]);
    expect(dump).toMatchObject({
      form: 'profile',
      total: 83,
      counted: 48,
      states: [],
      longestWaitMinutes: null,
      suspicious: [],
      lastLine: 41,
    });
    expect(dump.groups.map((group) => group.count)).toEqual([9, 8, 5, 5, 5, 5, 5, 3, 3]);
    expect(dump.groups[0].topFrame).toBe('github.com/go-sql-driver/mysql.(*mysqlConn).startWatcher.func1');
    // The grpc read group is the one with a full stack (15 `#` lines); the last frame line has a trailing space.
    expect(dump.groups.find((group) => group.frames.length === 15)?.frames.at(-1)).toBe(
      'go.etcd.io/etcd/client/v3.(*watchGrpcStream).serveWatchClient',
    );
    expect(dump.groups.at(-1)?.frames).toEqual([
      'yunion.io/x/onecloud/pkg/cloudcommon/etcd.(*SEtcdClient).startSession.func1',
    ]);
  });

  it('the same profile embedded in the region log starts after the 3 log lines and runs to the last frame', () => {
    const lines = linesOf(REGION_LOG);
    const starts = lines
      .map((line, index) => (findGoroutineDumpStart(line) >= 0 ? index + 1 : 0))
      .filter((line) => line > 0);
    expect(starts).toEqual([4]);
    const [dump] = dumpsIn(REGION_LOG);
    expect(dump.source).toEqual({ path: REGION_LOG, line: 4 });
    expect(dump.lastLine).toBe(44);
    const standalone = dumpsIn('goroutines/cloudpods_region_goroutine_profile_debug1.txt')[0];
    expect(dump.groups).toEqual(standalone.groups);
  });

  it('felixge debug=1: `# labels:` lines skipped, total 10 in 9 groups', () => {
    const [dump] = dumpsIn('goroutines/felixge_pprof_goroutine_debug1.txt');
    expect(dump).toMatchObject({ form: 'profile', total: 10, counted: 10, lastLine: 76 });
    expect(dump.groups).toHaveLength(9);
    expect(dump.groups[0]).toMatchObject({
      count: 2,
      topFrame: 'main.shortSleepLoop',
      frames: ['time.Sleep', 'main.shortSleepLoop'],
    });
  });

  it('felixge debug=2: 10 goroutines, their states and `1 minutes` waits', () => {
    const [dump, ...more] = dumpsIn('goroutines/felixge_pprof_goroutine_debug2.txt');
    expect(more).toEqual([]);
    expect(dump).toMatchObject({
      form: 'traceback',
      total: 10,
      counted: 10,
      longestWaitMinutes: 1,
      suspicious: [],
      lastLine: 153,
    });
    expect(dump.states).toEqual([
      { state: 'IO wait', count: 3 },
      { state: 'sleep', count: 3 },
      { state: 'select', count: 2 },
      { state: 'chan receive', count: 1 },
      { state: 'running', count: 1 },
    ]);
    // goroutines 22 and 4 share main.shortSleepLoop; 5 is main.sleepLoop: same top frame, two groups.
    const sleeps = dump.groups.filter((group) => group.state === 'sleep');
    expect(sleeps.map((group) => [group.count, group.waitMinutes, group.sampleIds, group.frames.at(-1)])).toEqual([
      [2, 1, [22, 4], 'main.shortSleepLoop'],
      [1, 1, [5], 'main.sleepLoop'],
    ]);
    expect(dump.groups.find((group) => group.sampleIds.includes(3))).toMatchObject({
      state: 'IO wait',
      waitMinutes: 1,
      topFrame: 'net.(*netFD).accept',
      createdBy: 'main.main',
    });
    expect(dump.groups.find((group) => group.state === 'running')).toMatchObject({
      topFrame: 'runtime/pprof.writeGoroutineStacks',
      createdBy: 'net/http.(*Server).Serve',
    });
  });

  it('runtime.Stack then SIGQUIT: the glued header starts the first dump, the crash dump is the second', () => {
    const dumps = dumpsIn('goroutines/felixge_runtime_stack.txt');
    expect(dumps.map((dump) => [dump.source.line, dump.lastLine, dump.counted])).toEqual([
      [3, 35, 5],
      [41, 115, 6],
    ]);
    expect(dumps[0].groups.map((group) => [group.count, group.state, group.topFrame, group.sampleIds])).toEqual([
      [3, 'sleep', 'main.sleepLoop', [18, 19, 22]],
      [1, 'chan receive', 'main.chanReceiveForever', [20]],
      [1, 'running', 'main.main', [1]],
    ]);
    // The crash dump: goroutine 0 [idle] is all runtime frames, registers run to `exit status 2`.
    expect(dumps[1].groups.find((group) => group.state === 'idle')).toMatchObject({
      topFrame: 'runtime.pthread_cond_wait',
      sampleIds: [0],
    });
    expect(dumps[1].longestWaitMinutes).toBe(4);
  });

  it('golang/go#22398: 4 goroutines in chan receive, two of them for 315 minutes', () => {
    const [dump] = dumpsIn('goroutines/golang_go_issue22398_excerpt_debug2.txt');
    expect(dump).toMatchObject({
      counted: 4,
      states: [{ state: 'chan receive', count: 4 }],
      longestWaitMinutes: 315,
      lastLine: 23,
    });
    expect(dump.suspicious).toEqual([
      {
        kind: 'long-wait',
        frame: 'golang/spam.reloadBayesData.func1',
        count: 2,
        waitMinutes: 315,
        state: 'chan receive',
      },
    ]);
    expect(dump.groups.map((group) => [group.topFrame, group.createdBy, group.sampleIds])).toEqual([
      ['golang/spam.listenFile.func1', 'golang/spam.listenFile', [34, 35]],
      ['golang/spam.reloadBayesData.func1', 'golang/spam.reloadBayesData', [15, 16]],
    ]);
  });

  it('podman GOTRACEBACK=crash: the gp= header, fp/sp/pc lines and `created by … in goroutine 1`', () => {
    const [dump] = dumpsIn('goroutines/podman_container-libs_issue1178_excerpt_gotraceback_crash.txt');
    expect(dump.lastLine).toBe(13);
    expect(dump.groups).toEqual([
      {
        count: 1,
        state: 'cleanup wait',
        waitMinutes: 1,
        frames: [
          'runtime.gopark',
          'runtime.goparkunlock',
          'runtime.(*cleanupQueue).dequeue',
          'runtime.runCleanups',
          'runtime.goexit',
        ],
        topFrame: 'runtime.gopark',
        createdBy: 'runtime.(*cleanupQueue).createGs',
        sampleIds: [20],
      },
    ]);
  });

  it('kubectl get pods (Cloudpods docs): 48 pods, one CrashLoopBackOff, every Running pod fully ready', () => {
    const [table, ...more] = podsIn(PODS_FILE);
    expect(more).toEqual([]);
    expect(table.pods).toHaveLength(48);
    expect(table.lastLine).toBe(49);
    expect(table.notRunning).toEqual([
      {
        namespace: null,
        name: 'onecloud-operator-c79f98c6c-lndnb',
        ready: 0,
        containers: 1,
        status: 'CrashLoopBackOff',
        restarts: 73,
        age: '10h',
        line: 49,
      },
    ]);
    expect(table.notReady).toEqual([]);
    expect(table.pods.filter((pod) => pod.restarts > 0).map((pod) => [pod.name, pod.restarts, pod.line])).toEqual([
      ['default-host-image-72wdn', 13, 21],
      ['default-scheduler-69589964c8-br265', 1, 39],
      ['default-web-849dc55988-bxlws', 1, 45],
      ['onecloud-operator-c79f98c6c-lndnb', 73, 49],
    ]);
    expect(table.pods.find((pod) => pod.name === 'default-notify-67dd949bd4-fpcdf')).toMatchObject({
      ready: 11,
      containers: 11,
    });
  });
});
