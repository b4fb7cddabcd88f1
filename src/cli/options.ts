// Shared option parsers for commands.
import { CordonError } from '../errors.js';

/** Collects repeated `--context k=v` options into a map; keys may not repeat. */
export function collectContext(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new CordonError('ERR_USAGE', `--context expects key=value, got ${JSON.stringify(value)}`);
  const k = value.slice(0, eq);
  if (Object.hasOwn(previous, k)) throw new CordonError('ERR_USAGE', `--context key ${JSON.stringify(k)} given twice`);
  return { ...previous, [k]: value.slice(eq + 1) };
}

export function collectList(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function parsePositiveInt(name: string): (value: string) => number {
  return (value: string) => {
    if (!/^\d+$/.test(value)) throw new CordonError('ERR_USAGE', `${name} expects a positive integer, got ${JSON.stringify(value)}`);
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 1) throw new CordonError('ERR_USAGE', `${name} expects a positive integer`);
    return n;
  };
}

/** Parses sizes such as 65536, 64k, 1m (binary units). */
export function parseSize(value: string): number {
  const m = /^(\d+)([kKmM]i?[bB]?)?$/.exec(value);
  if (!m) throw new CordonError('ERR_USAGE', `--segment-size expects bytes, e.g. 65536, 64k or 1m; got ${JSON.stringify(value)}`);
  const mult = m[2] === undefined ? 1 : /^[kK]/.test(m[2]) ? 1024 : 1024 * 1024;
  return Number(m[1]) * mult;
}
