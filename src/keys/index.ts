// cordon/keys: keyrings, master keys and envelope encryption. Re-exports only.
export { Keyring, checkKeyName, MATERIAL_LENGTH, type KeyInfo, type KeyringOptions } from './keyring.js';
export { generateDataKey, wrapDataKey, unwrapDataKey, DATA_KEY_LENGTH, type WrappedDataKey } from './envelope.js';
export { SqliteKeyStore } from './store/sqlite.js';
export { PostgresKeyStore } from './store/postgres.js';
export { CachedKeyStore, type CachedKeyStoreOptions } from './store/cached.js';
export type { KeyStore, KeyRecord, KeyVersionRecord, KeyPurpose, KeyStatus, KeyVersionState } from './store/types.js';
export type { KekProvider, KekConfig, KekKind } from './kek/provider.js';
export { LocalKek, resolveLocalMasterKey, parseMasterKey, defaultMasterKeyPath } from './kek/local.js';
export { openPassphraseKek } from './kek/passphrase.js';
export { openPkcs11Kek, createPkcs11Kek, type Pkcs11KekConfig, type Pkcs11KekOptions } from './kek/pkcs11.js';
