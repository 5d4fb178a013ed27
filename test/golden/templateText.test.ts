// A template's text is what the Patterns view and the report show for all of its events, so it
// must not show a word an event does not have. The indexer mines one message per message shape;
// if a shape stood for messages the miner tells apart, the template would carry one message's
// words for all of them (a tab-separated pprof line, a Chinese message with a number in it,
// a 41-token message). Checked end to end on real logs: every fixed token of an event's template
// appears in the event's text, in order.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import type { CaseIndex } from '../../src/main/engine/index/caseIndex.ts';
import { indexCase } from '../../src/main/engine/index/indexCase.ts';
import { WILDCARD } from '../../src/shared/patterns/maskTokens.ts';
import { openGeneratedCase } from '../support/generatedCase.ts';
import { GOLDEN_CONTEXT, REALDATA_DIR } from './goldenSupport.ts';
import { describeRealdata } from './realdataSuite.ts';

const PEERS = resolve(REALDATA_DIR, '..', 'peers', 'lnav', 'test');

/** The first fixed piece of `tokens` that `text` lacks (pieces in order), or null. */
function missingPiece(tokens: readonly string[], text: string): string | null {
  let from = 0;
  for (const token of tokens)
    // A fixed token may hold a variable (`status=<*>`): its fixed pieces must be there.
    for (const piece of token.split(WILDCARD)) {
      if (piece === '') continue;
      const at = text.indexOf(piece, from);
      if (at < 0) return piece;
      from = at + piece.length;
    }
  return null;
}

/** Events whose text lacks one of their template's fixed tokens (in order), with the template. */
function disagreements(index: CaseIndex): string[] {
  const bad: string[] = [];
  const seen = new Map<number, number>();
  for (let e = 0; e < index.size; e++) {
    const id = index.templateOf[e];
    const checked = seen.get(id) ?? 0;
    if (checked >= 200) continue; // a sample of each template is plenty
    seen.set(id, checked + 1);
    const template = index.patterns[id];
    const text = index.eventText(e);
    // JSON lines carry the message escaped (`\"com.apple.authd\"`); the template has it decoded.
    const decoded = text
      .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
      .replace(/\\(.)/g, (_, c: string) => (c === 'n' || c === 't' || c === 'r' ? ' ' : c));
    const missing = missingPiece(template.tokens, text) && missingPiece(template.tokens, decoded);
    if (missing)
      bad.push(
        `${index.fileOf(e).record.path}:${index.events.line[e]} lacks "${missing}" of «${template.text.slice(0, 120)}»`,
      );
  }
  return bad;
}

async function check(paths: string[]): Promise<void> {
  const result = await indexCase(paths, { zone: GOLDEN_CONTEXT.zone, indexMode: 'inline' });
  if (!result.ok) throw new Error(result.error);
  const bad = disagreements(result.value.index);
  expect(bad.slice(0, 10), `${bad.length} events disagree with their template`).toEqual([]);
}

it('agrees with every event of the generated incident bundle', async () => {
  const generated = await openGeneratedCase('tarsier-template-text-');
  try {
    const bad = disagreements(generated.index);
    expect(bad.slice(0, 10), `${bad.length} events disagree with their template`).toEqual([]);
  } finally {
    await generated.remove();
  }
}, 120_000);

describeRealdata('template text on real logs', () => {
  it('agrees with every event of the real logs', async () => {
    await check([REALDATA_DIR]);
  }, 300_000);
  it("agrees with every event of lnav's test logs", async () => {
    if (!existsSync(PEERS)) throw new Error(`no lnav test logs at ${PEERS}`);
    await check([PEERS]);
  }, 300_000);
});
