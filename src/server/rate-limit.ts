// Rate limits through @fastify/rate-limit, behind one small interface (`RateLimiter`: take and
// peek) so the hooks in app.ts do not depend on the plugin. Each limiter is a counter per key — a
// principal, or a client address for failed credentials — over a fixed window: `burst` requests per
// `burst / rate` seconds, so the sustained rate is `rate` a second. The counters live in memory (one
// instance), or in Redis (an ioredis client, CORDON_RATE_LIMIT_URL) so that several instances
// behind a load balancer share one budget per key. A refused request gets 429 with Retry-After:
// the whole seconds until the window ends. When the store cannot be reached the request is refused
// with 503 ERR_STORE_UNAVAILABLE (fail closed), never let through unlimited.
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { CordonError } from '../errors.js';

/** A limiter's answer: allowed, or how many whole seconds until a request would be. */
export type RateVerdict = { readonly allowed: true } | { readonly allowed: false; readonly retryAfter: number };

/** What the server needs from a rate limiter. */
export interface RateLimiter {
  /** Counts one request of `key`: allowed, or refused with the seconds to wait. */
  take(request: FastifyRequest, key: string): Promise<RateVerdict>;
  /** Whether `take` would be allowed now, without counting anything. */
  peek(request: FastifyRequest, key: string): Promise<RateVerdict>;
}

export interface RateLimitOptions {
  /** Requests per second, sustained. */
  readonly rate: number;
  /** Requests allowed in one window (the window is burst / rate seconds). */
  readonly burst: number;
}

/** Where the counters live. */
export type RateLimitStore = { readonly kind: 'memory' } | { readonly kind: 'redis'; readonly client: Redis };

/** Keys tracked per limiter in memory; the least recently used go first past it. */
const MEMORY_KEYS = 100_000;
/** Prefix of every counter in Redis, so a shared Redis can hold other data. */
const REDIS_NAMESPACE = 'cordon:rate-limit:';

/**
 * Registers @fastify/rate-limit on `app` (no route gets its automatic hook: app.ts decides when a
 * request is counted) and returns a factory for limiters. Limiters can be made before the app is
 * ready; they are usable once it is.
 */
export function registerRateLimits(app: FastifyInstance, store: RateLimitStore = { kind: 'memory' }): (options: RateLimitOptions) => RateLimiter {
  void app.register(fastifyRateLimit, {
    global: false,
    skipOnError: false,
    ...(store.kind === 'redis' ? { redis: store.client, nameSpace: REDIS_NAMESPACE } : { cache: MEMORY_KEYS }),
  });
  return (options) => {
    if (!(options.rate > 0) || !(options.burst >= 1)) throw new TypeError('rate must be > 0 and burst >= 1');
    const windowMs = Math.ceil((options.burst / options.rate) * 1000);
    const keys = new WeakMap<FastifyRequest, string>();
    let check: ReturnType<FastifyInstance['createRateLimit']> | undefined;
    const run = async (request: FastifyRequest, key: string, increment: boolean) => {
      check ??= app.createRateLimit({ max: Math.floor(options.burst), timeWindow: windowMs, keyGenerator: (r) => keys.get(r)!, cache: MEMORY_KEYS } as Parameters<FastifyInstance['createRateLimit']>[0]);
      keys.set(request, key);
      try {
        return await check(request, { increment });
      } catch {
        throw new CordonError('ERR_STORE_UNAVAILABLE', 'the rate-limit store cannot be reached; the request was not served');
      }
    };
    const refusal = (ttlInSeconds: number): RateVerdict => ({ allowed: false, retryAfter: Math.max(1, ttlInSeconds) });
    return {
      async take(request, key) {
        const r = await run(request, key, true);
        return r.isAllowed || !r.isExceeded ? { allowed: true } : refusal(r.ttlInSeconds);
      },
      async peek(request, key) {
        const r = await run(request, key, false);
        return r.isAllowed || r.remaining > 0 ? { allowed: true } : refusal(r.ttlInSeconds);
      },
    };
  };
}
