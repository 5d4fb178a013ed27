/**
 * What was wrong with a command line, in one line naming the flag, instead of the raw message of
 * Node's `parseArgs` (which suggests `--` and quoting that do not apply here).
 */

/** Whether `args` ask for help (`--help` or `-h` before a `--`). */
export function wantsHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

/**
 * The one-line problem of a `parseArgs` error (`unknown option --frob`, `--port needs a value`,
 * `--quiet takes no value`), or null when `error` is not one.
 */
export function argProblem(error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')) return null;
  const message = (error as Error).message;
  // The flag as Node quotes it first: '--frob', '--port <value>', '-q, --quiet'.
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  const flag =
    quoted
      .replace(/\s*<value>$/, '')
      .split(', ')
      .pop() || quoted;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${flag}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(message) ? `${flag} takes no value` : `${flag} needs a value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${quoted || '(positional)'}`;
    default:
      return `bad arguments (${flag || code})`;
  }
}
