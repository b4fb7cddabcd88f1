// cordon/pipeline: the protect run. Re-exports only.
export { protectFile, type ProtectFileOptions, type RunManifest } from './protect-file.js';
export { planColumns, planPurposes, protectRecords, OPERATOR_PURPOSES, type ColumnPlan, type Tokenizer } from './protect-records.js';
export { loadOperatorKeys, OPERATOR_KEY_NAMES, type LoadedOperatorKeys } from './operator-keys.js';
export { revealValues, parseRevealPolicy, type RevealPolicy, type RevealInput, type Detokenizer } from './reveal.js';
