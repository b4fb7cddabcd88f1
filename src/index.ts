// cordon: the library facade. Re-exports only; import by area (`cordon/crypto`, `cordon/keys`, …)
// to load less.
export { CordonError, ERROR_CODES, isCordonError, type ErrorCode, type ErrorCategory } from './errors.js';
export * as crypto from './crypto/index.js';
export * as keys from './keys/index.js';
export * as files from './files/index.js';
export * as formats from './formats/index.js';
export * as audit from './audit/index.js';
export * as workspace from './workspace/index.js';
export * as detect from './detect/index.js';
export * as vault from './vault/index.js';
export * as contracts from './contracts/index.js';
export * as pipeline from './pipeline/index.js';
export * as sign from './sign/index.js';
export * as lineage from './lineage/index.js';
export * as transform from './transform/index.js';
export * as guard from './guard/index.js';
export * as privacy from './privacy/index.js';
