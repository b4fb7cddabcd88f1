// Delivery to an OpenLineage HTTP endpoint (a local node:http server standing in for Marquez):
// retries with backoff until the endpoint recovers; a failing or unreachable endpoint never throws,
// events stay in lineage.db and go out later in order; a 4xx refusal is not retried; the in-memory
// buffer is bounded; warnings never show credentials.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseContract } from '../../../src/contracts/parse-contract.js';
import { HttpLineageTransport, lineageEndpoint } from '../../../src/lineage/http-transport.js';
import { lineageForProtect } from '../../../src/lineage/protect-events.js';
import { recordProtectLineage, sendPendingLineage } from '../../../src/lineage/record-protect.js';
import { newRunId } from '../../../src/lineage/run-id.js';
import { LINEAGE_DB_FILE, SqliteLineageStore, type LineageLocation } from '../../../src/lineage/store.js';
import type { RunEvent } from '../../../src/lineage/types.js';
import { openLineageProblems } from '../../helpers/openlineage.js';
import { tempDir } from '../../helpers/keyring.js';

const CONTRACT = parseContract(`apiVersion: v3.1.0
kind: DataContract
id: c1
version: 1.0.0
status: active
schema:
  - name: people
    properties:
      - { name: id, logicalType: string, classification: internal }
      - { name: email, logicalType: string, classification: restricted }
`);

interface Endpoint {
  url: string;
  requests: Array<{ method: string; path: string; contentType: string | undefined; auth: string | undefined; body: RunEvent }>;
  /** Status for the n-th request (1-based). */
  status: (n: number) => number;
  server: Server;
}

async function endpoint(status: (n: number) => number): Promise<Endpoint> {
  const ep = { requests: [], status } as unknown as Endpoint;
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      ep.requests.push({ method: req.method!, path: req.url!, contentType: req.headers['content-type'], auth: req.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as RunEvent });
      res.statusCode = ep.status(ep.requests.length);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  ep.server = server;
  ep.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return ep;
}

const at = (home: string): LineageLocation => ({ kind: 'sqlite', path: join(home, LINEAGE_DB_FILE) });
const servers: Server[] = [];
after(() => { for (const s of servers) s.close(); });

const FAST = { baseDelayMs: 1, maxDelayMs: 5 };
const start = (runId: string) => ({ phase: 'start' as const, contract: CONTRACT, runId, input: '/d/raw.csv', output: '/d/out.csv', cordonVersion: '0.1.0', host: 'h' });
const fail = (runId: string) => ({ phase: 'fail' as const, contract: CONTRACT, runId, input: '/d/raw.csv', output: '/d/out.csv', cordonVersion: '0.1.0', host: 'h', error: { code: 'ERR_IO', message: 'cannot read /d/raw.csv' } });

