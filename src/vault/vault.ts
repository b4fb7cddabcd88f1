// The token vault: tokens for sensitive values, reversible only through the vault. Two formats
// (docs/vault.md#what-is-stored):
//   v2 (default-format tokens): AES-SIV of the value, AD = "cordon-vault-v2" ‖ namespace; the
//      synthetic IV is the token ("tok_v2_…"), the CTR part is stored. The same value gets the same
//      token by construction; a batch is one bulk seal and one insert transaction.
//   v1 (preserve tokens, and default tokens stored before v2): a random token, a keyed HMAC of the
//      value for the convergent lookup, AES-256-GCM with AAD = format ‖ namespace ‖ token. One lookup
//      and one write transaction per call (more only when a drawn token clashes with a stored one).
// Nothing unkeyed about a value is ever stored; a ciphertext moved to another token or namespace
// fails to open.
import { checkWellFormed, CordonError, decryptionFailed } from '../errors.js';
import { aesGcmOpen, aesGcmSeal, aesGcmSealEach, GCM_NONCE_LENGTH } from '../crypto/aes-gcm.js';
import { aesSivOpenEach, aesSivSeal, aesSivSealEach } from '../crypto/aes-siv.js';
import { hmacSha256Each } from '../crypto/hmac.js';
import { randomBytes } from '../crypto/random.js';
import type { Keyring } from '../keys/keyring.js';
import { checkPreservable, checkTokenFormat, drawTokens, formatDomain, type TokenFormat } from './format.js';
import type { SivSealedRow, VaultRow, VaultStore } from './types.js';
import { deriveVaultKey, ensureVaultKeys, VersionKeyCache } from './vault-keys.js';

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });
const FORMAT = 'cordon-vault-v1';
/** Format v2 (default-format tokens): the AES-SIV associated data starts with this. */
const FORMAT_V2 = 'cordon-vault-v2';
/** A v2 token: this header, then the value's 16-byte synthetic IV in base64url (22 characters). */
const V2_PREFIX = 'tok_v2_';
const V2_LENGTH = V2_PREFIX.length + 22;
const V2_AD = enc.encode(FORMAT_V2);
/** No stored token is longer: longer inputs to detokenize are not looked up. */
const MAX_TOKEN_LENGTH = 1024;
/** Draws of a fresh token per value before giving up (each clash is p ≤ fill ratio of the format). */
const MAX_DRAWS = 8;
const NAMESPACE_RE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export interface TokenVaultOptions {
  /** Envelope key whose versions seal the values (default "vault"; created when missing). */
  readonly key?: string;
  /**
   * MAC key for convergent lookup (default "vault-index"; created when missing). Its version 1 is
   * always used: rotating it would give known values new tokens, so it is never rotated.
   */
  readonly indexKey?: string;
}

export interface TokenizeOptions {
  /** Milliseconds since the epoch after which new tokens stop resolving. */
  readonly expiresAt?: number;
  /** The shape of new tokens (default: "tok_" and 22 base64url characters). */
  readonly format?: TokenFormat;
}

function checkNamespace(namespace: string): void {
  if (!NAMESPACE_RE.test(namespace)) throw new CordonError('ERR_INPUT_INVALID', 'a vault namespace is 1-128 letters, digits, ".", "_", ":" or "-", starting with a letter or digit');
}

function aad(namespace: string, token: string): Uint8Array {
  return enc.encode(`${FORMAT}\u0000${namespace}\u0000${token}`);
}

/** nonce ‖ AES-256-GCM(value), bound to its namespace and token. */
function seal(key: Uint8Array, nonce: Uint8Array, namespace: string, token: string, value: string): Uint8Array {
  const sealed = aesGcmSeal(key, nonce, enc.encode(value), aad(namespace, token));
  const out = new Uint8Array(nonce.length + sealed.length);
  out.set(nonce, 0);
  out.set(sealed, nonce.length);
  return out;
}

