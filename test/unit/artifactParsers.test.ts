// The artifact parsers of src/shared/artifacts on synthetic edge cases, on what the bundle
// generator plants (goroutine profile, kubectl table, region version JSON), and fast-check
// properties that the line-block parsers never throw and never report a block ending before it
// starts. Real dumps and tables are in test/golden/artifactsReal.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findGoroutineDumpStart, parseGoroutineDump } from '../../src/shared/artifacts/goroutineDump.ts';
import { ageSeconds, isPodsTableHeader, parsePodsTable } from '../../src/shared/artifacts/podsTable.ts';
import { parseServiceStats } from '../../src/shared/artifacts/serviceStats.ts';
import { findVersionBlock, parseVersionJson, versionFromFileName } from '../../src/shared/artifacts/versionInfo.ts';
import { kubectlGetPods, REGION_VERSION_JSON } from '../fixtures/fixedContent.ts';
import { goroutineDumpDebug2, goroutineProfileDebug1 } from '../fixtures/incidents.ts';
import { Rng } from '../fixtures/random.ts';

const at = (line: number) => ({ path: 'bundle/region.log', line });

/** A traceback block: header, then `function(args)` + `\tfile:line +0x..` per frame, then created-by. */
const block = (header: string, frames: string[], createdBy?: string): string[] => [
  header,
  ...frames.flatMap((frame) => [`${frame}(0xc000123456, 0x1)`, `\t/go/src/${frame.split('.')[0]}/file.go:42 +0x1f`]),
  ...(createdBy ? [`created by ${createdBy}`, '\t/go/src/main.go:10 +0x35'] : []),
  '',
];

describe('findGoroutineDumpStart', () => {
  it('finds both header forms, the gp= form and a header glued to text before it', () => {
    expect(findGoroutineDumpStart('goroutine 1 [running]:')).toBe(0);
    expect(findGoroutineDumpStart('goroutine profile: total 83')).toBe(0);
    expect(findGoroutineDumpStart('goroutine 20 gp=0x29b34e9fc780 m=nil [cleanup wait, 1 minutes]:')).toBe(0);
    expect(findGoroutineDumpStart('goroutine 1 gp=0xc000002380 m=0 mp=0x1c8e3a0 [running]:')).toBe(0);
    const glued = '1m10s has passed, dumping all stacksgoroutine 1 [running]:';
    expect(findGoroutineDumpStart(glued)).toBe(glued.indexOf('goroutine'));
  });

  it('ignores log text that only mentions goroutines', () => {
    expect(findGoroutineDumpStart('[info 220331 03:30:29 x.go:1] goroutine 5 [running]: happened')).toBe(-1);
    expect(findGoroutineDumpStart('leaked goroutine count: 12')).toBe(-1);
    expect(findGoroutineDumpStart('')).toBe(-1);
  });
});

