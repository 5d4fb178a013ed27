// Rewrites the expected files of the golden tests from the current engine:
//   npx tsx test/golden/update-golden.ts
// Then READ the diff: every changed number or event must be explained by the change you made.
// Real log text is never written here, only summaries (test/golden/expected/real-log-summaries.json).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  analyse,
  CASES_DIR,
  caseNames,
  projectCase,
  readCase,
  REALDATA_DIR,
  REALDATA_SUMMARIES,
  realdataLogPaths,
  summarise,
} from './goldenSupport.ts';

const write = (path: string, value: unknown) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(value, null, 2) + '\n');
  console.log(`wrote ${path}`);
};

if (existsSync(REALDATA_DIR)) {
  const summaries: Record<string, unknown> = {};
  for (const path of [...realdataLogPaths()].sort()) {
    summaries[path] = summarise(analyse(path, readFileSync(join(REALDATA_DIR, path), 'utf8')));
  }
  write(REALDATA_SUMMARIES, summaries);
} else {
  console.warn(`no real data at ${REALDATA_DIR}: realdata summaries not updated`);
}

for (const name of caseNames()) {
  write(join(CASES_DIR, `${name}.expected.json`), projectCase(analyse(`${name}.log`, readCase(name))));
}
