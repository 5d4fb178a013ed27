/** Strings of the case's progress (the phase under way, measured), English and Simplified Chinese. */
export const progressEn = {
  workReading: 'Reading',
  workIndexing: 'Indexing',
  workSealing: 'Sealing the index',
  workSaving: 'Writing the cache',
  workDiagnosing: 'Looking for known problems',
  workBytes: '{done} of {total}',
  workSteps: 'step {done} of {total}',
  workRules: '{done} of {total} rules',
  workPct: '{pct} %',
  workLeft: 'about {time} left',
  workEstimating: 'estimating…',
  workStatusLabel: 'Progress of the case',
  statusOpening: 'Opening the case…',
};

export const progressZh: Record<keyof typeof progressEn, string> = {
  workReading: '读取中',
  workIndexing: '建立索引',
  workSealing: '整理索引',
  workSaving: '写入缓存',
  workDiagnosing: '查找已知问题',
  workBytes: '{done} / {total}',
  workSteps: '第 {done} 步，共 {total} 步',
  workRules: '{done} / {total} 条规则',
  workPct: '{pct}%',
  workLeft: '约剩 {time}',
  workEstimating: '正在估算…',
  workStatusLabel: '案例进度',
  statusOpening: '正在打开案例…',
};