describe('parseGoroutineDump: traceback form', () => {
  it('reads states, minutes, frames without arguments, created-by, and groups identical stacks', () => {
    const lines = [
      ...block('goroutine 15 [chan receive, 315 minutes]:', ['spam.reload.func1'], 'spam.reload'),
      ...block('goroutine 16 [chan receive, 20 minutes]:', ['spam.reload.func1'], 'spam.reload'),
      ...block('goroutine 7 [syscall, 3 minutes, locked to thread]:', ['runtime.cgocall', 'main.loop']),
      'goroutine 1 [running]:',
      'main.main()',
      '\t/go/src/main.go:5 +0x1d',
      'runtime.goexit({})',
      '\t/usr/lib/go/src/runtime/asm_amd64.s:1700 +0x1',
    ];
    const dump = parseGoroutineDump(lines, 0, at(100));
    expect(dump).not.toBeNull();
    if (!dump) return;
    expect(dump.form).toBe('traceback');
    expect([dump.total, dump.counted]).toEqual([4, 4]);
    expect(dump.lastLine).toBe(100 + lines.length - 1);
    expect(dump.groups.map((g) => [g.count, g.state, g.waitMinutes, g.topFrame, g.createdBy, g.sampleIds])).toEqual([
      [2, 'chan receive', 315, 'spam.reload.func1', 'spam.reload', [15, 16]],
      [1, 'syscall', 3, 'main.loop', null, [7]],
      [1, 'running', null, 'main.main', null, [1]],
    ]);
    expect(dump.groups[2].frames).toEqual(['main.main', 'runtime.goexit']);
    expect(dump.states).toEqual([
      { state: 'chan receive', count: 2 },
      { state: 'running', count: 1 },
      { state: 'syscall', count: 1 },
    ]);
    expect(dump.longestWaitMinutes).toBe(315);
    expect(dump.suspicious).toEqual([
      { kind: 'long-wait', frame: 'spam.reload.func1', count: 2, waitMinutes: 315, state: 'chan receive' },
    ]);
  });

  it('reads the Go ≥ 1.23 gp= header, fp/sp/pc file lines, `(...)` arguments and `created by … in goroutine N`', () => {
    const lines = [
      'goroutine 20 gp=0x29b34e9fc780 m=nil [cleanup wait, 1 minutes]:',
      'runtime.gopark(0x0?, 0x0?, 0x0?)',
      '\t/usr/lib/golang/src/runtime/proc.go:474 +0xca fp=0x29b34e823768 sp=0x29b34e823748 pc=0x1adf72a',
      'runtime.goparkunlock(...)',
      '\t/usr/lib/golang/src/runtime/proc.go:480',
      'net/http.(*conn).serve(0xc0000c6320, {0x14ed4a0, 0xc000322000})',
      '\t/usr/lib/go/src/net/http/server.go:1925 +0x8ad',
      'created by runtime.(*cleanupQueue).createGs in goroutine 1',
      '\t/usr/lib/golang/src/runtime/mcleanup.go:672 +0xa5',
    ];
    const dump = parseGoroutineDump(lines, 0, at(1));
    expect(dump?.groups).toEqual([
      {
        count: 1,
        state: 'cleanup wait',
        waitMinutes: 1,
        frames: ['runtime.gopark', 'runtime.goparkunlock', 'net/http.(*conn).serve'],
        topFrame: 'net/http.(*conn).serve',
        createdBy: 'runtime.(*cleanupQueue).createGs',
        sampleIds: [20],
      },
    ]);
  });

  it('starts at a glued header and ends at the first log line, without trailing blank lines', () => {
    const lines = [
      'sleeping, dumping all stacksgoroutine 1 [running]:',
      'main.main()',
      '\t/x/main.go:26 +0x228',
      '',
      'goroutine 18 [sleep, 1 minutes]:',
      'time.Sleep(0x104c533c00)',
      '\t/usr/local/go/src/runtime/time.go:188 +0xbf',
      '',
      '',
      '[info 220331 03:30:29 appsrv.(*Application).ServeHTTP(appsrv.go:246)] 200 GET /servers',
    ];
    const dump = parseGoroutineDump(lines, 0, at(3));
    expect(dump?.counted).toBe(2);
    expect(dump?.lastLine).toBe(3 + 6);
    const withDate = [...lines.slice(0, 8), '2025-09-18 16:24:31.217 12345 INFO porter.api [-] started'];
    expect(parseGoroutineDump(withDate, 0, at(1))?.lastLine).toBe(7);
  });

  it('keeps register dumps, elided frames and `runtime stack:` inside a crash dump', () => {
    const lines = [
      'goroutine 0 [idle]:',
      'runtime.pthread_cond_wait(0x1172620)',
      '\t/usr/local/go/src/runtime/sys_darwin.go:414 +0x39',
      '...additional frames elided...',
      '',
      'runtime stack:',
      'runtime.throw({0x1, 0x2})',
      '\t/usr/local/go/src/runtime/panic.go:1117 +0x72',
      '',
      'goroutine 1 [chan receive, 3 minutes]:',
      'main.chanReceiveForever(...)',
      '\t/x/main.go:43',
      '',
      'rax    0x104',
      'rflags 0x203',
      'exit status 2',
    ];
    const dump = parseGoroutineDump(lines, 0, at(41));
    expect(dump?.lastLine).toBe(41 + 14);
    expect(dump?.groups.map((g) => [g.topFrame, g.frames])).toEqual([
      ['main.chanReceiveForever', ['main.chanReceiveForever']],
      ['runtime.pthread_cond_wait', ['runtime.pthread_cond_wait']],
    ]);
  });

  it('reports pile-ups of blocked goroutines, summing groups that share a top frame, but not running ones', () => {
    const lines: string[] = [];
    for (let id = 1; id <= 6; id++)
      lines.push(
        ...block(`goroutine ${id} [semacquire, ${id} minutes]:`, [
          'sync.runtime_SemacquireMutex',
          'lockman.LockKey',
          'models.A',
        ]),
      );
    for (let id = 7; id <= 12; id++)
      lines.push(
        ...block(`goroutine ${id} [semacquire]:`, ['sync.runtime_SemacquireMutex', 'lockman.LockKey', 'models.B']),
      );
    for (let id = 13; id <= 30; id++) lines.push(...block(`goroutine ${id} [running]:`, ['main.work']));
    const dump = parseGoroutineDump(lines, 0, at(1));
    expect(dump?.suspicious).toEqual([
      { kind: 'pile-up', frame: 'lockman.LockKey', count: 12, waitMinutes: 6, state: 'semacquire' },
    ]);
    expect(parseGoroutineDump(lines, 0, at(1), { pileUp: 13, longWaitMinutes: 5 })?.suspicious).toEqual([
      { kind: 'long-wait', frame: 'lockman.LockKey', count: 6, waitMinutes: 6, state: 'semacquire' },
    ]);
  });

  it('returns null for a header with nothing parseable after it, or no header at all', () => {
    expect(parseGoroutineDump(['goroutine 1 [running]:'], 0, at(1))).toBeNull();
    expect(
      parseGoroutineDump(['goroutine 1 [running]:', '[info 220331 03:30:29 x.go:1] next record'], 0, at(1)),
    ).toBeNull();
    expect(parseGoroutineDump(['goroutine profile: total 3', '', 'plain text'], 0, at(1))).toBeNull();
    expect(parseGoroutineDump(['no dump here'], 0, at(1))).toBeNull();
    expect(parseGoroutineDump([], 0, at(1))).toBeNull();
    expect(parseGoroutineDump(['x'], 5, at(1))).toBeNull();
  });
});

