/** Runs the `tarsier` CLI in-process, capturing what it writes to stdout and stderr. */
import { vi } from 'vitest';
import { main } from '../../src/main/cli/main.ts';

/** The exit code and the output of `tarsier <args>`. */
export async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    return { code: await main(args), out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}
