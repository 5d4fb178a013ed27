/**
 * `tarsier search` and `tarsier trace`: read a bundle, build its index, answer one question.
 * Output formats are the ones design.md promises: `{query, total, tookMs, hits[]}` and
 * `{id, events[]}`, each hit/event with time, component, path, line, level and text.
 */
import { interruptSignal } from './interrupt.ts';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { EpochMs } from '../../shared/model.ts';
import { parseQuery } from '../../shared/search/queryLanguage.ts';
import { checkZone, formatIso } from '../../shared/time.ts';
import type { EventView } from '../engine/index/caseIndex.ts';
import { openCase, type OpenedCase } from '../engine/case/openCase.ts';
import { cliCacheDir, cliFormatsDir } from './cliCache.ts';
import { searchEvents } from '../engine/index/searchIndex.ts';
import { traceId } from '../engine/index/traceId.ts';
import { progressPrinter } from './progressPrinter.ts';
import { TIME_USAGE, TIME_OPTIONS, timeRulesOf } from './timeOptions.ts';

/** Usage lines of both commands. */
export const SEARCH_USAGE = `  tarsier search <bundle> <query> [--limit N] [--offset N] [--json FILE] [--zone ZONE]
                 [--file-zone GLOB=ZONE]... [--file-year GLOB=YEAR]... [--formats DIR] [--no-cache] [--quiet]
      Hits in time order. Query: words (AND), "exact phrase", OR, -exclude, prefix*, /regex/,
      level:error, level:>=warning, module:, component:, file:GLOB, id:, after:/before: TIME.
  tarsier trace <bundle> <id> [--json FILE] [--zone ZONE] [--file-zone GLOB=ZONE]... [--file-year GLOB=YEAR]...
                [--formats DIR] [--no-follow] [--no-cache] [--quiet]
      Every event carrying the id (request id, uuid, Cloudpods rid, IP), all modules, in time
      order, plus the events of ids found with it (workflow execution, task…) as a second hop.
  A bundle file read once is kept in the index cache (the data folder's index-cache/, or
  $TARSIER_DATA_DIR/index-cache): the next search, trace or analyze of it skips the read.
  --no-cache reads it again and keeps nothing. --formats DIR: your log formats, as for analyze.
${TIME_USAGE}`;

const common = {
  json: { type: 'string' },
  zone: { type: 'string', default: 'local' },
  quiet: { type: 'boolean', short: 'q', default: false },
  'no-cache': { type: 'boolean', default: false },
  formats: { type: 'string' },
  ...TIME_OPTIONS,
} as const;

async function open(
  command: string,
  bundle: string,
  values: { zone?: string; quiet?: boolean; 'no-cache'?: boolean; formats?: string } & Parameters<
    typeof timeRulesOf
  >[0],
): Promise<OpenedCase | string> {
  const zone = values.zone!;
  const zoneProblem = checkZone(zone);
  if (zoneProblem) return zoneProblem;
  const timeRules = timeRulesOf(values);
  if (!timeRules.ok) return timeRules.error;
  const formats = cliFormatsDir(command, values.formats);
  if (!formats.ok) return formats.error;
  const quiet = values.quiet!;
  const noCache = values['no-cache']!;
  const printer = progressPrinter(quiet);
  const interrupt = interruptSignal();
  const outcome = await openCase([bundle], {
    zone,
    ...timeRules.value,
    signal: interrupt.signal,
    onProgress: printer.update,
    onWork: printer.work,
    cacheDir: noCache ? null : cliCacheDir(),
    userFormatsDir: formats.dir,
  });
  interrupt.dispose();
  printer.done();
  if (!outcome.ok) return outcome.error;
  if (outcome.value.inventory.files.length === 0) return `nothing could be read in ${bundle}`;
  return outcome.value;
}

function hitJson(view: EventView, zone: string) {
  return {
    time: view.time === null ? null : formatIso(view.time, zone),
    component: view.component,
    module: view.module,
    path: view.path,
    line: view.line,
    level: view.level,
    text: view.text,
  };
}

function hitLine(view: EventView, zone: string, extra = ''): string {
  const time =
    view.time === null
      ? '-'.padEnd(23)
      : formatIso(view.time as EpochMs, zone)
          .slice(0, 23)
          .replace('T', ' ');
  return `${time} ${view.level.padEnd(8)} ${view.component.padEnd(18)} ${extra}${view.path}:${view.line}  ${view.text}`;
}