describe('parseGoroutineDump: profile form', () => {
  it('reads the declared total, `N @` groups, `#` frames without offsets, and skips `# labels:`', () => {
    const lines = [
      '[info 220331 03:30:30 appsrv.go:246] 200 PUT /storages/1 53.49ms',
      'goroutine profile: total 10',
      '2 @ 0x103b125 0x106cd1f 0x13ac44a 0x106fd81',
      '# labels: {"test_label":"test_value"}',
      '#\t0x106cd1e\ttime.Sleep+0xbe\t\t\t/usr/local/go/src/runtime/time.go:188',
      '#\t0x13ac449\tmain.shortSleepLoop+0x29\t/x/main.go:165',
      '',
      '1 @ 0x103b125 0x106a1d5 0x106fd81',
      '#\t0x106a1d4\tinternal/poll.runtime_pollWait+0x54\t\t/usr/local/go/src/runtime/netpoll.go:222',
      '#\t0x10d8184\tnet/http.(*persistConn).Read+0x44\t\t/usr/local/go/src/net/http/transport.go:1887 ',
      '',
      '2025-09-18 16:24:31.217 next record',
    ];
    const dump = parseGoroutineDump(lines, 1, at(2));
    expect(dump).toMatchObject({
      form: 'profile',
      total: 10,
      counted: 3,
      states: [],
      longestWaitMinutes: null,
      suspicious: [],
      lastLine: 10,
    });
    expect(dump?.groups.map((g) => [g.count, g.state, g.topFrame, g.frames, g.sampleIds])).toEqual([
      [2, null, 'main.shortSleepLoop', ['time.Sleep', 'main.shortSleepLoop'], []],
      [1, null, 'net/http.(*persistConn).Read', ['internal/poll.runtime_pollWait', 'net/http.(*persistConn).Read'], []],
    ]);
  });

  it('counts any large profile group as a pile-up (the profile does not say the state)', () => {
    const lines = [
      'goroutine profile: total 400',
      '353 @ 0x43c425 0x472521',
      '#\t0xe37aeb\tsync.runtime_SemacquireMutex+0x22b\t/usr/lib/go/src/runtime/sema.go:71',
      '#\t0x79c02d\tlockman.LockKey+0x13a\t/x/lockman.go:138',
    ];
    expect(parseGoroutineDump(lines, 0, at(1))?.suspicious).toEqual([
      { kind: 'pile-up', frame: 'lockman.LockKey', count: 353, waitMinutes: null, state: null },
    ]);
  });
});

