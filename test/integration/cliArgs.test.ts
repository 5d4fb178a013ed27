/**
 * Issue 17: `--help` and a bad flag on any command print the command's usage and one line naming
 * the flag, never Node's raw parseArgs text; the exit codes keep their meaning (0 help, 2 usage).
 */
import { describe, expect, it } from 'vitest';
import { argProblem, wantsHelp } from '../../src/main/cli/argProblem.ts';
import { runCli } from '../support/runCli.ts';

/** parseArgs' own wording, which must never reach the user. */
const RAW = /To specify a positional argument|argument missing|ERR_PARSE_ARGS/;

describe('tarsier <command> --help', () => {
  it.each([
    ['serve', 'tarsier serve [<bundle>...]'],
    ['analyze', 'tarsier analyze <bundle>...'],
    ['search', 'tarsier search <bundle> <query>'],
    ['trace', 'tarsier trace <bundle> <id>'],
  ])('%s --help prints its usage and exits 0', async (command, line) => {
    for (const help of ['--help', '-h']) {
      const { code, out, err } = await runCli([command, help]);
      expect(code).toBe(0);
      expect(out).toMatch(/^Usage:\n/);
      expect(out).toContain(line);
      expect(err).toBe('');
    }
  });

  it('a --help after -- is an argument, not a request for help', async () => {
    const { code, err } = await runCli(['search', '--', '--help']);
    expect(code).toBe(2);
    expect(err).toContain('tarsier search: give a bundle and a query');
  });
});

describe('a bad flag', () => {
  it.each([
    [['serve', '--frob'], 'tarsier serve: unknown option --frob', 'tarsier serve [<bundle>...]'],
    [['serve', '--port'], 'tarsier serve: --port needs a value', 'tarsier serve [<bundle>...]'],
    [['analyze', 'b.tgz', '--quiet=yes'], 'tarsier analyze: --quiet takes no value', 'tarsier analyze <bundle>...'],
    [['trace', 'b.tgz', 'req-1', '-x'], 'tarsier trace: unknown option -x', 'tarsier trace <bundle> <id>'],
    [['search', 'b.tgz', 'q', '--limit', '--zone', 'UTC'], 'tarsier search: --limit needs a value', 'tarsier search'],
  ])('%j: one line naming the flag, the usage, exit 2', async (args, first, usage) => {
    const { code, out, err } = await runCli(args);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.split('\n')[0]).toBe(first);
    expect(err).toContain(`Usage:\n`);
    expect(err).toContain(usage);
    expect(err).not.toMatch(RAW);
  });

  it('a bad value keeps its own message and code', async () => {
    const { code, err } = await runCli(['serve', '--port', '70000']);
    expect(code).toBe(2);
    expect(err).toBe('tarsier serve: --port must be 0–65535, got "70000"\n');
  });
});

describe('argProblem', () => {
  it('is null for an error that is not about the arguments', () => {
    expect(argProblem(new Error('disk full'))).toBeNull();
    expect(argProblem(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBeNull();
    expect(argProblem(null)).toBeNull();
  });

  it('stops looking for --help at --', () => {
    expect(wantsHelp(['a', '--help'])).toBe(true);
    expect(wantsHelp(['--', '--help'])).toBe(false);
    expect(wantsHelp(['--helpful'])).toBe(false);
  });
});