describe('lineage: delivery to an OpenLineage HTTP endpoint', () => {
  it('retries with backoff while the endpoint fails, then delivers; POST {url}/api/v1/lineage with the event as JSON', async () => {
    const ep = await endpoint((n) => (n <= 2 ? 503 : 201));
    servers.push(ep.server);
    const home = tempDir();
    const delays: number[] = [];
    const r = await recordProtectLineage(at(home), start(newRunId()), {
      home,
      env: { CORDON_LINEAGE_URL: ep.url, CORDON_LINEAGE_API_KEY: 'k-123' },
      http: { baseDelayMs: 100, maxDelayMs: 1000, sleep: async (ms) => { delays.push(ms); } },
    });
    assert.deepEqual(delays, [100, 200], 'exponential backoff');
    assert.equal(ep.requests.length, 3);
    assert.deepEqual(r.warnings, []);
    assert.equal(r.delivered, 1);
    assert.equal(r.pending, 0);
    for (const q of ep.requests) {
      assert.equal(q.method, 'POST');
      assert.equal(q.path, '/api/v1/lineage');
      assert.equal(q.contentType, 'application/json');
      assert.equal(q.auth, 'Bearer k-123');
      assert.deepEqual(q.body, r.event);
    }
    assert.deepEqual(openLineageProblems(ep.requests[2]!.body), []);
    const store = SqliteLineageStore.open(join(home, LINEAGE_DB_FILE));
    assert.deepEqual((await store.events()).map((e) => e.delivery), ['delivered']);
    await store.close();
  });

  it('a failing endpoint never fails the run: events stay in lineage.db and are delivered later, in order', async () => {
    let healthy = false;
    const ep = await endpoint(() => (healthy ? 200 : 500));
    servers.push(ep.server);
    const home = tempDir();
    const env = { CORDON_LINEAGE_URL: `${ep.url}/base/` };
    const runId = newRunId();
    const a = await recordProtectLineage(at(home), start(runId), { home, env, http: { ...FAST, attempts: 3 } });
    assert.equal(ep.requests.length, 3, 'three attempts');
    assert.equal(a.pending, 1);
    assert.match(a.warnings.join('\n'), /failed 3 time\(s\) \(HTTP 500\)/);
    assert.match(a.warnings.join('\n'), /1 lineage event\(s\) kept in lineage\.db/);
    const b = await recordProtectLineage(at(home), fail(runId), { home, env, http: { ...FAST, attempts: 2 } });
    assert.equal(b.pending, 2);
    assert.equal(ep.requests.length, 3, 'an endpoint that just failed is not retried at the next phase');
    assert.match(b.warnings[0]!, /failed \d+ s ago; not retried now/);
    const c = await sendPendingLineage(at(home), { home, env, http: { ...FAST, attempts: 2 } });
    assert.equal(c.pending, 2);
    assert.equal(ep.requests.length, 5, '`send` always tries');
    assert.equal(ep.requests.at(-1)!.body.eventType, 'START', 'the oldest event goes first: order is kept');

    healthy = true;
    const before = ep.requests.length;
    const sent = await sendPendingLineage(at(home), { home, env, http: FAST });
    assert.deepEqual({ delivered: sent.delivered, pending: sent.pending, warnings: sent.warnings }, { delivered: 2, pending: 0, warnings: [] });
    assert.deepEqual(ep.requests.slice(before).map((q) => [q.path, q.body.eventType]), [['/base/api/v1/lineage', 'START'], ['/base/api/v1/lineage', 'FAIL']]);
  });

  it('an unreachable endpoint: a warning, no throw; without an endpoint events stay local and are never sent', async () => {
    const ep = await endpoint(() => 200);
    const url = ep.url;
    await new Promise<void>((r) => ep.server.close(() => r()));
    const home = tempDir();
    const r = await recordProtectLineage(at(home), start(newRunId()), { home, env: { CORDON_LINEAGE_URL: url }, http: { ...FAST, attempts: 2 } });
    assert.match(r.warnings[0]!, /connection failed/);
    assert.equal(r.pending, 1);

    const local = tempDir();
    const l = await recordProtectLineage(at(local), start(newRunId()), { home: local, env: {} });
    assert.deepEqual([l.delivered, l.pending, l.warnings], [0, 0, []]);
    const s = SqliteLineageStore.open(join(local, LINEAGE_DB_FILE));
    assert.deepEqual((await s.events()).map((e) => e.delivery), ['local']);
    await s.close();
    const sent = await sendPendingLineage(at(local), { home: local, env: {} });
    assert.match(sent.warnings[0]!, /no lineage endpoint is configured/);
  });

  it('the endpoint can come from the workspace named by `home` (config.json); without `home` only the environment counts', async () => {
    const ep = await endpoint(() => 200);
    servers.push(ep.server);
    const home = tempDir();
    writeFileSync(join(home, 'config.json'), JSON.stringify({ lineage: { url: ep.url, namespace: 'team-a' } }));
    const r = await recordProtectLineage(at(home), start(newRunId()), { home, env: {}, http: FAST });
    assert.deepEqual([r.delivered, r.pending, r.event.job.namespace], [1, 0, 'team-a']);
    const bare = await recordProtectLineage(at(home), start(newRunId()), { env: {}, http: FAST });
    assert.deepEqual([bare.delivered, bare.pending, bare.event.job.namespace, ep.requests.length], [0, 0, 'cordon', 1]);
  });

  it('a 4xx refusal is not retried and the event is marked rejected; 429 is retried', async () => {
    const ep = await endpoint((n) => (n === 1 ? 400 : n === 2 ? 429 : 200));
    servers.push(ep.server);
    const home = tempDir();
    const env = { CORDON_LINEAGE_URL: ep.url };
    const r = await recordProtectLineage(at(home), start(newRunId()), { home, env, http: FAST });
    assert.equal(ep.requests.length, 1);
    assert.match(r.warnings[0]!, /refused a START event .*HTTP 400/);
    assert.equal(r.pending, 0);
    const r2 = await recordProtectLineage(at(home), start(newRunId()), { home, env, http: FAST });
    assert.equal(ep.requests.length, 3, '429 then 200');
    assert.equal(r2.delivered, 1);
    const store = SqliteLineageStore.open(join(home, LINEAGE_DB_FILE));
    assert.deepEqual((await store.events()).map((e) => e.delivery), ['rejected', 'delivered']);
    await store.close();
  });

  it('the in-memory buffer is bounded; endpoints and credentials in messages', async () => {
    const ep = await endpoint(() => 200);
    servers.push(ep.server);
    const t = new HttpLineageTransport({ url: ep.url, bufferSize: 2, ...FAST });
    const events = [1, 2, 3, 4, 5].map(() => ({ event: lineageForProtect(start(newRunId())) }));
    assert.equal(t.enqueue(events), 3);
    assert.equal(t.buffered, 2);
    const report = await t.flush();
    assert.equal(report.delivered.length, 2);
    assert.equal(report.dropped, 3);
    assert.match(report.warnings[0]!, /buffer full \(2 events\): 3 event\(s\) not buffered/);
    assert.deepEqual(ep.requests.map((q) => q.body.run.runId), events.slice(0, 2).map((e) => e.event.run.runId));

    assert.equal(lineageEndpoint('http://m:5000').href, 'http://m:5000/api/v1/lineage');
    assert.equal(lineageEndpoint('https://m/api/v1/lineage').href, 'https://m/api/v1/lineage');
    assert.throws(() => lineageEndpoint('ftp://m/'), TypeError);
    const secret = new HttpLineageTransport({ url: 'http://user:pw@127.0.0.1:1/x?token=t', attempts: 1, fetch: async () => { throw new Error('down'); } });
    secret.enqueue([events[0]!]);
    const w = (await secret.flush()).warnings.join('\n');
    assert.ok(!w.includes('pw') && !w.includes('token'), w);
    assert.match(w, /http:\/\/127\.0\.0\.1:1\/x\/api\/v1\/lineage/);
  });
});
