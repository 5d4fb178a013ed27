// Real-data tests read ../shared beside the project (or $TARSIER_REALDATA). A clone of the project
// alone has none: then they are skipped, and their names say why. CI has it and sets
// TARSIER_REQUIRE_REALDATA=1 (.ci/run), so that there a missing folder fails instead.
import { existsSync } from 'node:fs';
import { describe, it } from 'vitest';
import { REALDATA_DIR } from './goldenSupport.ts';

/** True when the real data is missing and may be. */
export const REALDATA_MISSING = !existsSync(REALDATA_DIR) && process.env.TARSIER_REQUIRE_REALDATA !== '1';

/** Why real-data tests are skipped, in one line. */
export const REALDATA_SKIP_REASON = `skipped: no real data at ${REALDATA_DIR} (a clone of the project alone has none; .ci/run runs these)`;

/** `describe` for tests that need the real data: skipped, saying why, when it is missing. */
export function describeRealdata(name: string, body: () => void): void {
  // One line in the run's output, so that a skip is never silent.
  if (REALDATA_MISSING) console.warn(`${name}: ${REALDATA_SKIP_REASON}`);
  // Without the data the body is not run at all: collecting it may already read the real logs.
  if (REALDATA_MISSING)
    describe.skip(`${name} — ${REALDATA_SKIP_REASON}`, () => it.skip(REALDATA_SKIP_REASON, () => undefined));
  else describe(name, body);
}
