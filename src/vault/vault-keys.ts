// The keys of a vault (the token vault and the conversation vault): an envelope key whose versions
// seal the values, and a never-rotated MAC index key from which the lookup keys come. Both are
// created in the keyring on first use; every working key is an HKDF-SHA-256 derivation under a label
// naming the vault's format and purpose, so no two uses share key bytes.
import { hkdfSha256 } from '../crypto/hkdf.js';
import type { Keyring } from '../keys/keyring.js';

const enc = new TextEncoder();

/** HKDF-SHA-256 of `material` to 32 bytes, labelled (no salt: the input is a uniformly random key). */
export function deriveVaultKey(material: Uint8Array, label: string): Uint8Array {
  return hkdfSha256(material, undefined, enc.encode(label), 32);
}

/**
 * Ensures the vault's two keys exist in `keyring` and returns the index key's material (version 1:
 * the index key is never rotated, it makes the lookups).
 */
export async function ensureVaultKeys(keyring: Keyring, key: string, indexKey: string): Promise<Uint8Array> {
  await keyring.ensure(key, 'envelope');
  await keyring.ensure(indexKey, 'mac');
  return keyring.versionMaterial(indexKey, 1, 'mac');
}

/**
 * The working keys derived from each version of a vault's envelope key, derived once per version.
 * Every get() still asks the keyring for the version's material, so a version destroyed or
 * disabled since — by this process or by another one sharing the key store — is refused at once
 * (ERR_KEY_VERSION_DESTROYED / ERR_KEY_VERSION_DISABLED) and its derived key is dropped; only the
 * HKDF is saved. The keyring keeps the unwrapped material, so a get() or a primary() is two
 * key-store reads (the key, then the version).
 */
export class VersionKeyCache {
  readonly #keys = new Map<number, Uint8Array>();

  constructor(
    private readonly keyring: Keyring,
    private readonly key: string,
    private readonly derive: (material: Uint8Array) => Uint8Array,
  ) {}

  async get(version: number): Promise<Uint8Array> {
    let material: Uint8Array;
    try {
      material = await this.keyring.versionMaterial(this.key, version, 'envelope');
    } catch (e) {
      this.#keys.get(version)?.fill(0);
      this.#keys.delete(version);
      throw e;
    }
    return this.#derived(version, material);
  }

  /**
   * The primary version and its working key, from one keyring call: primaryMaterial already checks
   * the key and reads the version's state, so asking again through get() read the same two rows a
   * second time (three key-store reads per request of the service, ~6 % of its event loop).
   */
  async primary(): Promise<{ version: number; key: Uint8Array }> {
    const { version, material } = await this.keyring.primaryMaterial(this.key, 'envelope');
    return { version, key: this.#derived(version, material) };
  }

  #derived(version: number, material: Uint8Array): Uint8Array {
    let k = this.#keys.get(version);
    if (k === undefined) {
      k = this.derive(material);
      this.#keys.set(version, k);
    }
    return k;
  }
}