/**
 * What the index MAC covers. Default format: namespace ‖ 0x00 ‖ value (as since v1). Another
 * format: namespace ‖ 0x01 ‖ format ‖ 0x00 ‖ value. A namespace never holds 0x00 or 0x01, so the
 * two can never meet: a value's token under one format is never returned for another.
 */
function macPrefix(namespace: string, format: TokenFormat): Uint8Array {
  const domain = formatDomain(format);
  return enc.encode(domain === '' ? `${namespace}\u0000` : `${namespace}\u0001${domain}\u0000`);
}

const hexOf = (m: Uint8Array) => Buffer.from(m.buffer, m.byteOffset, m.byteLength).toString('hex');

/** The 16 bytes of a v2 token, or undefined when `token` is not one (only the canonical spelling is). */
function v2Bytes(token: string): Buffer | undefined {
  if (token.length !== V2_LENGTH || !token.startsWith(V2_PREFIX)) return undefined;
  const b64 = token.slice(V2_PREFIX.length);
  const bytes = Buffer.from(b64, 'base64url');
  return bytes.length === 16 && bytes.toString('base64url') === b64 ? bytes : undefined;
}

export class TokenVault {
  readonly #store: VaultStore;
  readonly #keyring: Keyring;
  readonly #key: string;
  readonly #macKey: Uint8Array;
  readonly #sealKeys: VersionKeyCache;
  /** v2: S2V key ‖ CTR key of a vault key version (AES-SIV, 64 bytes), by version. The S2V half comes
   * from the index key (never rotated: it makes the tokens). */
  readonly #sivKeys: VersionKeyCache;

