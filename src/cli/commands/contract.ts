// `cordon contract …`: data contracts. `init` drafts one from a scan of the dataset (written
// atomically, never over an existing file unless --force); `check` validates one.
import type { Command } from 'commander';
import { randomId } from '../../crypto/random.js';
import { basename, dirname, extname, relative, resolve, sep } from 'node:path';
import { CordonError } from '../../errors.js';
import { draftContract } from '../../contracts/draft-contract.js';
import { isRecognizerRef, parseContract } from '../../contracts/parse-contract.js';
import { DATASET_FILE_HELP, DATASET_FORMATS, type DatasetFormat } from '../../io/dataset.js';
import { checkOutput } from '../../io/check-output.js';
import { writeFileAtomic } from '../../io/write-file-atomic.js';
import { DELIMITER_HELP, ENCODING_HELP, NULL_VALUES_HELP, parseDelimiterOption, parseNullValuesOption, parseEncoding, parsePositiveInt, parseRecordsOption, RECOGNIZERS_HELP, RECORDS_HELP } from '../options.js';
import type { Delimiter } from '../../io/dialect.js';
import type { TextEncoding } from '../../io/text-encoding.js';
import { readContract, readRecognizerFile, readText } from '../workspace-data.js';
import { DEFAULT_SAMPLE, scanColumns } from './scan.js';

export function registerContract(program: Command): void {
  const contract = program.command('contract').addHelpText('after', '\nExamples:\n  cordon contract init customers.csv -o customers.odcs.yaml\n  cordon contract check customers.odcs.yaml').description('data contracts (Open Data Contract Standard v3.1.0): draft and check');

  contract.command('init')
    .description('draft a contract from a scan of the dataset: classification, entity and an operator per column')
    .argument('<dataset>', `the dataset to scan: ${DATASET_FILE_HELP}`)
    .requiredOption('-o, --out <contract.yaml>', 'where to write the draft')
    .option('--name <name>', 'dataset name in the contract (default: the file name without extension)')
    .option('-n, --sample <rows>', 'classify from the first N rows', parsePositiveInt('--sample'), DEFAULT_SAMPLE)
    .option('--format <format>', `read as ${DATASET_FORMATS.join(', ')} whatever the extension`)
    .option('--encoding <name>', ENCODING_HELP, parseEncoding)
    .option('--delimiter <char>', DELIMITER_HELP, parseDelimiterOption)
    .option('--records <member>', RECORDS_HELP, parseRecordsOption)
    .option('-r, --recognizers <file>', `${RECOGNIZERS_HELP}; the contract carries them (a path relative to it when the file is in its folder, else inline)`)
    .option('--null-values <list>', `${NULL_VALUES_HELP}; the contract lists them (cordonNullValues) and protect leaves such cells as they are`, parseNullValuesOption)
    .option('--force', 'overwrite an existing file (never the dataset itself)')
    .option('--json', 'print {"contract", "columns", "toProtect"} as JSON')
    .addHelpText('after', `
The draft is a starting point: review each column's classification, operator (cordonProtect) and
allowed purposes (cordonPurposes), then commit it next to the pipeline. docs/contracts.md explains
the format; docs/operators.md the operators.

Examples:
  cordon contract init customers.csv -o contracts/customers.odcs.yaml
  cordon contract init export.csv --delimiter ';' --encoding latin1 -o contracts/export.odcs.yaml
  cordon contract init api-export.json --records data -o contracts/api-export.odcs.yaml
  cordon contract init mysql-dump.csv --null-values '\\N' -o contracts/dump.odcs.yaml
  cordon contract init staff.csv --recognizers contracts/recognizers.yaml -o contracts/staff.odcs.yaml`)
    .action(async (dataset: string, f: { out: string; name?: string; sample: number; format?: string; force?: boolean; encoding?: TextEncoding; delimiter?: Delimiter; records?: string[]; json?: boolean; recognizers?: string; nullValues?: string[] }) => {
      if (f.format !== undefined && !(DATASET_FORMATS as readonly string[]).includes(f.format)) throw new CordonError('ERR_USAGE', `--format must be one of ${DATASET_FORMATS.join(', ')}`);
      const output = { force: f.force === true, inputs: [dataset, ...(f.recognizers !== undefined ? [f.recognizers] : [])], mode: 0o644 };
      checkOutput(f.out, output); // before the scan: ERR_OUTPUT_EXISTS, never over the dataset
      const name = (f.name ?? basename(dataset, extname(dataset))).replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^[^A-Za-z_]/, '_');
      const doc = f.recognizers === undefined ? undefined : readRecognizerFile(f.recognizers);
      const { results, records, logicalTypes, values, nullValues } = await scanColumns(dataset, { ...(f.format !== undefined ? { format: f.format as DatasetFormat } : {}), ...(f.nullValues !== undefined ? { nullValues: f.nullValues } : {}), sample: f.sample, ...(f.encoding !== undefined ? { encoding: f.encoding } : {}), ...(f.delimiter !== undefined ? { delimiter: f.delimiter } : {}), ...(f.records !== undefined ? { records: f.records } : {}), onError: 'fail', ...(doc !== undefined ? { recognizers: doc } : {}), ...(f.json === true ? { json: true } : {}) });
      // A contract of no columns would protect nothing and pass every record through a check of nothing.
      if (results.length === 0) {
        throw new CordonError('ERR_INPUT_INVALID', `no columns to draft a contract from: ${dataset} has ${records === 0 ? 'no records and no header (an empty dataset)' : 'records without fields'}`, { details: { reason: 'no-columns', records } });
      }
      // The contract names a recognizer file in its own folder (edits to the file then apply); one elsewhere is copied in.
      const ref = f.recognizers === undefined ? undefined : relative(dirname(resolve(f.out)), resolve(f.recognizers)).split(sep).join('/');
      const recognizers = doc === undefined ? undefined : { doc, ...(ref !== undefined && isRecognizerRef(ref) ? { ref } : {}) };
      const text = draftContract({ dataset: name, id: randomId(), columns: results, source: basename(dataset), logicalTypes, values, nullValues, ...(recognizers !== undefined ? { recognizers } : {}) });
      parseContract(text, { readFile: () => readText(f.recognizers!) }); // what we write must load
      writeFileAtomic(f.out, text, output);
      const protectedCols = results.filter((c) => c.category !== 'none').length;
      if (f.json) process.stdout.write(JSON.stringify({ contract: f.out, columns: results.length, toProtect: protectedCols }) + '\n');
      else process.stdout.write(`drafted ${f.out}: ${results.length} column(s), ${protectedCols} to protect; review it before use\n`);
    });

  contract.command('check').addHelpText('after', '\nExamples:\n  cordon contract check customers.odcs.yaml\n  cordon contract check customers.odcs.yaml --json')
    .description('validate a contract against ODCS v3.1.0 and Cordon\'s settings')
    .argument('<contract.yaml>')
    .option('--json', 'print the contract as Cordon reads it')
    .action((file: string, f: { json?: boolean }) => {
      const c = readContract(file);
      if (f.json) process.stdout.write(JSON.stringify(c, null, 2) + '\n');
      else process.stdout.write(`${file}: valid (${c.datasets.map((d) => `${d.name}: ${d.columns.length} column(s)`).join('; ')}${c.recognizers !== undefined ? `; custom entities ${c.recognizers.entities.join(', ')} from ${c.recognizers.source}` : ''}; sha256 ${c.sha256.slice(0, 16)}…)\n`);
    });
}