/** `tarsier search`. */
export async function search(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...common, limit: { type: 'string', default: '50' }, offset: { type: 'string', default: '0' } },
  });
  if (positionals.length !== 2) {
    process.stderr.write(
      'tarsier search: give a bundle and a query (quote the query: tarsier search bundle.tgz "level:error attach")\n',
    );
    return 2;
  }
  const [bundle, text] = positionals;
  const limit = Number(values.limit);
  const offset = Number(values.offset);
  if (!Number.isInteger(limit) || limit < 0 || !Number.isInteger(offset) || offset < 0) {
    process.stderr.write(
      `tarsier search: --limit and --offset want whole numbers, got ${values.limit} and ${values.offset}\n`,
    );
    return 2;
  }
  const parsed = parseQuery(text);
  if (!parsed.ok) {
    const { message, position, length } = parsed.error;
    process.stderr.write(
      `tarsier search: ${message} (at character ${position + 1})\n  ${text}\n  ${' '.repeat(position)}${'^'.repeat(Math.max(1, length))}\n`,
    );
    return 2;
  }
  const opened = await open('search', bundle, values);
  if (typeof opened === 'string') {
    process.stderr.write(`tarsier search: ${opened}\n`);
    return 1;
  }
  const started = performance.now();
  const result = searchEvents(opened.index, parsed.query, { offset, limit });
  opened.close();
  const tookMs = Math.round((performance.now() - started) * 10) / 10;
  const zone = values.zone!;
  if (values.json) {
    const doc = {
      query: text,
      total: result.total,
      tookMs,
      offset,
      byComponent: result.byComponent,
      hits: result.hits.map((h) => hitJson(h, zone)),
    };
    await writeFile(values.json, JSON.stringify(doc, null, 2) + '\n');
  }
  const out = [
    `${result.total.toLocaleString('en-US')} hits in ${tookMs} ms${
      result.byComponent.length > 0
        ? ` — ${result.byComponent
            .slice(0, 8)
            .map((c) => `${c.component} ${c.count}`)
            .join(', ')}`
        : ''
    }`,
  ];
  for (const hit of result.hits) out.push(hitLine(hit, zone));
  if (result.total > offset + result.hits.length)
    out.push(
      `… ${(result.total - offset - result.hits.length).toLocaleString('en-US')} more (--offset ${offset + result.hits.length})`,
    );
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}

/** `tarsier trace`. */
export async function trace(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...common, 'no-follow': { type: 'boolean', default: false } },
  });
  if (positionals.length !== 2) {
    process.stderr.write('tarsier trace: give a bundle and an id (tarsier trace bundle.tgz req-…)\n');
    return 2;
  }
  const [bundle, id] = positionals;
  const opened = await open('trace', bundle, values);
  if (typeof opened === 'string') {
    process.stderr.write(`tarsier trace: ${opened}\n`);
    return 1;
  }
  const started = performance.now();
  const result = traceId(opened.index, id, { follow: !values['no-follow'] });
  opened.close();
  const tookMs = Math.round((performance.now() - started) * 10) / 10;
  const zone = values.zone!;
  if (values.json) {
    const doc = {
      id: result.id,
      key: result.key,
      kind: result.kind,
      tookMs,
      components: result.components,
      errors: result.errors,
      firstTime: result.firstTime === null ? null : formatIso(result.firstTime, zone),
      lastTime: result.lastTime === null ? null : formatIso(result.lastTime, zone),
      events: result.events.map((e) => ({ ...hitJson(e, zone), hop: e.hop, via: e.via })),
      related: result.related,
    };
    await writeFile(values.json, JSON.stringify(doc, null, 2) + '\n');
  }
  const direct = result.events.filter((e) => e.hop === 0).length;
  const out = [
    `${id}: ${direct} events${result.events.length > direct ? ` (+${result.events.length - direct} through related ids)` : ''} in ${result.components.join(', ') || 'no component'}, ${tookMs} ms`,
  ];
  for (const e of result.events) out.push(hitLine(e, zone, e.hop === 1 ? `[via ${e.via}] ` : ''));
  const others = result.related.filter((r) => !r.followed).slice(0, 10);
  if (others.length > 0)
    out.push(
      '',
      'also on these events:',
      ...others.map(
        (r) => `  ${r.id} (${r.kind}${r.role ? ` ${r.role}` : ''}) on ${r.together} of them, ${r.events} events in all`,
      ),
    );
  process.stdout.write(out.join('\n') + '\n');
  return result.events.length > 0 ? 0 : 1;
}
