/**
 * Where a fault is, decided from the evidence rather than from the rule file alone. A rule
 * describes a symptom ("connection refused", "out of memory", "panic"); the product's topology
 * (`resources/topology.json`, after the seed's module table, 000 §2) places it: which side the
 * component that logs it runs on, and which peer the line names (RabbitMQ on 5672, a Keystone
 * URL, vCenter, a Cloudpods service, "the agent"). The category, the words "where" and the
 * placed advice follow from that side.
 *
 * Three kinds of symptom are placed, each its own way:
 * - `network` (refused, timed out, reset, unreachable, DNS, TLS, 401/5xx): the side of the peer;
 *   a peer that is the component's own middleware or the local host is the component's side.
 * - `environment` (memory, disk, I/O, read-only file system, kernel, clock): the side of the host
 *   the log comes from, or of the program the line relays the error from ("agent returned …").
 * - `software` (panic, traceback, unhandled exception): the side of the program that crashed,
 *   where the product's own programs — agents included — are the product.
 */
import { z } from 'zod';
import { problemsOf } from '../validation.ts';
import type { Category, LocalizedText } from './ruleSpec.ts';

/** The parts of the deployment a fault can be in. */
export const SIDES = ['source', 'console', 'target', 'platform'] as const;
/** One of {@link SIDES}. */
export type Side = (typeof SIDES)[number];

/** How a rule's symptom is placed (see the module comment). */
export const PLACEMENTS = ['network', 'environment', 'software'] as const;
/** One of {@link PLACEMENTS}. */
export type Placement = (typeof PLACEMENTS)[number];

const localized = z.strictObject({ en: z.string().min(1), zh: z.string().min(1) });
const sideOrOwn = z.enum([...SIDES, 'own']);

/** `resources/topology.json` as the file holds it. */
export const topologySchema = z.strictObject({
  $schema: z.string().optional(),
  description: z.string(),
  source: z.string(),
  sides: z
    .record(
      z.enum(SIDES),
      z.strictObject({ name: localized, category: z.enum(['source', 'target', 'product', 'platform']) }),
    )
    .describe('What each side is called and the category of an environment or network fault there.'),
  modules: z
    .array(
      z.strictObject({
        side: z.enum(SIDES),
        modules: z.array(z.string().min(1)).min(1),
        /** The product's own programs: their crashes are the product's, whatever host they run on. */
        product: z.boolean().optional(),
        unknownPeer: z
          .enum(SIDES)
          .optional()
          .describe('Where a network fault whose line names no known peer is (who the module talks to).'),
        note: z.string().optional(),
      }),
    )
    .describe('Which side each module (as resources/components.json names it) runs on; `*` ends a prefix.'),
  peers: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9-]+$/),
        name: localized,
        side: sideOrOwn.describe(
          "The peer's side; `own` is the reporting component's side (its own database, localhost).",
        ),
        pattern: z.string().min(1).describe('Case-insensitive regex over the event text.'),
        relay: z
          .boolean()
          .optional()
          .describe(
            'The line relays an error of that peer (an agent answering the console): environment faults are placed there.',
          ),
        examples: z.array(z.string()).min(1),
      }),
    )
    .describe('Peers a line can name, tried in order: the first that matches wins.'),
  advice: z
    .record(z.enum(PLACEMENTS), z.record(z.enum(SIDES), localized))
    .describe('Who fixes it and what to check, per kind of symptom and side; {peer} is replaced by the peer named.'),
});

/** `resources/topology.json` as read. */
export type TopologyFile = z.output<typeof topologySchema>;

/** Where one finding's fault is. */
export interface FaultPlace {
  side: Side;
  /** The peer named on the evidence line (its name and, when written, host:port or URL). */
  peer: string | null;
  /** Why: "proxy-engine (console) could not reach RabbitMQ (AMQP) at 10.0.0.5:5672". */
  reason: LocalizedText;
  /** Who fixes it and what to check there. */
  advice: LocalizedText;
}

/** What is known of one evidence event. */
export interface PlaceInput {
  placement: Placement;
  module: string;
  component: string;
  /** The event's text (first line and continuations). */
  text: string;
  /** The side of the host of a system log (kernel, journal) that names no product module. */
  hostSide?: Side | null;
}

interface ModuleSide {
  prefix: boolean;
  name: string;
  side: Side;
  product: boolean;
  unknownPeer: Side | null;
}

interface CompiledPeer {
  id: string;
  name: LocalizedText;
  side: Side | 'own';
  relay: boolean;
  pattern: RegExp;
}

