// Rate limits behind one small interface (`RateLimiter`: take and peek), so the store can change
// (issue 14: @fastify/rate-limit) without touching the hooks. The implementation here is a token
// bucket per key — a principal, or a client address for failed credentials: `rate` tokens a second
// up to `burst`. In memory and per instance; a refused request gets 429 with Retry-After in whole
// seconds. Buckets idle long enough to be full again are dropped.

/** A limiter's answer: allowed, or how many whole seconds until a request would be. */
export type RateVerdict = { readonly allowed: true } | { readonly allowed: false; readonly retryAfter: number };

/** What the server needs from a rate limiter. */
export interface RateLimiter {
  /** Takes one unit for `key`: allowed, or refused with the seconds to wait. */
  take(key: string): RateVerdict;
  /** Whether `take(key)` would be allowed now, without taking anything. */
  peek(key: string): RateVerdict;
}

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

export class TokenBucketLimiter implements RateLimiter {
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

  take(key: string): RateVerdict {
    const now = this.#now();
    let b = this.#buckets.get(key);
    if (b === undefined) {
      if (this.#buckets.size >= this.#maxKeys) this.#evict(now);
      b = { tokens: this.#burst, at: now };
      this.#buckets.set(key, b);
    } else {
      b.tokens = this.#refilled(b, now);
      b.at = now;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { allowed: true };
    }
    return this.#refusal(b.tokens);
  }

  peek(key: string): RateVerdict {
    const b = this.#buckets.get(key);
    if (b === undefined) return { allowed: true };
    const tokens = this.#refilled(b, this.#now());
    return tokens >= 1 ? { allowed: true } : this.#refusal(tokens);
  }

  #refilled(b: Bucket, now: number): number {
    return Math.min(this.#burst, b.tokens + (Math.max(0, now - b.at) / 1000) * this.#rate);
  }

  #refusal(tokens: number): RateVerdict {
    return { allowed: false, retryAfter: Math.max(1, Math.ceil((1 - tokens) / this.#rate)) };
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
