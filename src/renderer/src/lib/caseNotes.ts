/**
 * The engineer's notes of a case, as the views use them. They are kept by the engine with the
 * rest of the case's state (caseState / saveCaseState), under the engine's one key of a case
 * (the bundles' identity); the types and their checks live in shared/caseNotes.ts.
 */
export { emptyNotes, samePin, type CaseNotes, type Pin } from '../../../shared/caseNotes.ts';
