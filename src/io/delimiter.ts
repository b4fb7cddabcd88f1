// The delimiters a delimited file may use and `--delimiter` as typed. Apart from dialect.ts (which
// sniffs with papaparse), so a command that only parses its options, such as `cordon detect`, does
// not load the CSV parser at start-up. Pure: no I/O.
import { CordonError } from '../errors.js';

export const DELIMITERS = [',', '\t', ';', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** `--delimiter` as typed: one of , ; | or tab (also `\t`, `tab`, `comma`, `semicolon`, `pipe`). */
export function parseDelimiter(text: string): Delimiter {
  const names: Readonly<Record<string, Delimiter>> = { ',': ',', comma: ',', ';': ';', semicolon: ';', '|': '|', pipe: '|', '\t': '\t', '\\t': '\t', tab: '\t' };
  const d = names[text.toLowerCase()];
  if (d === undefined) throw new CordonError('ERR_USAGE', '--delimiter must be one of , ; | tab');
  return d;
}