describe('what the bundle generator plants', () => {
  it('goroutineProfileDebug1: the declared total, every `N @` group and the two planted pile-ups', () => {
    const lines = goroutineProfileDebug1(new Rng(20250918), true);
    const dump = parseGoroutineDump(lines, 0, at(1));
    const planted = lines.filter((line) => / @ 0x/.test(line)).map((line) => Number(line.split(' ')[0]));
    expect(dump?.total).toBe(Number(/total (\d+)/.exec(lines[0])?.[1]));
    expect(dump?.groups.map((g) => g.count)).toEqual(planted);
    expect(dump?.counted).toBe(planted.reduce((a, b) => a + b, 0));
    expect(dump?.suspicious.map((s) => [s.kind, s.frame, s.count])).toEqual([
      ['pile-up', 'yunion.io/x/onecloud/pkg/cloudcommon/db/lockman.(*SInMemoryLockManager).LockKey', planted[0]],
      ['pile-up', 'database/sql.(*DB).conn', planted[1]],
    ]);
  });

  it('goroutineDumpDebug2: every planted goroutine is counted and the 1411-minute select is the longest wait', () => {
    const lines = goroutineDumpDebug2(new Rng(7));
    const dump = parseGoroutineDump(lines, 0, at(1));
    expect(dump?.counted).toBe(lines.filter((line) => line.startsWith('goroutine ')).length);
    expect(dump?.lastLine).toBe(lines.length - 1);
    expect(dump?.longestWaitMinutes).toBeGreaterThanOrEqual(1411);
  });

  it('kubectlGetPods: 33 pods, the CrashLoopBackOff row and the `13 (47m ago)` restarts where the generator put them', () => {
    const { lines, crashLoopLine, restartsLine } = kubectlGetPods();
    const table = parsePodsTable(lines, 0, { path: 'cloudpods/kubectl_get_pods.txt', line: 1 });
    expect(table?.pods).toHaveLength(lines.length - 1);
    expect(table?.notRunning.map((p) => [p.name, p.status, p.restarts, p.line])).toEqual([
      ['onecloud-operator-c79f98c6c-lndnb', 'CrashLoopBackOff', 73, crashLoopLine],
    ]);
    expect(table?.pods.find((p) => p.line === restartsLine)).toMatchObject({
      name: 'default-host-image-72wdn',
      restarts: 13,
      age: '34d',
    });
    expect(table?.notReady).toEqual([]);
  });

  it('REGION_VERSION_JSON: the region -v output', () => {
    expect(parseVersionJson(REGION_VERSION_JSON, at(1), 'region')).toEqual({
      source: at(1),
      service: 'region',
      gitVersion: 'v3.8.8-20220330.0',
      gitBranch: 'release/3.8',
      gitCommit: '8b24ebdac',
      buildDate: '2022-03-30T14:53:38Z',
      goVersion: 'go1.15.15',
      platform: 'linux/amd64',
      from: 'output',
    });
  });
});

const HEADER = 'NAME                                READY   STATUS                  RESTARTS       AGE';
const row = (name: string, ready: string, status: string, restarts: string, age: string) =>
  `${name.padEnd(36)}${ready.padEnd(8)}${status.padEnd(24)}${restarts.padEnd(15)}${age}`;

