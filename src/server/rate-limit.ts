// A token bucket per principal (or per client address before authentication succeeds): `rate`
// tokens a second up to `burst`. In memory and per instance; a request over the rate gets 429
// with Retry-After in whole seconds. Buckets idle long enough to be full again are dropped.
export interface RateLimitOptions {
  /** Requests per second, sustained. */
  readonly rate: number;
  /** Requests allowed at once. */
  readonly burst: number;
  /** The clock in milliseconds (tests). */
  readonly now?: () => number;
  /** Upper bound on tracked buckets; the oldest are dropped past it. */
  readonly maxKeys?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBucketLimiter {
  readonly #rate: number;
  readonly #burst: number;
  readonly #now: () => number;
  readonly #maxKeys: number;
  readonly #buckets = new Map<string, Bucket>();

  constructor(options: RateLimitOptions) {
    if (!(options.rate > 0) || !(options.burst >= 1)) throw new TypeError('rate must be > 0 and burst >= 1');
    this.#rate = options.rate;
    this.#burst = options.burst;
    this.#now = options.now ?? Date.now;
    this.#maxKeys = options.maxKeys ?? 100_000;
  }

  /** Takes one token for `key`: `{ allowed: true }`, or how many seconds until one is available. */
  take(key: string): { allowed: true } | { allowed: false; retryAfter: number } {
    const now = this.#now();
    let b = this.#buckets.get(key);
    if (b === undefined) {
      if (this.#buckets.size >= this.#maxKeys) this.#evict(now);
      b = { tokens: this.#burst, at: now };
      this.#buckets.set(key, b);
    } else {
      b.tokens = Math.min(this.#burst, b.tokens + ((now - b.at) / 1000) * this.#rate);
      b.at = now;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfter: Math.max(1, Math.ceil((1 - b.tokens) / this.#rate)) };
  }

  #evict(now: number): void {
    const full = (this.#burst / this.#rate) * 1000;
    for (const [k, b] of this.#buckets) if (now - b.at >= full) this.#buckets.delete(k);
    // Still too many: drop the oldest insertions (Map keeps insertion order).
    for (const k of this.#buckets.keys()) {
      if (this.#buckets.size < this.#maxKeys) break;
      this.#buckets.delete(k);
    }
  }
}
