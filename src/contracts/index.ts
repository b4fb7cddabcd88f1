// cordon/contracts: data contracts (Open Data Contract Standard v3.1.0). Re-exports only.
export { parseContract, isRecognizerRef, MAX_CONTRACT_BYTES, type ParseContractOptions } from './parse-contract.js';
export { CLASSIFICATIONS, type Classification, type Contract, type ContractColumn, type ContractDataset, type ContractRecognizers, type ProtectSpec, type RecognizerDoc } from './types.js';
export { recognizerDocFromYaml, recognizersFromYaml, mergeRecognizerDocs, MAX_RECOGNIZERS_FILE } from './load-recognizers.js';
export { withCustomRecognizers } from './with-custom-recognizers.js';
export { draftContract, proposeOperator } from './draft-contract.js';
export { selectDataset } from './select-dataset.js';
export { parsePrivacyBudget, type PrivacyBudget, type PrivacyBudgetLimit } from './privacy-budget.js';
