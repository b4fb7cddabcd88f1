// Delivery of lineage events to an OpenLineage HTTP endpoint (Marquez-compatible: POST
// {url}/api/v1/lineage, the event as the JSON body). Events wait in a bounded in-memory buffer and
// are sent in order; a failed attempt is retried with exponential backoff; when the endpoint stays
// down the buffer keeps the oldest undelivered events up to its bound and counts what it drops.
// Delivery never throws: the caller gets a report and decides (protect only warns), and the local
// store keeps every event whatever happens here. Warnings name the endpoint without credentials.
import type { RunEvent } from './types.js';

export interface HttpTransportOptions {
  /** The endpoint's base URL (`http://marquez:5000`), or the full `…/api/v1/lineage` URL. */
  readonly url: string;
  /** Sent as `Authorization: Bearer <apiKey>`. */
  readonly apiKey?: string;
  /** Attempts per event before giving up for this flush (default 4). */
  readonly attempts?: number;
  /** Delay before the first retry, doubled each time up to `maxDelayMs` (default 250 / 4000). */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Per-request timeout (default 5000 ms). */
  readonly timeoutMs?: number;
  /** Events held in memory at most (default 1000); beyond it the newest are not buffered. */
  readonly bufferSize?: number;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** An event and the caller's handle for it (the store's sequence number). */
export interface QueuedEvent {
  readonly event: RunEvent;
  readonly key?: number;
}

export interface DeliveryReport {
  readonly delivered: QueuedEvent[];
  /** Refused by the endpoint with a client error (4xx other than 408/429): retrying will not help. */
  readonly rejected: QueuedEvent[];
  /** Still buffered after this flush (the endpoint is unreachable or failing). */
  readonly remaining: number;
  /** Events not buffered because the buffer was full (since the transport was made). */
  readonly dropped: number;
  /** Plain-language problems, without event contents. */
  readonly warnings: string[];
}

/** `{url}/api/v1/lineage`, unless the URL already names that path. */
export function lineageEndpoint(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new TypeError(`not a URL: ${JSON.stringify(url)}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new TypeError(`the lineage endpoint must be http(s), got ${u.protocol}`);
  if (!/\/api\/v1\/lineage\/?$/.test(u.pathname)) u.pathname = `${u.pathname.replace(/\/+$/, '')}/api/v1/lineage`;
  return u;
}

/** The endpoint as shown in messages: no user, password or query. */
function display(u: URL): string {
  return `${u.protocol}//${u.host}${u.pathname}`;
}

function retryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Sends lineage events to an OpenLineage HTTP endpoint with retries and a bounded buffer.
 *
 * @example
 * ```ts
 * const http = new HttpLineageTransport({ url: process.env.CORDON_LINEAGE_URL! });
 * http.enqueue([{ event }]);
 * const report = await http.flush();
 * for (const w of report.warnings) console.warn(w);
 * ```
 */
export class HttpLineageTransport {
  readonly #endpoint: URL;
  readonly #o: Required<Omit<HttpTransportOptions, 'apiKey' | 'url'>> & { apiKey?: string };
  readonly #queue: QueuedEvent[] = [];
  #dropped = 0;

  constructor(options: HttpTransportOptions) {
    this.#endpoint = lineageEndpoint(options.url);
    const attempts = options.attempts ?? 4;
    const bufferSize = options.bufferSize ?? 1000;
    if (!Number.isSafeInteger(attempts) || attempts < 1) throw new TypeError('attempts must be a positive integer');
    if (!Number.isSafeInteger(bufferSize) || bufferSize < 1) throw new TypeError('bufferSize must be a positive integer');
    this.#o = {
      attempts, bufferSize,
      baseDelayMs: options.baseDelayMs ?? 250,
      maxDelayMs: options.maxDelayMs ?? 4000,
      timeoutMs: options.timeoutMs ?? 5000,
      fetch: options.fetch ?? globalThis.fetch,
      sleep: options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
      ...(options.apiKey !== undefined ? { apiKey: options.apiKey } : {}),
    };
  }

  /** The endpoint events are POSTed to. */
  get endpoint(): string {
    return display(this.#endpoint);
  }

  /** Events buffered and not yet delivered. */
  get buffered(): number {
    return this.#queue.length;
  }

  /** Buffers events (in order); returns how many did not fit. */
  enqueue(events: readonly QueuedEvent[]): number {
    let dropped = 0;
    for (const e of events) {
      if (this.#queue.length >= this.#o.bufferSize) {
        dropped++;
        continue;
      }
      this.#queue.push(e);
    }
    this.#dropped += dropped;
    return dropped;
  }

  /** Sends buffered events in order until the buffer is empty or the endpoint keeps failing. */
  async flush(): Promise<DeliveryReport> {
    const delivered: QueuedEvent[] = [];
    const rejected: QueuedEvent[] = [];
    const warnings: string[] = [];
    while (this.#queue.length > 0) {
      const item = this.#queue[0]!;
      const r = await this.#send(item.event);
      if (r.ok) {
        delivered.push(this.#queue.shift()!);
      } else if (!r.retryable) {
        rejected.push(this.#queue.shift()!);
        warnings.push(`lineage endpoint ${this.endpoint} refused a ${item.event.eventType} event of run ${item.event.run.runId}: ${r.reason}`);
      } else {
        // Keep order: later events wait behind the one that failed.
        warnings.push(`lineage endpoint ${this.endpoint} failed ${this.#o.attempts} time(s) (${r.reason}); ${this.#queue.length} event(s) not delivered`);
        break;
      }
    }
    if (this.#dropped > 0) warnings.push(`lineage buffer full (${this.#o.bufferSize} events): ${this.#dropped} event(s) not buffered`);
    return { delivered, rejected, remaining: this.#queue.length, dropped: this.#dropped, warnings };
  }

  async #send(event: RunEvent): Promise<{ ok: true } | { ok: false; retryable: boolean; reason: string }> {
    const body = JSON.stringify(event);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.#o.apiKey !== undefined) headers.authorization = `Bearer ${this.#o.apiKey}`;
    let reason = 'no attempt made';
    for (let attempt = 1; attempt <= this.#o.attempts; attempt++) {
      let wait = Math.min(this.#o.maxDelayMs, this.#o.baseDelayMs * 2 ** (attempt - 1));
      try {
        const res = await this.#o.fetch(this.#endpoint, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.#o.timeoutMs) });
        await res.arrayBuffer().catch(() => undefined);
        if (res.ok) return { ok: true };
        reason = `HTTP ${res.status}`;
        if (!retryable(res.status)) return { ok: false, retryable: false, reason };
        // RFC 9110 §10.2.3: Retry-After in seconds, honoured up to the maximum delay.
        const after = Number(res.headers.get('retry-after'));
        if (Number.isFinite(after) && after > 0) wait = Math.min(this.#o.maxDelayMs, after * 1000);
      } catch (e) {
        reason = e instanceof Error && e.name === 'TimeoutError' ? `no answer within ${this.#o.timeoutMs} ms` : 'connection failed';
      }
      if (attempt < this.#o.attempts) await this.#o.sleep(wait);
    }
    return { ok: false, retryable: true, reason };
  }
}
