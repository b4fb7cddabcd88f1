// Printing for the CLI: results to stdout, notices, progress and errors to stderr. Errors print
// their code and message only (messages never hold secrets); stack traces only with CORDON_DEBUG=1.
import { CordonError } from '../errors.js';

export function notice(message: string): void {
  process.stderr.write(`cordon: ${message}\n`);
}

/**
 * `--json` given (before a `--`): the command prints its result as JSON, and a failure is printed as
 * one JSON line on stderr, `{"error":{"code","message","exit"}}`, so a script never parses prose.
 * Decided once from the command line, for every command (docs/errors.md, "JSON errors").
 */
export function jsonRequested(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).includes('--json');
}

/** The JSON form of a failure; the same code and message as the text form, nothing more. */
export function errorJson(e: unknown, exit: number): { error: { code: string; message: string; exit: number } } {
  if (e instanceof CordonError) return { error: { code: e.code, message: e.message, exit } };
  return { error: { code: 'ERR_INTERNAL', message: `unexpected failure${e instanceof Error ? ` (${e.name})` : ''}; rerun with CORDON_DEBUG=1 for details`, exit } };
}

export function printError(e: unknown, json?: { exit: number }): void {
  if (json !== undefined) {
    process.stderr.write(JSON.stringify(errorJson(e, json.exit)) + '\n');
  } else if (e instanceof CordonError) {
    process.stderr.write(`cordon: error ${e.code}: ${e.message}\n`);
  } else {
    process.stderr.write(`cordon: error ERR_INTERNAL: unexpected failure${e instanceof Error ? ` (${e.name})` : ''}; rerun with CORDON_DEBUG=1 for details\n`);
  }
  if (process.env.CORDON_DEBUG === '1' && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
}

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

const formatRows = (n: number): string => `${n} row${n === 1 ? '' : 's'}`;

/**
 * A progress line on stderr, only when stderr is a terminal (and not under CI, nor when `off`, e.g.
 * --json or --quiet); updates at most 4 times a second. `total` may also come with each update (a
 * listing's size known only once it is read). Counts bytes, or rows with `unit: 'rows'`.
 */
export function progress(label: string, total: number | undefined, options: { unit?: 'bytes' | 'rows'; off?: boolean } = {}): { readonly active: boolean; update(done: number, total?: number): void; done(): void } {
  if (!process.stderr.isTTY || process.env.CI || options.off === true) return { active: false, update() {}, done() {} };
  const format = options.unit === 'rows' ? formatRows : formatBytes;
  let last = 0;
  let shown = false;
  return {
    active: true,
    update(done: number, latestTotal?: number) {
      if (latestTotal !== undefined) total = latestTotal;
      const now = Date.now();
      if (now - last < 250) return;
      last = now;
      shown = true;
      const pct = total ? ` ${Math.floor((done / total) * 100)}%` : '';
      process.stderr.write(`\r${label}${pct} ${format(done)}${total ? ` / ${format(total)}` : ''}   `);
    },
    done() {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}
