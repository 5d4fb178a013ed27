/**
 * What the Overview keeps while its case is open, across tab switches (the view itself unmounts):
 * the findings opened for each ranking (stage id, '' for all stages) and the window's scroll.
 * Owned by the workspace, one per case; not saved with the case.
 */
export interface OverviewMemory {
  open: Map<string, ReadonlySet<string>>;
  scrollY: number;
}

export function newOverviewMemory(): OverviewMemory {
  return { open: new Map(), scrollY: 0 };
}
