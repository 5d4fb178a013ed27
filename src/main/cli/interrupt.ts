/**
 * Ctrl+C and SIGTERM for the CLI's long commands: the first signal aborts the work (which stops
 * promptly and cleans up after itself); a second one exits at once. Either way the process exits
 * through `process.exit`, so the scratch folders (tempSpace.ts) are removed — a bare SIGTERM
 * would kill the process without running its exit hooks.
 */

/** Exit codes of a run stopped by a signal (128 + the signal's number). */
export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

/** An abort signal tied to SIGINT and SIGTERM, the exit code to use when it fired, and `dispose` to let the signals go. */
export function interruptSignal(): { signal: AbortSignal; exitCode: () => number | null; dispose: () => void } {
  const controller = new AbortController();
  let received: keyof typeof SIGNAL_EXIT | null = null;
  const onSignal = (name: keyof typeof SIGNAL_EXIT) => () => {
    if (received !== null) process.exit(SIGNAL_EXIT[name]);
    received = name;
    process.stderr.write(`\ntarsier: ${name}, stopping (again to stop at once)\n`);
    controller.abort();
  };
  const onInt = onSignal('SIGINT');
  const onTerm = onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  const dispose = () => {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  };
  return { signal: controller.signal, exitCode: () => (received === null ? null : SIGNAL_EXIT[received]), dispose };
}
