import { describe, expect, it } from 'vitest';
import type { FormatSpec } from '../../../../shared/formats/formatSpec.ts';
import type { UserFormatEntry } from '../../../../shared/api.ts';
import { deleteStep, initialSavedFormats, savedFormatsReducer, type SavedFormatsState } from './savedFormats.ts';

const entry = (id: string, problem: string | null = null): UserFormatEntry => ({
  id,
  path: `/data/formats/${id}.json`,
  name: problem ? null : id.toUpperCase(),
  description: problem ? null : 'a format',
  problem,
});
const spec = { id: 'acme', name: 'ACME' } as FormatSpec;
const loaded = (...formats: UserFormatEntry[]): SavedFormatsState =>
  savedFormatsReducer(initialSavedFormats, { kind: 'loaded', list: { dir: '/data/formats', formats } });

describe('the saved formats list', () => {
  it('deletes a format that loads at once and keeps it for an undo, which puts it back in order', () => {
    let state = loaded(entry('acme'), entry('zeta'));
    expect(deleteStep(state, entry('acme'))).toBe('delete');
    state = savedFormatsReducer(state, { kind: 'deleting', id: 'acme' });
    expect(state.busy).toBe('acme');
    state = savedFormatsReducer(state, {
      kind: 'deleted',
      deleted: { id: 'acme', path: '/data/formats/acme.json', format: spec },
    });
    expect(state.formats!.map((f) => f.id)).toEqual(['zeta']);
    expect(state.deleted).toMatchObject({ id: 'acme', format: spec, entry: { name: 'ACME' } });
    state = savedFormatsReducer(state, { kind: 'restoring' });
    expect(state.busy).toBe('acme');
    state = savedFormatsReducer(state, { kind: 'restored' });
    expect(state.formats!.map((f) => f.id)).toEqual(['acme', 'zeta']);
    expect(state).toMatchObject({ deleted: null, busy: null });
  });

  it('asks before deleting a file that does not load, and offers no undo for it', () => {
    let state = loaded(entry('broken', 'format broken.json: not valid JSON'));
    const broken = state.formats![0];
    expect(deleteStep(state, broken)).toBe('confirm');
    state = savedFormatsReducer(state, { kind: 'ask', id: 'broken' });
    expect(deleteStep(state, broken)).toBe('delete');
    state = savedFormatsReducer(state, { kind: 'cancel' });
    expect(deleteStep(state, broken)).toBe('confirm');
    state = savedFormatsReducer(state, { kind: 'ask', id: 'broken' });
    state = savedFormatsReducer(state, {
      kind: 'deleted',
      deleted: { id: 'broken', path: '/data/formats/broken.json', format: null },
    });
    expect(state.formats).toEqual([]);
    expect(state.deleted).toBeNull();
    expect(savedFormatsReducer(state, { kind: 'restoring' })).toBe(state);
  });

  it('keeps the list and tells the engine’s message when a delete fails', () => {
    let state = savedFormatsReducer(loaded(entry('acme')), { kind: 'deleting', id: 'acme' });
    state = savedFormatsReducer(state, { kind: 'failed', error: 'deleteFormat: no saved format "acme"' });
    expect(state).toMatchObject({ busy: null, error: 'deleteFormat: no saved format "acme"' });
    expect(state.formats!.map((f) => f.id)).toEqual(['acme']);
  });
});