describe('kubectl get pods tables', () => {
  it('recognises the header, with NAMESPACE first or wide columns after AGE', () => {
    expect(isPodsTableHeader(HEADER)).toBe(true);
    expect(isPodsTableHeader('NAMESPACE   NAME   READY   STATUS   RESTARTS   AGE')).toBe(true);
    expect(
      isPodsTableHeader('NAME   READY   STATUS   RESTARTS   AGE   IP   NODE   NOMINATED NODE   READINESS GATES'),
    ).toBe(true);
    expect(isPodsTableHeader('NAME READY STATUS RESTARTS AGE')).toBe(false);
    expect(isPodsTableHeader('NAME   READY   STATUS   AGE')).toBe(false);
    expect(isPodsTableHeader('NAME       TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE')).toBe(false);
  });

  it('reads every status, `5 (3m ago)` restarts and 1-based lines, and stops at a blank line', () => {
    const lines = [
      HEADER,
      row('api-0', '1/1', 'Running', '5 (3m ago)', '10h'),
      row('api-1', '1/2', 'Running', '0', '2m14s'),
      row('init-0', '0/1', 'Init:0/1', '0', '5m'),
      row('init-1', '0/1', 'Init:CrashLoopBackOff', '12 (1m2s ago)', '1d'),
      row('crash-0', '0/1', 'CrashLoopBackOff', '73', '10h'),
      row('job-0', '0/1', 'Completed', '0', '96d'),
      row('pull-0', '0/1', 'ImagePullBackOff', '0', '3y120d'),
      row('oom-0', '0/1', 'OOMKilled', '4', '1h'),
      row('new-0', '0/1', 'ContainerCreating', '0', '<unknown>'),
      row('gone-0', '0/1', 'Evicted', '0', '2d'),
      '',
      row('after-blank', '1/1', 'Running', '0', '1h'),
    ];
    const table = parsePodsTable(lines, 0, at(20));
    expect(table?.pods.map((p) => [p.name, p.ready, p.containers, p.status, p.restarts, p.age, p.line])).toEqual([
      ['api-0', 1, 1, 'Running', 5, '10h', 21],
      ['api-1', 1, 2, 'Running', 0, '2m14s', 22],
      ['init-0', 0, 1, 'Init:0/1', 0, '5m', 23],
      ['init-1', 0, 1, 'Init:CrashLoopBackOff', 12, '1d', 24],
      ['crash-0', 0, 1, 'CrashLoopBackOff', 73, '10h', 25],
      ['job-0', 0, 1, 'Completed', 0, '96d', 26],
      ['pull-0', 0, 1, 'ImagePullBackOff', 0, '3y120d', 27],
      ['oom-0', 0, 1, 'OOMKilled', 4, '1h', 28],
      ['new-0', 0, 1, 'ContainerCreating', 0, '<unknown>', 29],
      ['gone-0', 0, 1, 'Evicted', 0, '2d', 30],
    ]);
    // init-0 has been starting for 5 minutes only: a rollout's normal state, not a problem.
    expect(table?.notRunning.map((p) => p.name)).toEqual(['init-1', 'crash-0', 'pull-0', 'oom-0', 'new-0', 'gone-0']);
    expect(table?.notReady.map((p) => p.name)).toEqual(['api-1']);
    expect(table?.lastLine).toBe(30);
  });

  it('reads the NAMESPACE column and stops at a shell prompt or a log line', () => {
    const lines = [
      'NAMESPACE     NAME                      READY   STATUS        RESTARTS   AGE   IP            NODE',
      'onecloud      default-region-65f4b445   1/1     Running       0          10h   10.40.1.2     node-1',
      'kube-system   coredns-74ff55c5b-abcde   0/1     Terminating   2          34d   10.40.1.3     node-2',
      '$ kubectl logs default-region-65f4b445',
      'onecloud      default-web-849dc55988    1/1     Running       0          10h   10.40.1.4     node-1',
    ];
    const table = parsePodsTable(lines, 0, at(1));
    expect(table?.pods.map((p) => [p.namespace, p.name, p.status, p.restarts])).toEqual([
      ['onecloud', 'default-region-65f4b445', 'Running', 0],
      ['kube-system', 'coredns-74ff55c5b-abcde', 'Terminating', 2],
    ]);
    const withLog = [
      HEADER,
      row('a', '1/1', 'Running', '0', '1h'),
      '[info 220331 03:30:29 appsrv.go:246] 200 GET /servers',
      row('b', '1/1', 'Running', '0', '1h'),
    ];
    expect(parsePodsTable(withLog, 0, at(1))?.pods.map((p) => p.name)).toEqual(['a']);
  });

  it('returns null without a header or without rows', () => {
    expect(parsePodsTable(['No resources found in onecloud namespace.'], 0, at(1))).toBeNull();
    expect(parsePodsTable([HEADER, ''], 0, at(1))).toBeNull();
    expect(parsePodsTable([HEADER], 3, at(1))).toBeNull();
  });
});

