// cordon/contracts: data contracts (Open Data Contract Standard v3.1.0). Re-exports only.
export { parseContract, MAX_CONTRACT_BYTES } from './parse-contract.js';
export { CLASSIFICATIONS, type Classification, type Contract, type ContractColumn, type ContractDataset, type ProtectSpec } from './types.js';
export { draftContract, proposeOperator } from './draft-contract.js';
export { selectDataset } from './select-dataset.js';