// host:port or a URL's authority, for the words "where".
const ADDRESS =
  /\b(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[\w.-]+@)?((?:\d{1,3}(?:\.\d{1,3}){3}|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)+|localhost)(?::\d{2,5})?)(?=[/\s'")\],;]|$)/i;

/** The compiled topology: see the module comment. */
export class Topology {
  private constructor(
    private readonly file: TopologyFile,
    private readonly moduleSides: ModuleSide[],
    private readonly peers: CompiledPeer[],
  ) {}

  /** Validates and compiles the file; a problem names the file and the value. */
  static compile(
    value: unknown,
    file = 'topology.json',
  ): { ok: true; topology: Topology } | { ok: false; error: string } {
    const parsed = problemsOf(topologySchema, value);
    if (!parsed.ok) return { ok: false, error: `${file}: ${parsed.problems.join('; ')}` };
    const moduleSides = parsed.value.modules.flatMap((entry) =>
      entry.modules.map((name) => ({
        prefix: name.endsWith('*'),
        name: name.replace(/\*$/, '').toLowerCase(),
        side: entry.side,
        product: entry.product ?? false,
        unknownPeer: entry.unknownPeer ?? null,
      })),
    );
    const peers: CompiledPeer[] = [];
    for (const peer of parsed.value.peers) {
      let pattern: RegExp;
      try {
        pattern = new RegExp(peer.pattern, 'i');
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        return {
          ok: false,
          error: `${file}: peer ${peer.id}: pattern ${JSON.stringify(peer.pattern)} is not a regex (${why})`,
        };
      }
      for (const example of peer.examples)
        if (!pattern.test(example))
          return {
            ok: false,
            error: `${file}: peer ${peer.id}: its example ${JSON.stringify(example)} does not match its pattern`,
          };
      peers.push({ id: peer.id, name: peer.name, side: peer.side, relay: peer.relay ?? false, pattern });
    }
    return { ok: true, topology: new Topology(parsed.value, moduleSides, peers) };
  }

  /** The side a module runs on (null: not the product's, the platform's nor a known peer's). */
  sideOfModule(module: string): Side | null {
    return this.entryOf(module)?.side ?? null;
  }

  /** The category of a fault on `side` (console → product). */
  categoryOf(side: Side): Category {
    return this.file.sides[side].category;
  }

  /** The name of a side, for the words "where". */
  nameOf(side: Side): LocalizedText {
    return this.file.sides[side].name;
  }

  /** The peer a line names, if any (the first of the file's list that matches). */
  peerOf(text: string): { peer: CompiledPeer; address: string | null } | null {
    for (const peer of this.peers) {
      const m = peer.pattern.exec(text);
      if (!m) continue;
      // The address nearest after the peer's word, else anywhere on the line.
      const after = ADDRESS.exec(text.slice(m.index)) ?? ADDRESS.exec(text);
      return { peer, address: after ? after[1] : null };
    }
    return null;
  }

  /**
   * Where the fault of one event is; null when the evidence does not say (the rule's own
   * category then stands).
   */
  place(input: PlaceInput): FaultPlace | null {
    const entry = this.entryOf(input.module);
    const reporter = entry?.side ?? input.hostSide ?? null;
    const found = this.peerOf(input.text);
    const peerSide = found ? (found.peer.side === 'own' ? reporter : found.peer.side) : null;
    let side: Side | null;
    switch (input.placement) {
      case 'network':
        side = found ? peerSide : (entry?.unknownPeer ?? null);
        break;
      case 'environment':
        side = found?.peer.relay && peerSide ? peerSide : reporter;
        break;
      case 'software':
        // The product's programs (agents, gateways) crash as the product, wherever they run.
        side = entry?.product ? 'console' : reporter;
        break;
    }
    if (side === null) return null;
    const peer = found ? peerLabel(found.peer.name.en, found.address) : null;
    const peerZh = found ? peerLabel(found.peer.name.zh, found.address) : null;
    const where = this.nameOf(side);
    const who = `${input.component} (${this.nameOf(reporter ?? side).en})`;
    const whoZh = `${input.component}（${this.nameOf(reporter ?? side).zh}）`;
    const reason: LocalizedText =
      input.placement === 'network' && peer
        ? { en: `${who} → ${peer}: the fault is on ${where.en}`, zh: `${whoZh} → ${peerZh}：问题在${where.zh}` }
        : input.placement === 'environment' && found?.peer.relay && peer
          ? {
              en: `${who} relays it from ${peer}: the fault is on ${where.en}`,
              zh: `${whoZh} 转述自${peerZh}：问题在${where.zh}`,
            }
          : { en: `logged by ${who}: the fault is on ${where.en}`, zh: `${whoZh} 记录：问题在${where.zh}` };
    const advice = this.file.advice[input.placement][side];
    return {
      side,
      peer,
      reason,
      advice: {
        en: advice.en.replaceAll('{peer}', peer ?? 'the peer'),
        zh: advice.zh.replaceAll('{peer}', peerZh ?? '对端'),
      },
    };
  }

  private entryOf(module: string): ModuleSide | null {
    const name = module.toLowerCase();
    for (const entry of this.moduleSides)
      if (entry.prefix ? name.startsWith(entry.name) : name === entry.name) return entry;
    return null;
  }
}

function peerLabel(name: string, address: string | null): string {
  return address ? `${name} ${address}` : name;
}
