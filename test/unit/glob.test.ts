import { describe, expect, it } from 'vitest';
import { compileGlob } from '../../src/shared/glob.ts';

describe('compileGlob', () => {
  it.each([
    ['*.log', 'a/b/porter-api.log', true],
    ['*.log', 'a/b/porter-api.log.1', false],
    ['porter-*', 'logs/porter/porter-api.log', true],
    ['logs/*/porter-api.log', 'logs/porter/porter-api.log', true],
    ['logs/*/porter-api.log', 'x/logs/porter/porter-api.log', false],
    ['**/porter/*.log', 'x/logs/porter/porter-api.log', true],
    ['**/porter/*.log', 'porter/a.log', true],
    ['windows/**', 'windows/DiskSync-Agent.zip!/log/DSAgent.log', true],
    ['*.{log,txt}', 'a/b.txt', true],
    ['*.{log,txt}', 'a/b.json', false],
    ['vm-??.log', 'hamal/vm-01.log', true],
    ['a+b(c).log', 'a+b(c).log', true],
  ])('%s ~ %s = %s', (glob, path, expected) => {
    expect(compileGlob(glob)(path)).toBe(expected);
  });
  it('can ignore case', () => {
    expect(compileGlob('*.LOG', { ignoreCase: true })('a.log')).toBe(true);
  });
});
