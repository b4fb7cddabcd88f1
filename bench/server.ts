// `npm run bench:server [-- --duration S --connections C --batch N --rate R --target-new V --target-known V --store sqlite,postgres --writes thread,inline --audit thread,inline --durability sync,batch]`: the API under
// load over mutual TLS on loopback, once per store. The server runs in a child process (this file
// with --serve): a fresh workspace — local files, or a shared PostgreSQL store in a scratch schema
// (CORDON_TEST_PG_URL or --pg URL) — with a random master key, a Cedar permit-all policy through
// the same hooks as production, and the workspace's real Merkle audit log (one authz.decision event
// per request, stored before the response, in groups). autocannon (this process) drives it.
// Scenarios: a no-op endpoint through the same stack (authentication, rate limit, schema,
// authorization, audit, metrics: the ceiling), tokenize batches of --batch (default 1,000, the API's
// largest) new values, the same for known values, detokenize batches, and single-value tokenize flat
// out on 4 connections and at a fixed rate (--rate, default 1,000 req/s), then batches of new and
// known values at the issue's target values/s, paced (open loop). Prints requests/s,
// values/s, p50/p99 latency, the server's CPU seconds (user + system, all its threads) beside the
// wall seconds of each scenario, the server's event-loop delay (p99 and max, perf_hooks, 1 ms
// resolution: how long a request that arrived could not even start, whatever the client's own
// scheduling on a loaded machine), and the ratio to the ceiling. Client and server share the machine,
// so the figures are a floor for a separate client. On Linux each row also prints the CPU seconds of
// the server's main thread alone (the event loop; the vault's writer thread and the checkpointers are
// the rest) and its µs a value: the load changes wall times, not that. Each row also prints the
// latency inside the server (first hook to answer written, p50/p99): the client's p99 minus that
// is the client's and the kernel's. --durability (default both,
// in the same run): the audit durability, `sync` (an answer waits for its event's fdatasync, the
// default) and `batch` (committed before the answer, synced within 20 ms: docs/server.md#audit-durability).
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Type } from '@sinclair/typebox';
import { randomBytes } from '../src/crypto/random.js';
import { DEFAULT_RECOGNIZERS } from '../src/detect/registry.js';
import pg from 'pg';
import { PolicyEngine } from '../src/policy/policy-engine.js';
import { buildServer } from '../src/server/app.js';
import { batchDurability, SYNC_DURABILITY } from '../src/audit/durability.js';
import { createDevCerts, type DevCerts } from '../src/server/certs.js';
import type { RouteSpec } from '../src/server/route.js';
import { initWorkspace } from '../src/workspace/workspace.js';

interface Histogram { p50: number; p99: number; average: number }
interface Result { requests: Histogram & { total: number }; latency: Histogram; non2xx: number; errors: number; duration: number }
interface Request { method: string; path: string; headers: Record<string, string>; body?: string; setupRequest?: (r: Request) => Request }
type Autocannon = (o: Record<string, unknown>) => Promise<Result>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};

