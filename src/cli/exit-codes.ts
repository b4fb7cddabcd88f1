// The CLI's one table from error category to exit code (docs/errors.md lists them).
import { CordonError, type ErrorCategory } from '../errors.js';

export const EXIT_CODES: Record<ErrorCategory | 'ok', number> = {
  ok: 0,
  internal: 1,
  usage: 2,
  input: 3,
  denied: 4,
  integrity: 5,
  unavailable: 6,
};

export function exitCodeFor(e: unknown): number {
  return e instanceof CordonError ? EXIT_CODES[e.category] : EXIT_CODES.internal;
}
