// cordon/vault: the token vault and its stores. Re-exports only.
export { TokenVault, type TokenVaultOptions, type TokenizeOptions } from './vault.js';
export { MIN_RANDOM_POSITIONS, MAX_PRESERVE_LENGTH, MAX_KEEP_LAST, type TokenFormat, type TokenFormatKind } from './format.js';
export { SqliteVaultStore } from './store/sqlite.js';
export { PostgresVaultStore } from './store/postgres.js';
export type { VaultRow, VaultStore, SealedRow, StoredSealed } from './types.js';
export { ConversationVault, placeholderLabel, DEFAULT_PLACEHOLDER_TTL_MS, MAX_PLACEHOLDER_TTL_MS, type ConversationVaultOptions, type PlaceValue } from './conversation/vault.js';
export { SqliteConversationStore } from './conversation/sqlite.js';
export { PostgresConversationStore } from './conversation/postgres.js';
export type { ConversationScope, ConversationStore, StoredPlaceholder } from './conversation/types.js';