const NOOP: RouteSpec = {
  method: 'POST', url: '/v1/noop', summary: 'benchmark ceiling', tags: ['bench'], action: 'tokenize',
  resource: ({ body }) => ({ type: 'column', id: (body as { namespace: string }).namespace, attributes: {} }),
  body: Type.Object({ namespace: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$' }), values: Type.Array(Type.String({ maxLength: 4096 }), { maxItems: 1000 }) }, { additionalProperties: false }),
  response: Type.Object({ tokens: Type.Array(Type.String()) }, { additionalProperties: false }),
  async handler() { return { tokens: [] }; },
};

type StoreKind = 'sqlite' | 'postgres';

const withSearchPath = (url: string, schema: string) => `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;

async function adminQuery(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function serve(certsDir: string, kind: StoreKind, pgUrl: string | undefined): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-bench-server-'));
  const schema = `cordon_bench_${process.pid}`;
  if (kind === 'postgres') await adminQuery(pgUrl!, `CREATE SCHEMA ${schema}`);
  const env = { ...process.env, CORDON_HOME: join(dir, 'ws'), CORDON_MASTER_KEY: Buffer.from(randomBytes(32)).toString('base64'), CORDON_PRINCIPAL: 'bench' };
  const ws = await initWorkspace({ env, store: kind === 'postgres' ? withSearchPath(pgUrl!, schema) : 'local' });
  // As src/server/open.ts does; --writes inline: the SQLite group commits on the event loop, as before.
  const vault = await ws.openVault({ backgroundCheckpoints: true, writerThread: process.env['CORDON_BENCH_WRITES'] !== 'inline' });
  // As src/server/open.ts does; --audit inline: the audit appends on the event loop, as before.
  ws.auditLog?.groupCommit({ appendThread: process.env['CORDON_BENCH_AUDIT'] !== 'inline', durability: process.env['CORDON_BENCH_DURABILITY'] === 'batch' ? batchDurability() : SYNC_DURABILITY });
  const engine = PolicyEngine.fromText('@id("bench.permit") permit (principal, action, resource);');
  const { app } = buildServer({
    keyring: ws.keyring, audit: ws.audit, vault, recognizers: DEFAULT_RECOGNIZERS,
    flushAudit: () => ws.flushAudit(),
  }, {
    tls: { cert: readFileSync(join(certsDir, 'server.crt')), key: readFileSync(join(certsDir, 'server.key')), ca: readFileSync(join(certsDir, 'ca.crt')), mtls: 'required' },
    authorizer: engine,
    limits: { ratePerSecond: 1e6, burst: 1e7, bodyBytes: 4 * 1024 * 1024 },
    extraRoutes: [NOOP],
  });
  // Server-side latency: from the request's first hook to its answer written (what the client's
  // p99 holds beyond it is the client's own scheduling and the kernel), in µs.
  const inServer = createHistogram();
  const started = new WeakMap<object, bigint>();
  // The raw request, when Node has parsed its head (the same turn Fastify starts on it, before any hook).
  app.server.on('request', (req: object) => { started.set(req, process.hrtime.bigint()); });
  app.addHook('onResponse', async (request) => {
    const t = started.get(request.raw);
    if (t !== undefined) inServer.record(Math.max(1, Number((process.hrtime.bigint() - t) / 1000n)));
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  process.send!({ port: (app.server.address() as AddressInfo).port });
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  process.on('message', async (m) => {
    if (m === 'cpu') {
      // CPU so far, and the event-loop delay since the last ask (then reset).
      const c = process.cpuUsage();
      process.send!({
        cpu: (c.user + c.system) / 1e6, mainCpu: mainThreadCpu(), loopP99: loop.percentile(99) / 1e6, loopMax: loop.max / 1e6,
        serverP50: inServer.count === 0 ? 0 : inServer.percentile(50) / 1e3, serverP99: inServer.count === 0 ? 0 : inServer.percentile(99) / 1e3,
      });
      loop.reset();
      inServer.reset();
      return;
    }
    await app.close();
    await vault.close();
    const size = await ws.auditLog?.store.size();
    await ws.close();
    if (kind === 'postgres') await adminQuery(pgUrl!, `DROP SCHEMA ${schema} CASCADE`);
    rmSync(dir, { recursive: true, force: true });
    process.send!({ auditEvents: size });
    process.exit(0);
  });
}

/**
 * CPU seconds of this process's main thread alone (the event loop), from Linux's
 * /proc/self/task/<pid>/stat (utime + stime, fields 14-15, in clock ticks of 1/100 s); NaN elsewhere.
 * The load on a shared machine changes wall time, not this: it is the figure that shows what left
 * the event loop for a worker thread.
 */
function mainThreadCpu(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

const flag = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};

async function main(): Promise<void> {
  const pgUrl = flag('--pg') ?? process.env['CORDON_TEST_PG_URL'];
  const stores = (flag('--store') ?? (pgUrl !== undefined ? 'sqlite,postgres' : 'sqlite')).split(',') as StoreKind[];
  for (const s of stores) {
    if (s !== 'sqlite' && s !== 'postgres') throw new Error(`--store: sqlite, postgres or both (comma-separated), not ${s}`);
    if (s === 'postgres' && pgUrl === undefined) throw new Error('--store postgres needs --pg postgres://… or CORDON_TEST_PG_URL');
  }
  const dir = mkdtempSync(join(tmpdir(), 'cordon-bench-certs-'));
  const certs: DevCerts = createDevCerts(join(dir, 'certs'));
  try {
    // --writes thread,inline: the SQLite store once per mode, in the same run (before/after figures).
    const modes = (flag('--writes') ?? 'thread').split(',');
    for (const m of modes) if (m !== 'thread' && m !== 'inline') throw new Error(`--writes: thread, inline or both (comma-separated), not ${m}`);
    // --audit thread,inline: the SQLite audit appends on their worker thread or on the event loop.
    const audits = (flag('--audit') ?? 'thread').split(',');
    for (const a of audits) if (a !== 'thread' && a !== 'inline') throw new Error(`--audit: thread, inline or both (comma-separated), not ${a}`);
    // --durability sync,batch: the audit durability (batch needs the append thread on SQLite).
    const durabilities = (flag('--durability') ?? 'sync,batch').split(',');
    for (const d of durabilities) if (d !== 'sync' && d !== 'batch') throw new Error(`--durability: sync, batch or both (comma-separated), not ${d}`);
    for (const s of stores) for (const m of s === 'sqlite' ? modes : ['thread']) for (const a of s === 'sqlite' ? audits : ['thread'])
      for (const d of durabilities) if (d === 'sync' || a === 'thread') await benchStore(s, certs, pgUrl, m, a, d);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchStore(kind: StoreKind, certs: DevCerts, pgUrl: string | undefined, writes: string, audit: string, durability: string): Promise<void> {
  const duration = arg('--duration', 10);
  const connections = arg('--connections', 16);
  const child = fork(new URL(import.meta.url).pathname, ['--serve', certs.dir, kind, ...(pgUrl !== undefined ? [pgUrl] : [])], { stdio: 'inherit', env: { ...process.env, CORDON_BENCH_WRITES: writes, CORDON_BENCH_AUDIT: audit, CORDON_BENCH_DURABILITY: durability } });
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve((m as { port: number }).port)));
  /** The server process's CPU seconds so far (user + system, every thread); its event-loop delay since the last call (ms). */
  let loopDelay = { p99: 0, max: 0, serverP50: 0, serverP99: 0 };
  /** The server's main-thread CPU seconds so far, as of the last serverCpu() call. */
  let mainCpu = 0;
  const serverCpu = () => new Promise<number>((resolve) => {
    child.once('message', (m) => {
      const r = m as { cpu: number; mainCpu: number; loopP99: number; loopMax: number; serverP50: number; serverP99: number };
      loopDelay = { p99: r.loopP99, max: r.loopMax, serverP50: r.serverP50, serverP99: r.serverP99 };
      mainCpu = r.mainCpu;
      resolve(r.cpu);
    });
    child.send('cpu');
  });
  const loopText = () => `in server p50 ${loopDelay.serverP50.toFixed(1)} ms p99 ${loopDelay.serverP99.toFixed(1)} ms, server loop delay p99 ${loopDelay.p99.toFixed(1)} ms max ${loopDelay.max.toFixed(1)} ms`;
  const batchSize = arg('--batch', 1000);
  const tlsOptions = { ca: readFileSync(certs.ca), cert: readFileSync(certs.clientCert), key: readFileSync(certs.clientKey) };
  const headers = { 'content-type': 'application/json' };
  let seq = 0;
  const freshValues = (n: number) => Array.from({ length: n }, () => `user${++seq}-${process.pid}@example.com`);

  const run = async (label: string, o: { path: string; values: number; requests?: Request[]; body?: string; connections?: number; rate?: number }) => {
    const cpu0 = await serverCpu();
    const main0 = mainCpu;
    const r = await autocannon({
      url: `https://127.0.0.1:${port}${o.path}`, method: 'POST', headers, connections: o.connections ?? connections, duration, servername: 'localhost', tlsOptions,
      // A fixed offered rate (latency corrected for coordinated omission, autocannon's default).
      ...(o.rate !== undefined ? { overallRate: o.rate } : {}),
      ...(o.requests ? { requests: o.requests } : { body: o.body }),
    });
    const cpu = (await serverCpu()) - cpu0;
    const loopCpu = mainCpu - main0;
    const rps = r.requests.total / r.duration;
    const perCpu = (r.requests.total * o.values) / cpu;
    console.log(`${label.padEnd(38)} ${Math.round(rps).toLocaleString('en-US').padStart(7)} req/s ${Math.round(rps * o.values).toLocaleString('en-US').padStart(9)} values/s  p50 ${String(r.latency.p50).padStart(4)} ms  p99 ${String(r.latency.p99).padStart(4)} ms  server ${cpu.toFixed(1)} CPU-s (event loop ${loopCpu.toFixed(1)}) in ${r.duration.toFixed(1)} s wall (${Math.round(perCpu).toLocaleString('en-US')} values/CPU-s, ${(1e6 * loopCpu / (r.requests.total * o.values)).toFixed(1)} µs of event loop a value)  ${loopText()}  (non-2xx ${r.non2xx}, errors ${r.errors})`);
    return rps;
  };

  console.log(`bench:server — store ${kind}${kind === 'sqlite' ? ` (vault writes: ${writes === 'inline' ? 'on the event loop' : 'writer thread'}; audit appends: ${audit === 'inline' ? 'on the event loop' : 'append thread'})` : ''}, audit durability ${durability === 'batch' ? 'batch (committed before the answer, synced within 20 ms)' : 'sync (on disk before the answer)'}, mutual TLS 1.3 on loopback, ${connections} connections, ${duration} s per scenario, Node ${process.version}`);
  const n = batchSize;
  const batch = JSON.stringify({ namespace: 'bench.email', values: freshValues(n) });
  const ceiling = await run(`no-op (same stack), batch ${n}`, { path: '/v1/noop', values: n, body: batch });
  const tok = await run(`tokenize, batch of ${n} new values`, {
    path: '/v1/tokenize', values: n,
    requests: [{ method: 'POST', path: '/v1/tokenize', headers, setupRequest: (req: Request) => ({ ...req, body: JSON.stringify({ namespace: 'bench.email', values: freshValues(n) }) }) }],
  });
  // Known values and detokenize: a fixed batch made through the API first.
  const known = Array.from({ length: n }, (_, i) => `known${i}@example.com`);
  const made = await fetchTokens(port, tlsOptions, known);
  const tokKnown = await run(`tokenize, batch of ${n} known values`, { path: '/v1/tokenize', values: n, body: JSON.stringify({ namespace: 'bench.email', values: known }) });
  const detok = await run(`detokenize, batch of ${n}`, { path: '/v1/detokenize', values: n, body: JSON.stringify({ namespace: 'bench.email', tokens: made }) });
  const single = await run('tokenize, 1 new value, 4 connections', {
    path: '/v1/tokenize', values: 1, connections: 4,
    requests: [{ method: 'POST', path: '/v1/tokenize', headers, setupRequest: (req: Request) => ({ ...req, body: JSON.stringify({ namespace: 'bench.single', values: freshValues(1) }) }) }],
  });
  // Moderate load: requests sent on a fixed schedule (open loop, not in bursts as autocannon's
  // rate limit sends them), latency counted from when each was due.
  const moderate = arg('--rate', 1000);
  for (const [label, path, body] of [
    [`no-op, 1 value, ${moderate} req/s paced`, '/v1/noop', () => ({ namespace: 'bench.single', values: ['x'] })],
    [`tokenize, 1 new value, ${moderate} req/s paced`, '/v1/tokenize', () => ({ namespace: 'bench.single', values: freshValues(1) })],
  ] as const) {
    const cpu0 = await serverCpu();
    const wall = await paced(label, port, tlsOptions, moderate, duration, path, body);
    console.log(`${''.padEnd(38)} server ${((await serverCpu()) - cpu0).toFixed(1)} CPU-s in ${wall.toFixed(1)} s wall, ${loopText()}`);
  }
  // The targets as offered load (open loop): batches sent on a schedule at the target values/s
  // (--target-new, --target-known; default 100,000 and 200,000), latency from when each was due.
  // The closed-loop rows above cannot show a p99 at a rate: with C connections always busy, Little's
  // law puts the mean latency at C ÷ (req/s) whatever the server does (16 ÷ 84 req/s = 190 ms).
  for (const [label, values, body] of [
    ['tokenize, batch of N new values', arg('--target-new', 100_000), () => ({ namespace: 'bench.email', values: freshValues(n) })],
    ['tokenize, batch of N known values', arg('--target-known', 200_000), () => ({ namespace: 'bench.email', values: known })],
  ] as const) {
    const rate = values / n;
    const cpu0 = await serverCpu();
    const wall = await paced(`${label.replace('N', String(n))}, ${rate} req/s paced`, port, tlsOptions, rate, duration, '/v1/tokenize', body);
    console.log(`${''.padEnd(38)} = ${values.toLocaleString('en-US')} values/s offered; server ${((await serverCpu()) - cpu0).toFixed(1)} CPU-s in ${wall.toFixed(1)} s wall, ${loopText()}`);
  }
  console.log(`ratio to the no-op ceiling (batch ${n}): tokenize new ${(tok / ceiling).toFixed(2)}, known ${(tokKnown / ceiling).toFixed(2)}, detokenize ${(detok / ceiling).toFixed(2)}; single (to the batch ceiling's requests/s) ${(single / ceiling).toFixed(2)}`);
  const stopped = new Promise<{ auditEvents?: number }>((resolve) => child.once('message', (m) => resolve(m as { auditEvents?: number })));
  child.send('stop');
  const { auditEvents } = await stopped;
  await new Promise((r) => child.once('exit', r));
  console.log(`store ${kind}: ${auditEvents?.toLocaleString('en-US') ?? '?'} audit events stored (one authz.decision per request, plus key events)\n`);
}

