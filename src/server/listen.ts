// Runs a built server until SIGTERM or SIGINT, then shuts down in order: stop accepting and drain
// in-flight requests (fastify close), then the caller's cleanup (close the vault, flush and close
// the audit log). A second signal during the drain exits at once.
import type { FastifyInstance } from 'fastify';

export interface RunOptions {
  readonly host: string;
  readonly port: number;
  /** Called once the server listens, with its address. */
  readonly onListening?: (address: string) => void;
  /** Called after the drain: close the vault, flush the audit log. */
  readonly cleanup: () => Promise<void>;
  /** Longest drain before in-flight connections are cut (ms, default 10 s). */
  readonly drainMs?: number;
}

/** Listens, then resolves with the signal that stopped the server once everything is closed. */
export async function runUntilSignal(app: FastifyInstance, options: RunOptions): Promise<NodeJS.Signals> {
  const address = await app.listen({ host: options.host, port: options.port });
  options.onListening?.(address);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const on = (s: NodeJS.Signals) => {
      process.removeListener('SIGTERM', on);
      process.removeListener('SIGINT', on);
      process.once('SIGTERM', () => process.exit(143));
      process.once('SIGINT', () => process.exit(130));
      resolve(s);
    };
    process.on('SIGTERM', on);
    process.on('SIGINT', on);
  });
  const timer = setTimeout(() => app.server.closeAllConnections?.(), options.drainMs ?? 10_000);
  try {
    await app.close();
  } finally {
    clearTimeout(timer);
    await options.cleanup();
  }
  return signal;
}
