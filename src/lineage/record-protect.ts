// The one call the protect command makes per phase: build the RunEvent, keep it in the lineage
// store at the given location (lineage.db or PostgreSQL), and, when an endpoint is configured,
// deliver it (with any earlier undelivered events, oldest first). A failing endpoint never fails the
// run: the events stay in the store as pending, the result carries warnings, and the next run or
// `cordon lineage send` delivers them.
// After an endpoint keeps failing, this process does not retry it for a minute, so a run whose
// endpoint is down waits for the retries once, not at START and again at COMPLETE.
import { resolveLineageConfig } from './config.js';
import { HttpLineageTransport, type HttpTransportOptions } from './http-transport.js';
import { lineageForProtect, type ProtectLineageInput } from './protect-events.js';
import { lineageForErasure, type ErasureLineageInput } from './erase-events.js';
import { lineageLocationName, openLineageStore, type LineageLocation } from './store/open.js';
import type { LineageStore } from './store/types.js';
import type { RunEvent } from './types.js';

export interface RecordLineageOptions {
  /** The workspace whose config.json may name the endpoint (`lineage.url`, …); absent: the environment alone. */
  readonly home?: string;
  /** Default: process.env (CORDON_LINEAGE_URL, CORDON_LINEAGE_API_KEY, CORDON_LINEAGE_NAMESPACE). */
  readonly env?: NodeJS.ProcessEnv;
  /** Overrides for the HTTP transport (tests: delays, fetch). */
  readonly http?: Partial<Omit<HttpTransportOptions, 'url' | 'apiKey'>>;
}

export interface DeliveryResult {
  /** The endpoint (without credentials), when one is configured. */
  readonly endpoint?: string;
  readonly delivered: number;
  /** Events still waiting in the store for the endpoint. */
  readonly pending: number;
  /** Plain-language warnings for the user; never event contents. */
  readonly warnings: string[];
}

export interface RecordLineageResult extends DeliveryResult {
  readonly event: RunEvent;
}

/**
 * Endpoints that just kept failing, by URL, with when: a run records START and then COMPLETE, and
 * an endpoint that is down should delay it once, not at every phase. Per process; `send` ignores it.
 */
const recentlyDown = new Map<string, number>();
const DOWN_FOR_MS = 60_000;

async function deliver(store: LineageStore, where: string, url: string, apiKey: string | undefined, o: RecordLineageOptions, force: boolean): Promise<DeliveryResult> {
  const http = new HttpLineageTransport({ ...o.http, url, ...(apiKey !== undefined ? { apiKey } : {}) });
  const keep = (pending: number): string => `${pending} lineage event(s) kept in ${where} for delivery later (cordon lineage send)`;
  const downAt = recentlyDown.get(url);
  if (!force && downAt !== undefined && Date.now() - downAt < DOWN_FOR_MS) {
    const pending = await store.countPending();
    return { endpoint: http.endpoint, delivered: 0, pending, warnings: [`lineage endpoint ${http.endpoint} failed ${Math.round((Date.now() - downAt) / 1000)} s ago; not retried now`, keep(pending)] };
  }
  const bufferSize = o.http?.bufferSize ?? 1000;
  http.enqueue((await store.pending(bufferSize)).map((s) => ({ event: s.event, key: s.seq })));
  const report = await http.flush();
  await store.markDelivered(report.delivered.map((d) => d.key!));
  await store.markRejected(report.rejected.map((d) => d.key!));
  if (report.remaining > 0) recentlyDown.set(url, Date.now());
  else recentlyDown.delete(url);
  const pending = await store.countPending();
  const warnings = [...report.warnings];
  if (pending > 0) warnings.push(keep(pending));
  return { endpoint: http.endpoint, delivered: report.delivered.length, pending, warnings };
}

/**
 * Records one phase of a protect run: the event goes to the lineage store at `location` and, when
 * configured, to the OpenLineage endpoint. Throws only if the store cannot be written (ERR_IO);
 * endpoint problems come back as `warnings`.
 *
 * @example
 * ```ts
 * const at: LineageLocation = { kind: 'sqlite', path: join(ws.home, LINEAGE_DB_FILE) };
 * const base = { contract, dataset: f.dataset, runId: newRunId(), cordonVersion: VERSION };
 * await recordProtectLineage(at, { ...base, phase: 'start', input, output }, { home: ws.home });
 * const manifest = await protectFile({ ... });
 * const r = await recordProtectLineage(at, { ...base, phase: 'complete', manifest }, { home: ws.home });
 * for (const w of r.warnings) notice(w);
 * ```
 */
export async function recordProtectLineage(location: LineageLocation, input: ProtectLineageInput, options: RecordLineageOptions = {}): Promise<RecordLineageResult> {
  const config = resolveLineageConfig(options.home, options.env ?? process.env);
  const event = lineageForProtect({ ...(config.namespace !== undefined ? { jobNamespace: config.namespace } : {}), ...input });
  return storeAndDeliver(location, event, config, options);
}

/** Records an erasure's event (erase-events.ts) like a protect run's phase: in the store, then to the endpoint when configured. */
export async function recordErasureLineage(location: LineageLocation, input: ErasureLineageInput, options: RecordLineageOptions = {}): Promise<RecordLineageResult> {
  const config = resolveLineageConfig(options.home, options.env ?? process.env);
  const event = lineageForErasure({ ...(config.namespace !== undefined ? { jobNamespace: config.namespace } : {}), ...input });
  return storeAndDeliver(location, event, config, options);
}

/** Delivers the events waiting in the store at `location` to the configured endpoint (`cordon lineage send`). */
export async function sendPendingLineage(location: LineageLocation, options: RecordLineageOptions = {}): Promise<DeliveryResult> {
  const config = resolveLineageConfig(options.home, options.env ?? process.env);
  const store = await openLineageStore(location);
  try {
    if (config.url === undefined) return { delivered: 0, pending: await store.countPending(), warnings: ['no lineage endpoint is configured (CORDON_LINEAGE_URL)'] };
    return await deliver(store, lineageLocationName(location), config.url, config.apiKey, options, true);
  } finally {
    await store.close();
  }
}

/** One event into the lineage store, then to the endpoint when one is configured. */
async function storeAndDeliver(location: LineageLocation, event: RecordLineageResult['event'], config: ReturnType<typeof resolveLineageConfig>, options: RecordLineageOptions): Promise<RecordLineageResult> {
  const store = await openLineageStore(location, { pending: config.url !== undefined });
  try {
    await store.emit([event]);
    if (config.url === undefined) return { event, delivered: 0, pending: 0, warnings: [] };
    return { event, ...(await deliver(store, lineageLocationName(location), config.url, config.apiKey, options, false)) };
  } finally {
    await store.close();
  }
}
