// The conversation vault: the values behind an LLM guard's placeholders (<PERSON_1>), scoped by
// tenant and conversation, sealed with AES-256-GCM under the workspace's "guard-vault" envelope key
// (wrapped by the master key like every key in the keyring) with AAD = format ‖ tenant ‖
// conversation ‖ placeholder, so a ciphertext moved to another placeholder, conversation or tenant
// fails to open. "Same value → same placeholder" goes through a keyed HMAC of the value (the
// "guard-vault-index" key, scope-prefixed): nothing unkeyed about a value is stored. Every row has
// an expiry (TTL); an expired placeholder no longer resolves. Never put a value in an error.
import { checkWellFormed, CordonError, decryptionFailed } from '../../errors.js';
import { aesGcmOpen, aesGcmSeal, GCM_NONCE_LENGTH } from '../../crypto/aes-gcm.js';
import { deriveVaultKey, ensureVaultKeys, VersionKeyCache } from '../vault-keys.js';
import { hmacSha256Each } from '../../crypto/hmac.js';
import { randomBytes } from '../../crypto/random.js';
import type { Keyring } from '../../keys/keyring.js';
import type { ConversationScope, ConversationStore } from './types.js';

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });
const FORMAT = 'cordon-guard-vault-v1';
const SCOPE_RE = /^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}$/;
/** Default time to live of a placeholder: 24 hours after it was last placed. */
export const DEFAULT_PLACEHOLDER_TTL_MS = 24 * 3600 * 1000;
/** Longest TTL accepted: 90 days. */
export const MAX_PLACEHOLDER_TTL_MS = 90 * 24 * 3600 * 1000;
/** Longest value placed (characters): detection spans are short; a longer one is a misuse. */
const MAX_VALUE_LENGTH = 4096;

/** One value to hide and the entity detection called it. */
export interface PlaceValue {
  readonly value: string;
  readonly entity: string;
}

/**
 * The placeholder label of an entity: upper case, every character outside A-Z, 0-9 and "_" becomes
 * "_", at most 40 characters, "ENTITY" when nothing is left. So placeholders always have the one
 * shape the restorer parses: "<" [A-Z][A-Z0-9_]* "_" digits ">".
 */
export function placeholderLabel(entity: string): string {
  let s = entity.toUpperCase().replace(/[^A-Z0-9_]/g, '_').slice(0, 40);
  if (!/^[A-Z]/.test(s)) s = `E_${s}`.slice(0, 40);
  return s === 'E_' ? 'ENTITY' : s;
}

function checkScope(scope: ConversationScope): void {
  if (typeof scope !== 'object' || scope === null) throw new TypeError('scope must be { tenant, conversation }');
  if (typeof scope.tenant !== 'string' || !SCOPE_RE.test(scope.tenant)) throw new CordonError('ERR_INPUT_INVALID', 'a tenant is 1-128 letters, digits, ".", "_", ":", "@", "/" or "-", starting with a letter or digit');
  if (typeof scope.conversation !== 'string' || !SCOPE_RE.test(scope.conversation)) throw new CordonError('ERR_INPUT_INVALID', 'a conversation id is 1-128 letters, digits, ".", "_", ":", "@", "/" or "-", starting with a letter or digit');
}

function aad(scope: ConversationScope, placeholder: string): Uint8Array {
  return enc.encode(`${FORMAT}\u0000${scope.tenant}\u0000${scope.conversation}\u0000${placeholder}`);
}

export interface ConversationVaultOptions {
  /** Envelope key whose versions seal the values (default "guard-vault"; created when missing). */
  readonly key?: string;
  /** MAC key for "same value → same placeholder" (default "guard-vault-index"; version 1, never rotated). */
  readonly indexKey?: string;
  /** Clock (tests). */
  readonly now?: () => number;
}

/**
 * @example
 * ```ts
 * const vault = await ConversationVault.open(SqliteConversationStore.open('guard-vault.db'), keyring);
 * await vault.place({ tenant: 'acme', conversation: 'c-42' }, [{ value: 'Ada Lovelace', entity: 'PERSON' }]);
 * // ['<PERSON_1>']
 * ```
 */
export class ConversationVault {
  readonly #store: ConversationStore;
  readonly #macKey: Uint8Array;
  readonly #now: () => number;
  readonly #sealKeys: VersionKeyCache;

  private constructor(store: ConversationStore, keyring: Keyring, key: string, macKey: Uint8Array, now: () => number) {
    this.#store = store;
    this.#macKey = macKey;
    this.#now = now;
    this.#sealKeys = new VersionKeyCache(keyring, key, (m) => deriveVaultKey(m, `${FORMAT} seal`));
  }