describe('version output', () => {
  it('accepts `{"version": …}` with build facts, and refuses JSON that is not version output', () => {
    const info = parseVersionJson(
      '{"version": "v3.8.8", "buildDate": "2022-03-30", "goVersion": "go1.15.15", "gitCommit": "8b24ebd"}',
      at(1),
      null,
    );
    expect(info).toMatchObject({
      gitVersion: 'v3.8.8',
      buildDate: '2022-03-30',
      goVersion: 'go1.15.15',
      gitCommit: '8b24ebd',
      gitBranch: null,
      from: 'output',
    });
    expect(parseVersionJson('{"version": 2, "services": {}}', at(1), null)).toBeNull();
    expect(parseVersionJson('{"name": "porter"}', at(1), null)).toBeNull();
    expect(parseVersionJson('[1, 2]', at(1), null)).toBeNull();
    expect(parseVersionJson('not json at all', at(1), null)).toBeNull();
    expect(parseVersionJson('\uFEFF{"gitVersion": "v4.6.0"', at(1), 'host')).toMatchObject({
      gitVersion: 'v4.6.0',
      service: 'host',
    });
  });

  it('finds a pretty-printed block in a shell transcript and names the service from the command', () => {
    const lines = [
      '[root@ctl ~]# kubectl exec -it default-region-65f4b445 -n onecloud -- bash',
      '$ /opt/yunion/bin/region -v',
      ...REGION_VERSION_JSON.split('\n'),
      '$ exit',
    ];
    const start = lines.findIndex((line) => line.includes('"gitVersion"'));
    const found = findVersionBlock(lines, start, at(10 + start), null);
    expect(found?.info).toMatchObject({
      source: at(12),
      service: 'region',
      gitVersion: 'v3.8.8-20220330.0',
      platform: 'linux/amd64',
    });
    expect(found?.lastLine).toBe(10 + lines.length - 2);
    expect(findVersionBlock(lines, start, at(10 + start), 'default-region')?.info.service).toBe('default-region');
  });

  it('reads a block that is not valid JSON pair by pair, and a block cut short', () => {
    const broken = [
      '[info 220331 03:30:29 service.go:88] version {',
      '  "gitVersion": "v3.9.1",',
      '  "gitCommit": "abc123" "buildDate": "2022-05-01",',
      '}',
    ];
    expect(findVersionBlock(broken, 1, at(2), null)).toMatchObject({
      info: { source: at(1), service: null, gitVersion: 'v3.9.1', gitCommit: 'abc123', buildDate: '2022-05-01' },
      lastLine: 4,
    });
    const cut = ['{', '  "gitVersion": "v3.9.1",', '  "goVersion": "go1.18",', '[info 220331 03:30:29 x.go:1] next'];
    expect(findVersionBlock(cut, 1, at(2), null)).toMatchObject({
      info: { gitVersion: 'v3.9.1', goVersion: 'go1.18' },
      lastLine: 3,
    });
    expect(findVersionBlock(['no version here'], 0, at(1), null)).toBeNull();
  });

  it('reads a Cloudpods /version answer, a plain string (yunion.io/x/pkg GetShortString)', () => {
    // `fmt.Sprintf("%s(%s%s)", GitBranch, GitCommit, shortDate(BuildDate))`: the date is yyMMddHH.
    expect(parseVersionJson('release/3.10(3f9d2c1ab25061208)\n', at(1), 'region')).toMatchObject({
      service: 'region',
      gitVersion: null,
      gitBranch: 'release/3.10',
      gitCommit: '3f9d2c1ab',
      buildDate: '2025-06-12 08:00',
    });
    // Older builds print no date; a JSON string answer is read the same.
    expect(parseVersionJson('"release/3.8(0d9f3c1)"', at(1), null)).toMatchObject({
      gitBranch: 'release/3.8',
      gitCommit: '0d9f3c1',
      buildDate: null,
    });
    for (const text of ['release/3.10', 'hello(world)', 'v3.10 (3f9d2c1ab)', 'release/3.10(3f9d2c1ab25061208) extra'])
      expect(parseVersionJson(text, at(1), null), text).toBeNull();
  });

  it('reads product versions from package names', () => {
    const read = (path: string) => {
      const info = versionFromFileName(path);
      return info && [info.service, info.gitVersion, info.from];
    };
    expect(read('pkgs/porter-3.2.1.tar.gz')).toEqual(['porter', '3.2.1', 'file-name']);
    expect(read('hamal_v4.6.0-20250918.rpm')).toEqual(['hamal', 'v4.6.0-20250918', 'file-name']);
    expect(read('C:\\install\\DiskSync-Agent-5.1.2.exe')).toEqual(['DiskSync-Agent', '5.1.2', 'file-name']);
    expect(read('bundle.tar.gz!/onepro-installer-v4.6.0.tar')).toEqual(['onepro-installer', 'v4.6.0', 'file-name']);
    expect(read('hamal-4.6.0-1.el7.x86_64.rpm')).toEqual(['hamal', '4.6.0-1.el7', 'file-name']);
    expect(read('egisplus-agent-6.2.1-1032.x86_64.rpm')).toEqual(['egisplus-agent', '6.2.1-1032', 'file-name']);
  });

  it('does not read rotated logs, dates or addresses as versions', () => {
    for (const path of [
      'porter-api.log.1',
      'app.log.2025-09-18',
      'vm-web01.log.3.gz',
      'logs/app-2025.09.18.tar.gz',
      'collect-2025-09-18.tar.gz',
      'sosreport-10.40.180.64.tar.gz',
      'porter.tar.gz',
      'porter-api.log-1.2.zip',
      'notes-1.2.txt',
    ]) {
      expect(versionFromFileName(path), path).toBeNull();
    }
  });
});

