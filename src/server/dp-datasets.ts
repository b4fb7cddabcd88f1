// The datasets the server holds for POST /v1/dp/query (config `dp.datasets`): each name is a dataset
// of a contract in contracts.dir, with the file the server reads it from. Checked when the server
// starts (file present and of a known format, contract readable, dataset in it, cordonPrivacyBudget
// set), so a wrong entry stops the start instead of failing a query; read again, streamed and bounded,
// for every query, so an answer is always over the file as it is now.
import { statSync } from 'node:fs';
import type { Contract, ContractDataset } from '../contracts/types.js';
import { selectDataset } from '../contracts/select-dataset.js';
import { CordonError } from '../errors.js';
import { DATASET_EXTENSIONS, formatFromPath, readRecords } from '../io/dataset.js';
import type { DatasetRecord } from '../io/record.js';
import { budgetOf } from '../privacy/accounting/spend-budget.js';
import type { DpDatasetSource } from './config.js';
import { readNamedContract } from './routes/protect.js';

/** Most records the server reads from one dataset file for one query; a larger file is refused, never truncated. */
export const MAX_DP_DATASET_RECORDS = 2_000_000;

/**
 * Checks every configured DP dataset; ERR_CONFIG_INVALID (naming the entry) for the first that fails.
 *
 * @example
 * ```ts
 * checkDpDatasets('/srv/contracts', new Map([['visits', { file: '/srv/data/visits.csv', contract: 'visits' }]]));
 * ```
 */
export function checkDpDatasets(contractsDir: string | undefined, datasets: ReadonlyMap<string, DpDatasetSource>): void {
  for (const [name, src] of datasets) {
    const where = `server config: /dp/datasets/${name}`;
    if (contractsDir === undefined) throw new CordonError('ERR_CONFIG_INVALID', `${where} needs /contracts/dir`);
    let isFile: boolean;
    try {
      isFile = statSync(src.file).isFile();
    } catch (e) {
      throw new CordonError('ERR_CONFIG_INVALID', `${where}: cannot read ${src.file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    if (!isFile) throw new CordonError('ERR_CONFIG_INVALID', `${where}: ${src.file} is not a file`);
    if (formatFromPath(src.file) === undefined) throw new CordonError('ERR_CONFIG_INVALID', `${where}: cannot tell the format of ${src.file} from its extension (${DATASET_EXTENSIONS})`);
    try {
      budgetOf(selectDataset(readNamedContract(contractsDir, src.contract), name));
    } catch (e) {
      if (!(e instanceof CordonError)) throw e;
      throw new CordonError('ERR_CONFIG_INVALID', `${where}: contract ${src.contract}: ${e.message}`);
    }
  }
}

/** The contract and its dataset for a configured source (read per query, so an edited contract applies). */
export function dpDatasetContract(contractsDir: string | undefined, name: string, src: DpDatasetSource): { contract: Contract; dataset: ContractDataset } {
  const contract = readNamedContract(contractsDir, src.contract);
  return { contract, dataset: selectDataset(contract, name) };
}

/**
 * The dataset file's records, streamed and counted; over MAX_DP_DATASET_RECORDS (or `max`) it is
 * refused. A read failure does not name the file to the caller.
 */
export async function readDpDataset(name: string, src: DpDatasetSource, max: number = MAX_DP_DATASET_RECORDS): Promise<DatasetRecord[]> {
  const out: DatasetRecord[] = [];
  try {
    for await (const r of readRecords(src.file, { limit: max + 1 })) out.push(r);
  } catch (e) {
    if (!(e instanceof CordonError)) throw e;
    throw new CordonError('ERR_IO', `dataset ${name}: the server cannot read its file (${e.code})`);
  }
  if (out.length > max) throw new CordonError('ERR_IO', `dataset ${name}: more than ${max} records; the server answers DP queries over at most that many`);
  return out;
}
