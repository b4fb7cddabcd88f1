// The master-key (KEK) interface. A KEK wraps the key store's key material and nothing else; it
// never sits next to the data (environment, a 0600 file outside CORDON_HOME, a passphrase, or an HSM).
// A cloud KMS or Vault Transit provider is one more file implementing KekProvider.

/**
 * Wraps and unwraps key material under a master key. `aad` binds the wrapped bytes to where they
 * belong (key name and version); unwrap with different `aad` must fail.
 */
export interface KekProvider {
  /** Non-secret, stable identifier recorded with every wrapped key (e.g. `local:3f1c…`, `pkcs11:cordon-kek`). */
  readonly id: string;
  readonly kind: KekKind;
  /** Encrypts `key` under the master key. */
  wrap(key: Uint8Array, aad: Uint8Array): Promise<Uint8Array>;
  /** Inverse of wrap; throws CordonError ERR_MASTER_KEY_MISMATCH when the bytes do not open under this master key. */
  unwrap(wrapped: Uint8Array, aad: Uint8Array): Promise<Uint8Array>;
  /** Releases sessions or handles (HSM). */
  close(): Promise<void>;
}

export type KekKind = 'local' | 'passphrase' | 'pkcs11';

/**
 * How to reach a master key, as stored in the workspace config. Secrets never appear here inline:
 * only environment variable names and file paths.
 */
export type KekConfig =
  | { readonly kind: 'local' }
  | { readonly kind: 'passphrase'; readonly passphraseEnv: string; readonly salt: string }
  | {
      readonly kind: 'pkcs11';
      /** Path of the PKCS#11 module (e.g. /usr/lib/softhsm/libsofthsm2.so). */
      readonly module: string;
      readonly tokenLabel: string;
      /** CKA_LABEL of the AES key inside the token. */
      readonly keyLabel: string;
      /** Name of the environment variable that holds the user PIN. */
      readonly pinEnv: string;
    };