describe('service stats', () => {
  it('reads /worker_stats pools', () => {
    const text = JSON.stringify({
      workers: [
        {
          name: 'region-task',
          queue_cnt: 42,
          active_worker_cnt: 8,
          max_worker_cnt: 8,
          backlog: 0,
          detach_worker_cnt: 1,
          allow_overflow: false,
          db_worker: false,
        },
        { name: 'request', queue_cnt: 0, active_worker_cnt: 1, max_worker_cnt: 16 },
      ],
    });
    expect(parseServiceStats(text, at(1), 'region')).toEqual({
      source: at(1),
      service: 'region',
      api: [],
      databases: [],
      workers: [
        { name: 'region-task', active: 8, max: 8, queue: 42, backlog: 0, detached: 1 },
        { name: 'request', active: 1, max: 16, queue: 0, backlog: null, detached: null },
      ],
    });
  });

  it('reads /db_stats nested under db_stats, in nanoseconds or as a Go duration, and a list of named dbs', () => {
    const cloudpods = {
      db_stats: {
        max_open_connections: 100,
        open_connections: 100,
        in_use: 100,
        idle: 0,
        wait_count: 5230,
        wait_duration: 1_500_000_000,
        max_idle_closed: 3,
      },
    };
    expect(parseServiceStats(JSON.stringify(cloudpods), at(1), null)?.databases).toEqual([
      { name: null, maxOpen: 100, open: 100, inUse: 100, idle: 0, waitCount: 5230, waitDurationMs: 1500 },
    ]);
    const listed = {
      dbs: [
        {
          name: 'yunioncloud',
          MaxOpenConnections: 50,
          OpenConnections: 3,
          InUse: 1,
          Idle: 2,
          WaitCount: 0,
          WaitDuration: '1m2.5s',
        },
      ],
      clickhouse: { max_open_connections: 10, open_connections: 1, in_use: 0, wait_duration: '250ms' },
    };
    expect(parseServiceStats(JSON.stringify(listed), at(1), null)?.databases).toEqual([
      { name: 'yunioncloud', maxOpen: 50, open: 3, inUse: 1, idle: 2, waitCount: 0, waitDurationMs: 62_500 },
      { name: 'clickhouse', maxOpen: 10, open: 1, inUse: 0, idle: null, waitCount: null, waitDurationMs: 250 },
    ]);
  });

  it('reads the Cloudpods /stats shape: hits and total durations per status class', () => {
    const text = JSON.stringify({
      'hit.2XX': 130,
      'duration.2XX': 2600,
      paths: [
        {
          method: 'GET',
          path: '/servers',
          name: 'get_servers',
          'hit.2XX': 90,
          'duration.2XX': 1800,
          'hit.4XX': 5,
          'duration.4XX': 50,
          'hit.5XX': 5,
          'duration.5XX': 150,
        },
        {
          method: '*',
          path: '*',
          name: 'default',
          'hit.2XX': 0,
          'duration.2XX': 0,
          'hit.4XX': 0,
          'duration.4XX': 0,
          'hit.5XX': 0,
          'duration.5XX': 0,
        },
      ],
    });
    expect(parseServiceStats(text, at(1), 'region')?.api).toEqual([
      { method: 'GET', path: '/servers', count: 100, avgMs: 20, errors: 5 },
      { method: '*', path: '*', count: 0, avgMs: null, errors: 0 },
    ]);
  });

  it('reads other /stats writers: counts, average or total durations, error counts and status maps', () => {
    const text = JSON.stringify({
      data: [
        { url: '/v1/hosts', method: 'POST', hit_count: 10, avg_duration: 12.5, status_5xx: 2 },
        { path: '/v1/volumes', count: 4, duration: 100, status: { '200': 1, '502': 2, '503': 1 } },
        { path: '/v1/plans', request_count: 3, avg_ms: 7, failed_count: 1 },
      ],
    });
    expect(parseServiceStats(text, at(1), null)?.api).toEqual([
      { method: 'POST', path: '/v1/hosts', count: 10, avgMs: 12.5, errors: 2 },
      { method: null, path: '/v1/volumes', count: 4, avgMs: 25, errors: 3 },
      { method: null, path: '/v1/plans', count: 3, avgMs: 7, errors: 1 },
    ]);
  });

  it('returns null for text that is not JSON or JSON with none of the shapes', () => {
    expect(parseServiceStats('workers: 8 active', at(1), null)).toBeNull();
    expect(parseServiceStats('{"workers": [], "ok": true}', at(1), null)).toBeNull();
    expect(parseServiceStats('null', at(1), null)).toBeNull();
    expect(parseServiceStats('{"paths": [{"path": "/x"}]}', at(1), null)).toBeNull();
  });
});

