// Prometheus metrics in text exposition format 0.0.4: request counts and latency histograms by
// route and status, authorization decisions, vault operations. Labels are route templates,
// methods, statuses, action names and decisions only: never ids, tokens or values.
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type Labels = Readonly<Record<string, string>>;

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labelText = (l: Labels) => {
  const parts = Object.keys(l).sort().map((k) => `${k}="${esc(l[k]!)}"`);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
};

class Counter {
  readonly #values = new Map<string, number>();
  constructor(readonly name: string, readonly help: string) {}
  inc(labels: Labels, by = 1): void {
    const k = labelText(labels);
    this.#values.set(k, (this.#values.get(k) ?? 0) + by);
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [k, v] of this.#values) lines.push(`${this.name}${k} ${v}`);
    return lines.join('\n');
  }
}

class Histogram {
  readonly #series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  constructor(readonly name: string, readonly help: string) {}
  observe(labels: Labels, seconds: number): void {
    const k = labelText(labels);
    let s = this.#series.get(k);
    if (s === undefined) {
      s = { labels, counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.#series.set(k, s);
    }
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) s.counts[i]! += 1;
    s.sum += seconds;
    s.count += 1;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [k, s] of this.#series) {
      BUCKETS.forEach((b, i) => lines.push(`${this.name}_bucket${labelText({ ...s.labels, le: String(b) })} ${s.counts[i]}`));
      lines.push(`${this.name}_bucket${labelText({ ...s.labels, le: '+Inf' })} ${s.count}`);
      lines.push(`${this.name}_sum${k} ${s.sum}`);
      lines.push(`${this.name}_count${k} ${s.count}`);
    }
    return lines.join('\n');
  }
}

/** The server's metrics; one instance per server. */
export class Metrics {
  readonly requests = new Counter('cordon_http_requests_total', 'HTTP requests by route, method and status.');
  readonly latency = new Histogram('cordon_http_request_duration_seconds', 'HTTP request latency by route, method and status.');
  readonly decisions = new Counter('cordon_authz_decisions_total', 'Authorization decisions by action and decision.');
  readonly vault = new Counter('cordon_vault_operations_total', 'Vault batch operations by operation.');
  readonly vaultValues = new Counter('cordon_vault_values_total', 'Values and tokens handled by the vault, by operation.');

  request(route: string, method: string, status: number, seconds: number): void {
    const labels = { route, method, status: String(status) };
    this.requests.inc(labels);
    this.latency.observe(labels, seconds);
  }

  render(): string {
    return [this.requests, this.latency, this.decisions, this.vault, this.vaultValues].map((m) => m.render()).join('\n') + '\n';
  }
}
