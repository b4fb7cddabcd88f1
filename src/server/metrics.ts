// Prometheus metrics through prom-client, one registry per server (several servers in one process
// never share counters): request counts and latency histograms by route and status, authorization
// decisions, vault operations, rate-limit refusals, the process and Node.js runtime metrics
// (CPU, memory, event-loop lag, GC, handles) and cordon_build_info. Labels are route templates,
// methods, statuses, action names and decisions only: never ids, tokens or values.
import { readFileSync } from 'node:fs';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The package version, read once (dist/src/server/ → package.json). */
const VERSION = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The server's metrics; one instance (and one registry) per server. */
export class Metrics {
  readonly registry = new Registry();
  readonly requests = new Counter({ name: 'cordon_http_requests_total', help: 'HTTP requests by route, method and status.', labelNames: ['route', 'method', 'status'] as const, registers: [this.registry] });
  readonly latency = new Histogram({ name: 'cordon_http_request_duration_seconds', help: 'HTTP request latency by route, method and status.', labelNames: ['route', 'method', 'status'] as const, buckets: BUCKETS, registers: [this.registry] });
  readonly decisions = new Counter({ name: 'cordon_authz_decisions_total', help: 'Authorization decisions by action and decision.', labelNames: ['action', 'decision'] as const, registers: [this.registry] });
  readonly vault = new Counter({ name: 'cordon_vault_operations_total', help: 'Vault batch operations by operation.', labelNames: ['op'] as const, registers: [this.registry] });
  readonly vaultValues = new Counter({ name: 'cordon_vault_values_total', help: 'Values and tokens handled by the vault, by operation.', labelNames: ['op'] as const, registers: [this.registry] });

  readonly retentionRuns = new Counter({ name: 'cordon_retention_runs_total', help: 'Scheduled retention runs by outcome (success, failure).', labelNames: ['outcome'] as const, registers: [this.registry] });
  readonly retentionRemoved = new Counter({ name: 'cordon_retention_removed_total', help: 'What scheduled retention runs removed, by tier (outputs, column_outputs: outputs whose columns past their own retention were set to null, tokens, subject_keys, rag_chunks, key_versions).', labelNames: ['tier'] as const, registers: [this.registry] });
  readonly retentionLastSuccess = new Gauge({ name: 'cordon_retention_last_success_timestamp_seconds', help: 'When the last scheduled retention run finished (Unix time).', registers: [this.registry] });

  constructor() {
    new Gauge({ name: 'cordon_build_info', help: 'Cordon build: version and Node.js version (always 1).', labelNames: ['version', 'node_version'] as const, registers: [this.registry] })
      .set({ version: VERSION, node_version: process.versions.node }, 1);
    // process_* and nodejs_* under their usual names, so standard dashboards work unchanged.
    collectDefaultMetrics({ register: this.registry });
  }

  request(route: string, method: string, status: number, seconds: number): void {
    const labels = { route, method, status: String(status) };
    this.requests.inc(labels);
    this.latency.observe(labels, seconds);
  }

  /** The exposition text (Prometheus text format 0.0.4). */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  /** Its content type. */
  get contentType(): string {
    return this.registry.contentType;
  }
}