describe('never throws on arbitrary lines', () => {
  // Fragments of real dump and table lines, so that random lines often look almost right.
  const fragment = fc.constantFrom(
    'goroutine 1 [running]:',
    'goroutine 7 gp=0x1 m=nil [select, 3 minutes]:',
    'goroutine profile: total 5',
    '3 @ 0x1 0x2',
    '#\t0x1\tmain.f+0x1\t/x.go:1',
    '# labels: {}',
    'main.f(0x1)',
    'a.(*T).b(...)',
    '\t/x/y.go:12 +0x1f',
    'created by main.main in goroutine 1',
    'rax    0x104',
    '',
    '(',
    ')',
    '((()',
    'NAME   READY   STATUS   RESTARTS   AGE',
    'pod-a   1/1   Running   5 (3m ago)   10h',
    '(3m',
    '[info 220331 03:30:29 x.go:1] log',
  );
  const line = fc.oneof(
    fc.string({ maxLength: 40 }),
    fragment,
    fc.array(fragment, { maxLength: 4 }).map((parts) => parts.join('')),
  );
  const lines = fc.array(line, { minLength: 1, maxLength: 30 });

  it('parseGoroutineDump', () => {
    fc.assert(
      fc.property(lines, fc.nat(35), fc.integer({ min: 1, max: 10_000 }), (input, start, first) => {
        const dump = parseGoroutineDump(input, start, at(first), { pileUp: 2, longWaitMinutes: 1 });
        if (dump === null) return;
        expect(dump.lastLine).toBeGreaterThanOrEqual(first);
        expect(dump.lastLine).toBeLessThanOrEqual(first + input.length - 1 - start);
        expect(dump.counted).toBe(dump.groups.reduce((sum, group) => sum + group.count, 0));
      }),
    );
  });

  it('parsePodsTable', () => {
    fc.assert(
      fc.property(lines, fc.nat(35), fc.integer({ min: 1, max: 10_000 }), (input, start, first) => {
        const table = parsePodsTable(input, start, at(first));
        if (table === null) return;
        expect(table.lastLine).toBeGreaterThanOrEqual(first);
        expect(table.pods.every((pod, index) => pod.line === first + 1 + index)).toBe(true);
      }),
    );
  });

  it('a single huge line of parentheses or tabs is handled without a regex blow-up', () => {
    const started = Date.now();
    for (const text of [
      'a(b)'.repeat(50_000),
      `\t${'x:1 '.repeat(50_000)}`,
      `goroutine 1 ${'k=v '.repeat(50_000)}`,
      `${'(*T).'.repeat(50_000)}f()`,
    ]) {
      expect(() => parseGoroutineDump(['goroutine 1 [running]:', text], 0, at(1))).not.toThrow();
      expect(() => findGoroutineDumpStart(text)).not.toThrow();
    }
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('pods during a rolling update (issue 16: not errors)', () => {
  it('leaves terminating pods and pods starting for under ten minutes out of notRunning', () => {
    // kubernetes/kubernetes#37955: kubectl get pods during a rolling update (names changed).
    const table = parsePodsTable(
      [
        'NAME                                   READY   STATUS              RESTARTS   AGE',
        'default-region-65f4b4445d-lqklc        1/1     Terminating         0          18m',
        'default-region-7f9c6d8b54-wq2xd        0/1     ContainerCreating   0          27s',
        'default-region-7f9c6d8b54-zt8kp        0/1     Pending             0          21s',
        'default-host-7c9d5f6b8-x2kqp           1/1     Running             0          19m',
        'default-glance-5b7d9c8f6-pq4rs         0/1     Pending             0          2h',
        'default-webconsole-6c8d7f9b5-mn3jk     0/1     Init:0/1            0          12m',
        'default-cloudmon-7d9f8c6b5-zx8wq       0/1     ImagePullBackOff    0          40s',
      ],
      0,
      { path: 'pods.txt', line: 1 },
    );
    expect(table?.notRunning.map((p) => [p.name, p.status])).toEqual([
      ['default-glance-5b7d9c8f6-pq4rs', 'Pending'],
      ['default-webconsole-6c8d7f9b5-mn3jk', 'Init:0/1'],
      ['default-cloudmon-7d9f8c6b5-zx8wq', 'ImagePullBackOff'],
    ]);
  });

  it('reads kubectl ages in seconds', () => {
    expect(ageSeconds('2m14s')).toBe(134);
    expect(ageSeconds('3y120d')).toBe(3 * 31_536_000 + 120 * 86_400);
    expect(ageSeconds('<unknown>')).toBeNull();
  });
});
