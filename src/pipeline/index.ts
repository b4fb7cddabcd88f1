// cordon/pipeline: the protect run. Re-exports only.
export { protectFile, outputFormat, type ProtectFileOptions, type ProtectProgress, type RunManifest } from './protect-file.js';
export { openOutput, type OpenedOutput, type OutputEncryption, type OutputResult } from './open-output.js';
export { planColumns, planPurposes, OPERATOR_PURPOSES, type ColumnPlan } from './column-plan.js';
export { protectRecords, type Tokenizer } from './protect-records.js';
export { loadOperatorKeys, OPERATOR_KEY_NAMES, type LoadedOperatorKeys } from './operator-keys.js';
export { textSpanFinder, type FindSpans } from './text-spans.js';
export { revealValues, type RevealAuthorizer, type RevealInput, type Detokenizer } from './reveal.js';
