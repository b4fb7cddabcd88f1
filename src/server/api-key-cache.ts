// A short-lived cache of verified API keys for the service: without it every request carrying an
// API key read its row from the key store (a SQLite read on the event loop, or a PostgreSQL round
// trip) before anything else ran. Only successes are cached, keyed by the key's id (not secret),
// holding the SHA-256 of the whole presented key: a later request is served from the cache only
// when its own key hashes to the same value, compared in constant time, so a wrong secret for a
// cached id goes to the store and is refused there exactly as before. An entry lives at most
// `ttlMs`: a key revoked or expired in the store stops working within that bound (docs/server.md).
// It never holds the key itself, and never logs.
import { constantTimeEqual, sha256 } from '../crypto/index.js';
import type { Principal } from './principal.js';

export interface ApiKeyCacheOptions {
  /** How long a verified key is trusted without asking the store again; 0 turns the cache off. */
  readonly ttlMs: number;
  /** At most this many keys are held (the oldest entry goes first); default 10,000. */
  readonly maxEntries?: number;
  /** The clock (tests). */
  readonly now?: () => number;
}

interface Entry {
  readonly hash: Uint8Array;
  readonly principal: Principal;
  readonly until: number;
}

/** Up to the key's id: `ck_<24 hex>_`; anything else is not a key and goes to the verifier. */
const ID_RE = /^ck_([0-9a-f]{24})_/;
const enc = new TextEncoder();

/**
 * Wraps an API key verifier with the cache.
 *
 * @example
 * ```ts
 * const verify = cachedApiKeyVerifier((key) => store.verify(key), { ttlMs: 2000 });
 * const principal = await verify(presented); // the store is asked at most once per key per 2 s
 * ```
 */
export function cachedApiKeyVerifier(verify: (key: string) => Promise<Principal>, options: ApiKeyCacheOptions): (key: string) => Promise<Principal> {
  const { ttlMs } = options;
  if (!Number.isFinite(ttlMs) || ttlMs < 0) throw new TypeError('ttlMs must be a number of milliseconds ≥ 0');
  if (ttlMs === 0) return verify;
  const max = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  return async (key) => {
    const id = ID_RE.exec(key)?.[1];
    if (id === undefined) return verify(key);
    const hash = sha256(enc.encode(key));
    const hit = entries.get(id);
    if (hit !== undefined) {
      if (hit.until > now() && constantTimeEqual(hash, hit.hash)) return hit.principal;
      if (hit.until <= now()) entries.delete(id);
    }
    // A refusal throws here and is never cached.
    const principal = await verify(key);
    const t = now();
    entries.delete(id);
    if (entries.size >= max) entries.delete(entries.keys().next().value!);
    entries.set(id, { hash, principal, until: t + ttlMs });
    return principal;
  };
}
