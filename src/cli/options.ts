// Shared option parsers for commands.
import { CordonError } from '../errors.js';
import { PROFILE_NAMES, type ProfileName } from '../detect/profiles/table.js';
import { parseDelimiter, type Delimiter } from '../io/delimiter.js';
import { parseMemberPath } from '../io/json-member.js';
import { nullValuesProblem } from '../contracts/null-values-spec.js';
import { parseTextEncoding, TEXT_ENCODING_NAMES, type TextEncoding } from '../io/text-encoding.js';
import { DATASET_FORMATS, type DatasetFormat } from '../io/formats.js';
import type { Command } from 'commander';

/** `--encoding NAME` on every command that reads data. */
export const parseEncoding = (value: string): TextEncoding => parseTextEncoding(value);
export const ENCODING_HELP = `text encoding of the input (any format but Parquet): ${TEXT_ENCODING_NAMES}; a byte-order mark decides (default utf-8)`;

/** `--records PATH` on every command that reads a dataset: where a wrapped .json export keeps its records. */
export const parseRecordsOption = (value: string): string[] => parseMemberPath(value);
export const NULL_VALUES_HELP = 'comma-separated cell values that mean "no value", e.g. "NULL,\\N,NA" ("" for none; default: the usual markers the sample holds, docs/scan.md#null-markers)';

export const RECORDS_HELP = 'a .json file that wraps its records in an object ({"data": [...], "meta": ...}): the member holding them, e.g. data or results.items';

/** `--delimiter X` on every command that reads CSV. */
export const parseDelimiterOption = (value: string): Delimiter => parseDelimiter(value);
export const DELIMITER_HELP = 'CSV delimiter: , ; | or tab (default: sniffed from the first 64 KiB)';

/** How to read a dataset file whose name or first bytes do not say: the flags of dp and risk. */
export interface DatasetReadFlags { format?: string; encoding?: TextEncoding; delimiter?: Delimiter; records?: string[] }

/** Adds --format, --encoding, --delimiter and --records, read as `cordon scan` reads them. */
export function addDatasetReadOptions(command: Command): Command {
  return command
    .option('--format <format>', `read as ${DATASET_FORMATS.join(', ')} whatever the extension`)
    .option('--encoding <name>', ENCODING_HELP, parseEncoding)
    .option('--delimiter <char>', DELIMITER_HELP, parseDelimiterOption)
    .option('--records <member>', RECORDS_HELP, parseRecordsOption);
}

/** The read options of DatasetReadFlags; an unknown --format is ERR_USAGE. */
export function datasetReadOptions(f: DatasetReadFlags): { format?: DatasetFormat; encoding?: TextEncoding; delimiter?: Delimiter; records?: readonly string[] } {
  if (f.format !== undefined && !(DATASET_FORMATS as readonly string[]).includes(f.format)) throw new CordonError('ERR_USAGE', `--format must be one of ${DATASET_FORMATS.join(', ')}`);
  return {
    ...(f.format !== undefined ? { format: f.format as DatasetFormat } : {}),
    ...(f.encoding !== undefined ? { encoding: f.encoding } : {}),
    ...(f.delimiter !== undefined ? { delimiter: f.delimiter } : {}),
    ...(f.records !== undefined ? { records: f.records } : {}),
  };
}

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

export function parsePositiveInt(name: string, range: { min?: number; max?: number } = {}): (value: string) => number {
  const min = range.min ?? 1;
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  return (value: string) => {
    if (!/^\d+$/.test(value)) throw new CordonError('ERR_USAGE', `${name} expects a positive integer, got ${JSON.stringify(value)}`);
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 1) throw new CordonError('ERR_USAGE', `${name} expects a positive integer`);
    if (n < min || n > max) throw new CordonError('ERR_USAGE', `${name} must be from ${min} to ${max}`);
    return n;
  };
}

/** `--profile NAME`: one of the detection profiles (docs/detect.md). */
export function parseProfile(value: string): ProfileName {
  if (!(PROFILE_NAMES as readonly string[]).includes(value)) throw new CordonError('ERR_USAGE', `--profile must be one of ${PROFILE_NAMES.join(', ')}`);
  return value as ProfileName;
}

/** Help line for --profile. */
export const PROFILE_HELP = `detection profile: ${PROFILE_NAMES.join(', ')} — which entities count and their rules (docs/detect.md; default: default)`;

/** Parses sizes such as 65536, 64k, 1m (binary units). */
export function parseSize(value: string): number {
  const m = /^(\d+)([kKmM]i?[bB]?)?$/.exec(value);
  if (!m) throw new CordonError('ERR_USAGE', `--segment-size expects bytes, e.g. 65536, 64k or 1m; got ${JSON.stringify(value)}`);
  const mult = m[2] === undefined ? 1 : /^[kK]/.test(m[2]) ? 1024 : 1024 * 1024;
  return Number(m[1]) * mult;
}

export const RECOGNIZERS_HELP = 'custom recognizers (YAML: entity, patterns, context words, validator, deny and allow lists, category, classification, protect) added to the built-in ones; docs/detect.md';

/** `--null-values` of scan and contract init: comma-separated markers; "" for none. */
export function parseNullValuesOption(text: string): string[] {
  const list = text === '' ? [] : text.split(',').map((s) => s.trim());
  const problem = nullValuesProblem(list);
  if (problem !== undefined) throw new CordonError('ERR_USAGE', `--null-values: ${problem}`);
  return list;
}