/** Sends one request every 1000/rate ms for `seconds` over keep-alive connections; prints p50/p99/max; returns the wall seconds. */
async function paced(label: string, port: number, tls: { ca: Buffer; cert: Buffer; key: Buffer }, rate: number, seconds: number, path: string, body: () => object): Promise<number> {
  const { Agent, request } = await import('node:https');
  const agent = new Agent({ keepAlive: true, maxSockets: 16, ...tls });
  const latencies: number[] = [];
  let failed = 0;
  /** What failed, by status code or error code (a row that cannot keep up says why). */
  const why = new Map<string, number>();
  const fail = (k: string) => { failed++; why.set(k, (why.get(k) ?? 0) + 1); };
  const send = (due: number) => new Promise<void>((resolve) => {
    const text = JSON.stringify(body());
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', servername: 'localhost', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode !== 200) fail(String(res.statusCode));
        latencies.push(performance.now() - due);
        resolve();
      });
    });
    req.on('error', (e: NodeJS.ErrnoException) => { fail(e.code ?? 'error'); resolve(); });
    req.end(text);
  });
  // Warm the connections, then keep to the schedule.
  await Promise.all(Array.from({ length: 4 }, () => send(performance.now())));
  latencies.length = 0;
  const interval = 1000 / rate;
  const start = performance.now();
  const total = Math.round(rate * seconds);
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 2) await new Promise((r) => setTimeout(r, wait - 2));
    // The last milliseconds by turns of the event loop, and at least one turn per request even when
    // behind schedule: a loop that never yields (1,000 req/s is a 1 ms interval) sends nothing until
    // it ends and measured its own queue (p50 of seconds for a no-op), not the server.
    do await new Promise((r) => setImmediate(r)); while (performance.now() < due);
    inflight.push(send(due));
  }
  await Promise.all(inflight);
  const wall = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!.toFixed(1);
  console.log(`${label.padEnd(38)} ${String(latencies.length).padStart(7)} requests  p50 ${q(0.5)} ms  p99 ${q(0.99)} ms  max ${q(1)} ms  (failed ${failed}${failed > 0 ? `: ${[...why].map(([k, v]) => `${k} ×${v}`).join(', ')}` : ''})`);
  return wall;
}

async function fetchTokens(port: number, tls: { ca: Buffer; cert: Buffer; key: Buffer }, values: readonly string[]): Promise<string[]> {
  const { request } = await import('node:https');
  const body = JSON.stringify({ namespace: 'bench.email', values });
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/v1/tokenize', method: 'POST', servername: 'localhost', ...tls, headers: { 'content-type': 'application/json' } }, (res) => {
      let b = '';
      res.on('data', (c: Buffer) => { b += c.toString(); });
      res.on('end', () => resolve((JSON.parse(b) as { tokens: string[] }).tokens));
    });
    req.on('error', reject);
    req.end(body);
  });
}

if (process.argv[2] === '--serve') await serve(process.argv[3]!, process.argv[4] as StoreKind, process.argv[5]);
else await main();
