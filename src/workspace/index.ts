// cordon/workspace: CORDON_HOME or a shared PostgreSQL store, its config and opening everything in it. Re-exports only.
export { initWorkspace, openWorkspace, resolveHome, DEFAULT_KEY_NAME, AUDIT_DB_FILE, type Workspace, type WorkspaceEnv, type InitOptions } from './workspace.js';
export { loadAuditKeys, AUDIT_KEY_FILE, type AuditKeys } from './audit-keys.js';
export { parseConfig, CONFIG_VERSION, type WorkspaceConfig } from './config.js';
export { resolveStore, describeStore, STORE_ENV, type StoreLocation } from './store-location.js';
export { fileAuditKeySlot, type AuditKeySlot } from './audit-keys.js';
export { DEFAULT_KEY_CACHE_MS } from './shared-workspace.js';
export {
  tokenSigningKey, createTokenSigningKey, issueAccessToken, rotateTokenSigningKey, migrateLegacyTokenSigningKey,
  type TokenSigningKey, type IssuedToken, type RotatedTokenKey, type MigratedTokenKey,
} from './token-signing.js';
export {
  TOKEN_SIGNING_KEY_NAME, TOKEN_KEY_GRACE_SEC, acceptedTokenKeyVersions, tokenVerificationKeys, tokenKeyResolver,
  type AcceptedVersion, type TokenVerificationKey,
} from './token-verification.js';
export {
  workspaceSigningKey, workspaceVerificationKeys, importWorkspaceSigningKey, hasLegacySigningKey, RECEIPT_SIGNING, PROVENANCE_SIGNING, type SigningRole,
} from './signing-keys.js';
