// Picks the dataset a command works on: the named one, or the only one the contract describes.
import { CordonError } from '../errors.js';
import type { Contract, ContractDataset } from './types.js';

export function selectDataset(contract: Contract, name?: string): ContractDataset {
  const all = contract.datasets;
  if (name !== undefined) {
    const d = all.find((x) => x.name === name);
    if (d === undefined) throw new CordonError('ERR_USAGE', `the contract has no dataset ${JSON.stringify(name)} (it has ${all.map((x) => x.name).join(', ')})`);
    return d;
  }
  if (all.length !== 1) throw new CordonError('ERR_USAGE', `the contract describes ${all.length} datasets (${all.map((x) => x.name).join(', ')}): choose one with --dataset`);
  return all[0]!;
}
