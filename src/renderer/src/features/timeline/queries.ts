/** Search queries the timeline sends to the events view: a component, a time range, both. */
import { formatQuery, type QueryNode } from '../../../../shared/search/queryLanguage.ts';
import { splitKey } from './binning.ts';

/** `after:… before:…` for the events with a time in [from, to] (inclusive, whole ms, UTC). */
export function timeQuery(from: number, to: number): string {
  const a = Math.ceil(from);
  const b = Math.max(a, Math.floor(to));
  return `after:${new Date(a).toISOString()} before:${new Date(b).toISOString()}`;
}

/**
 * `module:nova component:nova-api` for a lane key (`nova/nova-api`): events carry the module and
 * the component apart, so `component:` alone takes only the part after the slash.
 */
export function componentQuery(key: string): string {
  const { module, component } = splitKey(key);
  const nodes: QueryNode[] = [];
  if (module !== '') nodes.push({ kind: 'field', field: 'module', glob: module });
  nodes.push({ kind: 'field', field: 'component', glob: component });
  return formatQuery(nodes.length === 1 ? nodes[0] : { kind: 'and', children: nodes });
}

/**
 * The events of one bin [start, start + binMs): times are whole milliseconds, so the last one
 * inside is the end rounded up, minus one.
 */
export function binQuery(key: string | null, start: number, binMs: number): string {
  const last = Math.ceil(start + binMs) - 1;
  const time = timeQuery(start, Math.max(Math.ceil(start), last));
  return key === null ? time : `${componentQuery(key)} ${time}`;
}
