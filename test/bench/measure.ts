/**
 * Running one measured process for `npm run bench`: wall time and peak RSS from GNU time
 * (`/usr/bin/time -f '%e %M'`, the last line of its stderr), stdout sent to /dev/null or a file
 * (never gathered unbounded into memory), stderr's tail kept for the failure message.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';

/** What one measured run gave. */
export interface Measured {
  ok: boolean;
  exitCode: number;
  seconds: number;
  /** Peak RSS of the command, from GNU time; null without it. */
  peakRssBytes: number | null;
  /** Only when `stdout: 'capture'`: the first {@link CAPTURE_LIMIT} bytes. */
  stdout: string;
  /** The last lines of stderr, without GNU time's own lines. */
  stderrTail: string;
}

export interface MeasureOptions {
  /** Where stdout goes: /dev/null (default), a file, or a bounded capture for a small answer. */
  stdout?: 'ignore' | 'capture' | { file: string };
  /** Extra environment variables (the rest is inherited). */
  environment?: Record<string, string>;
}

const GNU_TIME = '/usr/bin/time';
const CAPTURE_LIMIT = 4 * 2 ** 20;
const STDERR_KEEP = 16 * 2 ** 10;

/** The full path of an installed tool, or null. */
export function findTool(name: string): string | null {
  for (const directory of (process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(':')) {
    const candidate = join(directory, name);
    if (directory && existsSync(candidate)) return candidate;
  }
  return null;
}

/** Runs `command args` under GNU time and reports wall time and peak RSS. Never throws on a failed command. */
export function measure(command: string, args: string[], options: MeasureOptions = {}): Promise<Measured> {
  const gnuTime = existsSync(GNU_TIME);
  const target = options.stdout ?? 'ignore';
  const stdoutFd = typeof target === 'object' ? openSync(target.file, 'w') : null;
  const stdio: ['ignore', 'ignore' | 'pipe' | number, 'pipe'] = [
    'ignore',
    stdoutFd ?? (target === 'capture' ? 'pipe' : 'ignore'),
    'pipe',
  ];
  const started = process.hrtime.bigint();
  const child = gnuTime
    ? spawn(GNU_TIME, ['-f', '%e %M', command, ...args], { stdio, env: { ...process.env, ...options.environment } })
    : spawn(command, args, { stdio, env: { ...process.env, ...options.environment } });
  if (stdoutFd !== null) closeSync(stdoutFd);
  const stdout: Buffer[] = [];
  let stdoutBytes = 0;
  child.stdout?.on('data', (chunk: Buffer) => {
    if (stdoutBytes < CAPTURE_LIMIT) stdout.push(chunk);
    stdoutBytes += chunk.length;
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    if (stderr.length > 2 * STDERR_KEEP) stderr = stderr.slice(-STDERR_KEEP);
  });
  return new Promise((resolve) => {
    child.on('error', (error) =>
      resolve({ ok: false, exitCode: -1, seconds: 0, peakRssBytes: null, stdout: '', stderrTail: error.message }),
    );
    child.on('close', (code, signal) => {
      const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      const lines = stderr.trimEnd().split('\n');
      const timeLine = gnuTime ? /^(\d+(?:\.\d+)?) (\d+)$/.exec(lines.at(-1) ?? '') : null;
      if (timeLine) lines.pop();
      // GNU time adds "Command exited with non-zero status N" (the exit code says it); "terminated by signal" stays.
      const own = lines.filter((line) => line.trim() !== '' && !/^Command exited with non-zero status \d+$/.test(line));
      resolve({
        ok: code === 0,
        exitCode: code ?? (signal ? 128 : -1),
        seconds: timeLine ? Number(timeLine[1]) : wallSeconds,
        peakRssBytes: timeLine ? Number(timeLine[2]) * 1024 : null,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderrTail: own.slice(-12).join('\n') || (signal ? `(killed by ${signal})` : '(nothing on stderr)'),
      });
    });
  });
}
