/**
 * The id of an open case, as every AnalyzerApi request that names a case carries it. Checked
 * strictly because it arrives from the untrusted renderer or page and keys the engine's maps.
 */
import { z } from 'zod';
import { mustBe } from './validation.ts';

const CASE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A case id as the engine makes them; anything else (a path, a long string) is refused. */
export const caseIdSchema = z.string({ error: mustBe(`must match ${CASE_ID}`) }).regex(CASE_ID);
