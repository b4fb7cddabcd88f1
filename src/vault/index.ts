// cordon/vault: the token vault and its stores. Re-exports only.
export { TokenVault, type TokenVaultOptions } from './vault.js';
export { SqliteVaultStore } from './store/sqlite.js';
export { PostgresVaultStore } from './store/postgres.js';
export type { VaultRow, VaultStore, SealedRow } from './types.js';
