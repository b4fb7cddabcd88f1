// How a command that runs until it is stopped (`audit export --follow`) ends on Ctrl-C or SIGTERM:
// it registers a stop function here, and the CLI's signal handler (main.ts) calls it instead of
// exiting, so the command finishes what it was writing and exits 0. Any other command is
// interrupted as before (temporary outputs removed, exit 130 / 143).
const stoppers = new Set<() => void>();

/** Registers `stop` for the next Ctrl-C or SIGTERM; returns a function that unregisters it. */
export function stopOnInterrupt(stop: () => void): () => void {
  stoppers.add(stop);
  return () => { stoppers.delete(stop); };
}

/** Called by the signal handler: stops every registered command and says whether there was one. */
export function stopRequested(): boolean {
  if (stoppers.size === 0) return false;
  for (const stop of [...stoppers]) stop();
  stoppers.clear();
  return true;
}
