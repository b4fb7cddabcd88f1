// cordon/transform: field operators of the protect pipeline. Re-exports only.
export type { Operator, OperatorContext, OperatorKeys, KeyMaterial, KeyPurpose, PlaceholderIndex, TextSpan } from './types.js';
export { OPERATORS, getOperator, prepareOperator, type OperatorName, type PreparedOperator } from './registry.js';
export { keep, type KeepParams } from './operators/keep.js';
export { drop, type DropParams } from './operators/drop.js';
export { redact, placeholderIndex, type RedactParams } from './operators/redact.js';
export { mask, type MaskParams } from './operators/mask.js';
export { hash, type HashParams } from './operators/hash.js';
export { deterministic, type DeterministicParams } from './operators/deterministic.js';
export { fpe, luhnResidue, type FpeParams, type FpeAlphabet } from './operators/fpe.js';
export { encrypt, type EncryptParams } from './operators/encrypt.js';
export { generalize, type GeneralizeParams } from './operators/generalize.js';
export { dateShift, subjectOffset, type DateShiftParams } from './operators/date-shift.js';
export { text, parseTextParams, textSpanOperators, TEXT_DEFAULT_THRESHOLD, type TextParams, type TextRule, type SpanOperatorName } from './operators/text.js';