  /** Opens a vault over `store`, creating its keys in `keyring` on first use. */
  static async open(store: ConversationStore, keyring: Keyring, options: ConversationVaultOptions = {}): Promise<ConversationVault> {
    const key = options.key ?? 'guard-vault';
    const indexKey = options.indexKey ?? 'guard-vault-index';
    const macKey = deriveVaultKey(await ensureVaultKeys(keyring, key, indexKey), `${FORMAT} index`);
    return new ConversationVault(store, keyring, key, macKey, options.now ?? Date.now);
  }

  #sealKey(version: number): Promise<Uint8Array> {
    return this.#sealKeys.get(version);
  }


  /**
   * The placeholder of each value, in order: the one the conversation already gave the value, or
   * the entity's next number. Concurrent callers in any process get one placeholder per value and
   * never one number for two values. `ttlMs` (default 24 h) pushes the expiry of every value placed.
   */
  async place(scope: ConversationScope, values: readonly PlaceValue[], options: { ttlMs?: number } = {}): Promise<string[]> {
    checkScope(scope);
    const ttl = options.ttlMs ?? DEFAULT_PLACEHOLDER_TTL_MS;
    if (!Number.isInteger(ttl) || ttl < 1000 || ttl > MAX_PLACEHOLDER_TTL_MS) throw new CordonError('ERR_INPUT_INVALID', `a placeholder TTL is a whole number of milliseconds from 1000 to ${MAX_PLACEHOLDER_TTL_MS}`);
    if (values.length === 0) return [];
    values.forEach((v, i) => {
      if (typeof v?.value !== 'string' || typeof v.entity !== 'string') throw new TypeError('values are { value, entity } strings');
      checkWellFormed(v.value, `value ${i + 1} of the batch`, { index: i });
      if (v.value.length === 0 || v.value.length > MAX_VALUE_LENGTH) throw new CordonError('ERR_INPUT_INVALID', `value ${i + 1} of the batch is empty or longer than ${MAX_VALUE_LENGTH} characters`, { details: { index: i } });
    });
    const macs = hmacSha256Each(this.#macKey, enc.encode(`${scope.tenant}\u0000${scope.conversation}\u0000`), values.map((v) => v.value));
    const { version, key } = await this.#sealKeys.primary();
    const now = this.#now();
    const seal = (placeholder: string, index: number): Uint8Array => {
      const nonce = randomBytes(GCM_NONCE_LENGTH);
      const sealed = aesGcmSeal(key, nonce, enc.encode(values[index]!.value), aad(scope, placeholder));
      const out = new Uint8Array(nonce.length + sealed.length);
      out.set(nonce, 0);
      out.set(sealed, nonce.length);
      return out;
    };
    return this.#store.place(scope, values.map((v, i) => ({ mac: macs[i]!, entity: placeholderLabel(v.entity) })), seal, version, now, now + ttl);
  }

  /**
   * The values behind `placeholders` in the conversation, by placeholder; unknown or expired ones
   * are absent. A ciphertext that fails to open fails the call with the one decryption error.
   * Callers decide first whether the caller may see values (guard:restore): this does not.
   */
  async resolve(scope: ConversationScope, placeholders: readonly string[]): Promise<Map<string, string>> {
    checkScope(scope);
    const wanted = [...new Set(placeholders.filter((p) => typeof p === 'string' && p.length > 0 && p.length <= 64))];
    const out = new Map<string, string>();
    if (wanted.length === 0) return out;
    const found = await this.#store.getMany(scope, wanted);
    const now = this.#now();
    // One key-store read pair per key version in the answer, not per placeholder: a version's state
    // is checked once for the call (a version destroyed during the call fails the next call).
    const keys = new Map<number, Uint8Array>();
    for (const [p, row] of found) {
      if (row.expiresAt <= now) continue;
      let key = keys.get(row.keyVersion);
      if (key === undefined) {
        key = await this.#sealKey(row.keyVersion);
        keys.set(row.keyVersion, key);
      }
      try {
        out.set(p, dec.decode(aesGcmOpen(key, row.ciphertext.subarray(0, GCM_NONCE_LENGTH), row.ciphertext.subarray(GCM_NONCE_LENGTH), aad(scope, p))));
      } catch {
        throw decryptionFailed();
      }
    }
    return out;
  }

  /** Deletes every expired placeholder (all tenants); returns how many. */
  async purgeExpired(): Promise<number> {
    return this.#store.purgeExpired(this.#now());
  }

  async close(): Promise<void> {
    await this.#store.close();
  }
}