  private constructor(store: VaultStore, keyring: Keyring, key: string, macKey: Uint8Array, sivMacKey: Uint8Array) {
    this.#store = store;
    this.#keyring = keyring;
    this.#key = key;
    this.#macKey = macKey;
    this.#sealKeys = new VersionKeyCache(keyring, key, (m) => deriveVaultKey(m, `${FORMAT} seal`));
    this.#sivKeys = new VersionKeyCache(keyring, key, (m) => {
      const k = new Uint8Array(64);
      k.set(sivMacKey, 0);
      k.set(deriveVaultKey(m, `${FORMAT_V2} ctr`), 32);
      return k;
    });
  }

  /** Opens a vault over `store`, creating its keys in `keyring` on first use. */
  static async open(store: VaultStore, keyring: Keyring, options: TokenVaultOptions = {}): Promise<TokenVault> {
    const key = options.key ?? 'vault';
    const indexKey = options.indexKey ?? 'vault-index';
    const indexMaterial = await ensureVaultKeys(keyring, key, indexKey);
    const macKey = deriveVaultKey(indexMaterial, `${FORMAT} index`);
    const sivMacKey = deriveVaultKey(indexMaterial, `${FORMAT_V2} s2v`);
    return new TokenVault(store, keyring, key, macKey, sivMacKey);
  }

  #sivKey(version: number): Promise<Uint8Array> {
    return this.#sivKeys.get(version);
  }

  #sealKey(version: number): Promise<Uint8Array> {
    return this.#sealKeys.get(version);
  }


  /**
   * Tokens for `values`, in order: an existing token for a value seen before in the namespace (and
   * format), a new random token otherwise. Concurrent callers, in any process, get one token per
   * value; a new token never repeats another value's token in the namespace.
   *
   * @example
   * ```ts
   * await vault.tokenize('payments.card', ['4111 1111 1111 1111'], { format: { kind: 'preserve', keepLast: 4 } });
   * // ['8305 2291 7716 1111']
   * ```
   */
  async tokenize(namespace: string, values: readonly string[], options: TokenizeOptions = {}): Promise<string[]> {
    checkNamespace(namespace);
    const format = checkTokenFormat(options.format);
    if (values.length === 0) return [];
    // The MAC and the seal see UTF-8: a lone surrogate would become U+FFFD and share its token.
    values.forEach((v, i) => checkWellFormed(v, `value ${i + 1} of the batch`, { index: i }));
    if (format.kind === 'token') return this.#tokenizeSiv(namespace, values, options.expiresAt ?? null);
    checkPreservable(values, format);
    const macs = hmacSha256Each(this.#macKey, macPrefix(namespace, format), values);
    const hexes = macs.map(hexOf);
    // Known values first (one read): only new values are sealed and written.
    const byMac = await this.#store.findByMacs(namespace, macs);
    let fresh: number[] = [];
    const queued = new Set<string>();
    hexes.forEach((h, i) => {
      if (!byMac.has(h) && !queued.has(h)) {
        queued.add(h);
        fresh.push(i);
      }
    });
    if (fresh.length > 0) {
      const { version, key: sealKey } = await this.#sealKeys.primary();
      const now = Date.now();
      // A drawn token another value already holds is refused by the store; those values draw
      // again. With 128-bit tokens that never happens; with short preserve formats it may.
      for (let draw = 0; fresh.length > 0; draw++) {
        if (draw === MAX_DRAWS) {
          throw new CordonError('ERR_INPUT_INVALID', `no free token of this format in namespace ${namespace} after ${MAX_DRAWS} draws: the format leaves too little room for the values it holds (lower keepLast or use the default format)`);
        }
        const freshValues = fresh.map((i) => values[i]!);
        const tokens = drawTokens(freshValues, format);
        // One call to the CSPRNG per batch for the nonces.
        const nonces = randomBytes(fresh.length * GCM_NONCE_LENGTH);
        const sealed = aesGcmSealEach(sealKey, tokens.map((token, k) => ({ nonce: nonces.subarray(k * GCM_NONCE_LENGTH, (k + 1) * GCM_NONCE_LENGTH), plaintext: freshValues[k]!, aad: aad(namespace, token) })));
        const rows: VaultRow[] = fresh.map((i, k) => ({ token: tokens[k]!, mac: macs[i]!, ciphertext: sealed[k]!, keyVersion: version, createdAt: now, expiresAt: options.expiresAt ?? null }));
        // putMany returns the stored token for every MAC: ours, or a concurrent writer's.
        for (const [h, t] of await this.#store.putMany(namespace, rows)) byMac.set(h, t);
        fresh = fresh.filter((i) => !byMac.has(hexes[i]!));
      }
    }
    return hexes.map((h) => {
      const t = byMac.get(h);
      if (t === undefined) throw new CordonError('ERR_INTERNAL', 'the vault store returned no token for a value it was given');
      return t;
    });
  }

  /**
   * Format v2: the token is AES-SIV's synthetic IV of the value under the index key, so the same
   * value always gets the same token (no draw, no clash, no lookup before the write) and
   * concurrent writers converge by construction; the store's insert keeps the first row. One batch
   * seal (aesSivSealEach) and one insert transaction per call. A value stored before v2 (a random
   * v1 token, found by its MAC) keeps its v1 token.
   */
  async #tokenizeSiv(namespace: string, values: readonly string[], expiresAt: number | null): Promise<string[]> {
    const { version, key: sivKey } = await this.#sivKeys.primary();
    const { ivs, ciphertexts } = aesSivSealEach(sivKey, [V2_AD, enc.encode(namespace)], values);
    const tokens = new Array<string>(values.length);
    for (let i = 0; i < values.length; i++) tokens[i] = V2_PREFIX + ivs.toString('base64url', i * 16, i * 16 + 16);
    let legacy: Map<string, string> | undefined;
    let macHexes: string[] | undefined;
    if (await this.#store.hasLegacyTokens()) {
      const macs = hmacSha256Each(this.#macKey, macPrefix(namespace, { kind: 'token' }), values);
      macHexes = macs.map(hexOf);
      legacy = await this.#store.findByMacs(namespace, macs);
    }
    if (legacy === undefined || legacy.size === 0) {
      await this.#store.putSiv(namespace, { tokens: ivs, ciphertexts, keyVersion: version, createdAt: Date.now(), expiresAt });
      return tokens;
    }
    // Values with a v1 token keep it; only the others are written as v2 rows.
    const keep: number[] = [];
    for (let i = 0; i < values.length; i++) {
      const old = legacy.get(macHexes![i]!);
      if (old === undefined) keep.push(i);
      else tokens[i] = old;
    }
    if (keep.length > 0) {
      const sub = Buffer.allocUnsafe(keep.length * 16);
      keep.forEach((i, k) => ivs.copy(sub, k * 16, i * 16, i * 16 + 16));
      await this.#store.putSiv(namespace, { tokens: sub, ciphertexts: keep.map((i) => ciphertexts[i]!), keyVersion: version, createdAt: Date.now(), expiresAt });
    }
    return tokens;
  }

  /**
   * The values of `tokens`, in order; `undefined` for a token the namespace does not hold (or
   * that has expired). A token whose ciphertext fails to open fails the call with the one
   * decryption error: that is tampering or a destroyed key, not a missing token.
   */
  async detokenize(namespace: string, tokens: readonly string[]): Promise<Array<string | undefined>> {
    checkNamespace(namespace);
    // The store compares UTF-8: "\ud800" would find a token holding U+FFFD (a preserve format keeps it).
    tokens.forEach((t, i) => { if (typeof t === 'string') checkWellFormed(t, `token ${i + 1} of the batch`, { index: i }); });
    // Any shape may be a token (formats); only what no stored token can be is left out.
    const valid = tokens.filter((t) => typeof t === 'string' && t.length > 0 && t.length <= MAX_TOKEN_LENGTH);
    // v2 tokens by their 16 bytes; every other shape (v1 and preserve tokens) in the v1 table.
    const v2 = new Map<string, Buffer>();
    for (const t of valid) {
      const b = v2Bytes(t);
      if (b !== undefined) v2.set(t, b);
    }
    const sivFound = v2.size === 0 ? new Map() : await this.#store.getSiv(namespace, [...v2.values()]);
    // A v2-shaped token not in the v2 table may still be a preserve token that happens to look like one.
    const v1 = valid.filter((t) => !v2.has(t) || !sivFound.has(hexOf(v2.get(t)!)));
    const found = v1.length === 0 ? new Map() : await this.#store.getMany(namespace, v1);
    const now = Date.now();
    const out = new Array<string | undefined>(tokens.length);
    // v2 rows are opened in one batch per key version (aesSivOpenEach), v1 rows one by one.
    const groups = new Map<number, { at: number[]; ivs: Buffer[]; ciphertexts: Uint8Array[] }>();
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const b = v2.get(t);
      const sivRow = b === undefined ? undefined : sivFound.get(hexOf(b));
      const row = sivRow ?? found.get(t);
      if (row === undefined || (row.expiresAt !== null && row.expiresAt <= now)) {
        out[i] = undefined;
      } else if (sivRow !== undefined) {
        let g = groups.get(row.keyVersion);
        if (g === undefined) groups.set(row.keyVersion, (g = { at: [], ivs: [], ciphertexts: [] }));
        g.at.push(i);
        g.ivs.push(b!);
        g.ciphertexts.push(row.ciphertext);
      } else {
        out[i] = await this.#open(namespace, t, row.ciphertext, row.keyVersion);
      }
    }
    const ad = [V2_AD, enc.encode(namespace)];
    for (const [version, g] of groups) {
      const plaintexts = await this.#openSivEach(ad, version, Buffer.concat(g.ivs), g.ciphertexts);
      g.at.forEach((i, k) => (out[i] = plaintexts[k]));
    }
    return out;
  }

  /** Opens v2 rows of one key version: V ‖ C under its AES-SIV key; V is the token. */
  async #openSivEach(ad: readonly Uint8Array[], version: number, ivs: Uint8Array, ciphertexts: readonly Uint8Array[]): Promise<string[]> {
    const key = await this.#sivKey(version);
    try {
      return aesSivOpenEach(key, ad, ivs, ciphertexts).map((p) => dec.decode(p));
    } catch {
      throw decryptionFailed();
    }
  }

  async #open(namespace: string, token: string, ciphertext: Uint8Array, version: number): Promise<string> {
    const key = await this.#sealKey(version);
    try {
      return dec.decode(aesGcmOpen(key, ciphertext.subarray(0, GCM_NONCE_LENGTH), ciphertext.subarray(GCM_NONCE_LENGTH), aad(namespace, token)));
    } catch {
      throw decryptionFailed();
    }
  }

  /**
   * Re-seals every value stored under an older version of the vault key with the current one, in
   * batches. Tokens and lookups do not change. Returns how many values were re-sealed.
   */
  async rewrap(options: { batch?: number; onProgress?: (done: number) => void } = {}): Promise<{ rewrapped: number; version: number }> {
    const { version } = await this.#keyring.primaryMaterial(this.#key, 'envelope');
    const sealKey = await this.#sealKey(version);
    const batch = options.batch ?? 1000;
    let done = 0;
    for (;;) {
      const stale = await this.#store.staleRows(version, batch);
      if (stale.length === 0) break;
      const updated = [];
      for (const r of stale) {
        const value = await this.#open(r.namespace, r.token, r.ciphertext, r.keyVersion);
        const ciphertext = seal(sealKey, randomBytes(GCM_NONCE_LENGTH), r.namespace, r.token, value);
        updated.push({ namespace: r.namespace, token: r.token, ciphertext, keyVersion: version });
      }
      await this.#store.updateSealed(updated);
      done += updated.length;
      options.onProgress?.(done);
    }
    // v2 rows: the same token (S2V's key does not rotate), C under the new CTR key.
    const sivKey = await this.#sivKey(version);
    for (;;) {
      const stale = await this.#store.staleSivRows(version, batch);
      if (stale.length === 0) break;
      const updated: SivSealedRow[] = [];
      for (const r of stale) {
        const ad = [V2_AD, enc.encode(r.namespace)];
        const [value] = await this.#openSivEach(ad, r.keyVersion, r.token, [r.ciphertext]);
        const sealed = aesSivSeal(sivKey, enc.encode(value!), ad);
        if (!Buffer.from(sealed.subarray(0, 16)).equals(Buffer.from(r.token))) throw new CordonError('ERR_INTERNAL', 'rewrap changed a v2 token');
        updated.push({ namespace: r.namespace, token: r.token, ciphertext: sealed.subarray(16), keyVersion: version });
      }
      await this.#store.updateSivSealed(updated);
      done += updated.length;
      options.onProgress?.(done);
    }
    return { rewrapped: done, version };
  }

  /**
   * Erasure: deletes `tokens` from the namespace (v2 tokens by their 16 bytes, every other shape in
   * the v1 table); a token the namespace does not hold is skipped. Returns how many were deleted.
   * Other values keep their tokens; a deleted value tokenized again gets its token back (v2: the
   * same synthetic IV) but the erased row is not restored.
   */
  async deleteTokens(namespace: string, tokens: readonly string[]): Promise<number> {
    checkNamespace(namespace);
    const v1: string[] = [];
    const v2: Buffer[] = [];
    for (const t of new Set(tokens)) {
      if (typeof t !== 'string' || t.length === 0 || t.length > MAX_TOKEN_LENGTH) continue;
      const b = v2Bytes(t);
      // A v2-shaped string may also be a preserve token in the v1 table: both are tried.
      if (b !== undefined) v2.push(b);
      v1.push(t);
    }
    if (v1.length === 0 && v2.length === 0) return 0;
    return this.#store.deleteTokens(namespace, v1, v2);
  }

  /**
   * Retention: how many tokens of the namespace were first stored before `before` (ms since the
   * epoch); with `remove`, deletes them and returns how many went (VaultStore.createdBefore).
   */
  async createdBefore(namespace: string, before: number, options: { readonly remove?: boolean } = {}): Promise<number> {
    checkNamespace(namespace);
    if (!Number.isSafeInteger(before)) throw new TypeError('createdBefore: before must be milliseconds since the epoch');
    return this.#store.createdBefore(namespace, before, options);
  }

  /** Rewrites the store so deleted tokens leave no bytes behind (see VaultStore.vacuum). */
  async vacuum(): Promise<void> {
    await this.#store.vacuum();
  }

  async close(): Promise<void> {
    await this.#store.close();
  }
}
