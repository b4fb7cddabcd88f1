// Requests refused by a rate limit are not audited one by one: a flood would cost one audit write
// per request (issue 12: 7,287 bogus API keys wrote 7,287 events in 5 s). They are counted per
// limiter key (a client address, or a principal) and each interval every key with refusals gets
// ONE summary event with the count, the first and last time and the actions asked for. So a flood
// costs O(1) audit writes per address (or principal) per interval, and memory is bounded: past
// `maxKeys` keys the tally is written out early. It must never hold a credential: keys are
// addresses and principal ids, never what the caller sent.

/** One key's refusals in one interval. */
export interface RefusalSummary {
  /** `unauthenticated` for an address's refusals, else the principal's id. */
  readonly principal: string;
  /** The client address (of the first refusal, for a principal). */
  readonly source: string;
  readonly count: number;
  /** ISO-8601 times of the first and the last refusal counted. */
  readonly first: string;
  readonly last: string;
  /** The actions the refused requests asked for, sorted, comma-separated. */
  readonly actions: string;
}

export interface RefusalTallyOptions {
  /** Receives one summary per key per interval; a throw is reported to `onError`, never to a caller. */
  readonly emit: (summary: RefusalSummary) => void;
  /** Called after each non-empty write-out (e.g. to make the events durable); may reject. */
  readonly afterEmit?: () => Promise<void>;
  readonly onError?: (e: unknown) => void;
  /** Milliseconds per interval (default 60 s). */
  readonly intervalMs?: number;
  /** Keys held before the tally is written out early (default 10,000). */
  readonly maxKeys?: number;
  readonly now?: () => number;
}

interface Entry {
  principal: string;
  source: string;
  count: number;
  first: number;
  last: number;
  actions: Set<string>;
}

export class RefusalTally {
  readonly #emit: RefusalTallyOptions['emit'];
  readonly #afterEmit: RefusalTallyOptions['afterEmit'];
  readonly #onError: (e: unknown) => void;
  readonly #intervalMs: number;
  readonly #maxKeys: number;
  readonly #now: () => number;
  #entries = new Map<string, Entry>();
  #timer: NodeJS.Timeout | undefined;

  constructor(options: RefusalTallyOptions) {
    this.#emit = options.emit;
    this.#afterEmit = options.afterEmit;
    this.#onError = options.onError ?? (() => {});
    this.#intervalMs = options.intervalMs ?? 60_000;
    this.#maxKeys = options.maxKeys ?? 10_000;
    this.#now = options.now ?? Date.now;
    if (!(this.#intervalMs >= 1) || !(this.#maxKeys >= 1)) throw new TypeError('intervalMs and maxKeys must be >= 1');
  }

  /** Counts one refused request under `key` (the limiter key it was refused by). */
  count(key: string, who: { principal: string; source: string }, action: string): void {
    const now = this.#now();
    let e = this.#entries.get(key);
    if (e === undefined) {
      if (this.#entries.size >= this.#maxKeys) this.flush();
      e = { principal: who.principal, source: who.source, count: 0, first: now, last: now, actions: new Set() };
      this.#entries.set(key, e);
      this.#timer ??= setInterval(() => this.flush(), this.#intervalMs).unref();
    }
    e.count += 1;
    e.last = now;
    e.actions.add(action);
  }

  /** Emits one summary per key counted since the last write-out, and starts a new interval. */
  flush(): void {
    const entries = this.#entries;
    if (entries.size === 0) {
      if (this.#timer !== undefined) clearInterval(this.#timer);
      this.#timer = undefined;
      return;
    }
    this.#entries = new Map();
    for (const e of entries.values()) {
      try {
        this.#emit({
          principal: e.principal, source: e.source, count: e.count,
          first: new Date(e.first).toISOString(), last: new Date(e.last).toISOString(), actions: [...e.actions].sort().join(','),
        });
      } catch (err) {
        this.#onError(err);
      }
    }
    this.#afterEmit?.().catch(this.#onError);
  }

  /** Writes out what is counted and stops the interval timer (server close). */
  close(): void {
    this.flush();
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
