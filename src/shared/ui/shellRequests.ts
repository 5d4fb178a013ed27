/**
 * The payload of the shell's `chooseBundles` channel as a zod schema, and its check, which main
 * runs before any dialog opens. Apart from `shell.ts` so that the preload, which takes only the
 * channel names from there, does not bundle zod (see the preload's `treeshake` in
 * `electron.vite.config.ts`).
 */
import { z } from 'zod';
import { mustBe, problemsOf } from '../validation.ts';

/** The payload of `chooseBundles`: nothing, or exactly the fields below. */
const chooseBundlesSchema = z
  .strictObject(
    { folders: z.boolean({ error: mustBe('must be a boolean') }).optional() },
    { error: mustBe('must be an object') },
  )
  .nullish();

/** What the Open dialog may pick. Linux and Windows cannot mix files and folders in one dialog. */
export type ChooseBundlesRequest = NonNullable<z.output<typeof chooseBundlesSchema>>;

/** Checks the payload of `chooseBundles`; `null` when acceptable, else a message naming the field and value. */
export function validateChooseBundles(payload: unknown): string | null {
  const checked = problemsOf(chooseBundlesSchema, payload);
  return checked.ok ? null : `chooseBundles: ${checked.problems[0]}`;
}
