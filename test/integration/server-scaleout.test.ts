// Scale-out (issue 6): three `cordon serve` processes on loopback share one PostgreSQL store
// (CORDON_STORE) and behave as one. Concurrent clients tokenize the same values on all three: one
// token per value, one vault row per value; a token made on one instance detokenizes on another; a
// key rotated on one instance is used by the others once CORDON_KEY_CACHE_MS has passed; every
// request leaves exactly one authz.decision event (matched by the X-Request-Id each response
// carries) in one Merkle log that `cordon audit verify` accepts after the instances stop.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request as httpsRequest } from 'node:https';
import pg from 'pg';
import { PG_SKIP, ScratchSchemas } from '../helpers/pg-schemas.js';
import { cliSandbox, type CliSandbox } from '../helpers/cli.js';
import { startServe } from '../helpers/serve.js';

const KEY_CACHE_MS = 400;
const INSTANCES = 3;

interface Reply { status: number; body: string; requestId: string | undefined }

interface Instance {
  child: ChildProcess;
  port: number;
  agent: Agent;
  stderr: () => string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('three instances on one PostgreSQL store', PG_SKIP, () => {
  const schemas = new ScratchSchemas('cordon_scaleout');
  let url = '';
  let sb: CliSandbox;
  const instances: Instance[] = [];
  /** The X-Request-Id of every /v1 request that needs a decision, as its answer carried it. */
  const requestIds: string[] = [];
  let tls: { ca: Buffer; cert: Buffer; key: Buffer };

  function call(inst: Instance, path: string, body?: object, headers: Record<string, string> = {}): Promise<Reply> {
    const text = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = httpsRequest({
        host: '127.0.0.1', port: inst.port, path, method: text === undefined ? 'GET' : 'POST', servername: 'localhost', agent: inst.agent,
        headers: { ...(text !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      }, (res) => {
        let b = '';
        res.on('data', (c: Buffer) => { b += c.toString(); });
        res.on('end', () => {
          const id = res.headers['x-request-id'];
          const requestId = typeof id === 'string' ? id : undefined;
          // Public routes (health) make no decision and so no decision event.
          if (path.startsWith('/v1/') && !/^\/v1\/(?:healthz|readyz)$/.test(path) && requestId !== undefined) requestIds.push(requestId);
          resolve({ status: res.statusCode!, body: b, requestId });
        });
      });
      req.on('error', reject);
      req.end(text);
    });
  }

  async function start(): Promise<Instance> {
    const { child, port, stderr } = await startServe(sb);
    const agent = new Agent({ keepAlive: true, maxSockets: 8, ...tls });
    return { child, port, agent, stderr };
  }

  before(async () => {
    url = (await schemas.create()).url;
    sb = cliSandbox();
    sb.env['CORDON_STORE'] = url;
    sb.env['CORDON_KEY_CACHE_MS'] = String(KEY_CACHE_MS);
    const init = sb.run(['init']);
    assert.equal(init.status, 0, init.stderr);
    assert.ok(!init.stdout.includes('@'), 'init must not print the store URL with its user');
    const c = sb.run(['certs', 'init', '--dir', 'certs']);
    assert.equal(c.status, 0, c.stderr);
    tls = { ca: readFileSync(sb.path('certs/ca.crt')), cert: readFileSync(sb.path('certs/client.crt')), key: readFileSync(sb.path('certs/client.key')) };
    mkdirSync(sb.path('policies'));
    writeFileSync(sb.path('policies/pipeline.cedar'), [
      '@id("test.pipeline")',
      'permit (principal == Cordon::Service::"spiffe://cordon.dev/client", action, resource);',
      '@id("test.pipeline-user")',
      'permit (principal == Cordon::User::"spiffe://cordon.dev/client", action, resource);',
      '',
    ].join('\n'));
    writeFileSync(sb.path('server.yaml'), [
      'listen: { host: 127.0.0.1, port: 0 }',
      'tls:',
      '  cert: certs/server.crt',
      '  key: { file: certs/server.key }',
      '  ca: certs/ca.crt',
      '  mtls: required',
      'policy: { dir: policies }',
      'limits: { ratePerSecond: 100000, burst: 100000 }',
      '',
    ].join('\n'));
    for (let i = 0; i < INSTANCES; i++) instances.push(await start());
  });

  after(async () => {
    for (const inst of instances) {
      inst.agent.destroy();
      if (inst.child.exitCode === null) inst.child.kill('SIGKILL');
    }
    sb?.cleanup();
    await schemas.dropAll();
  });

  const VALUES = Array.from({ length: 600 }, (_, i) => `person${i}@example.com`);
  const tokenOf = new Map<string, Set<string>>();

  it('every instance is ready (its readiness check reads the shared store)', async () => {
    for (const inst of instances) {
      const r = await call(inst, '/v1/readyz');
      assert.equal(r.status, 200, r.body);
    }
  });

  it('the same values tokenized concurrently on three instances get one token each', async () => {
    // Every value goes to every instance, in a different order on each, 12 clients at once.
    const jobs: Promise<void>[] = [];
    for (let i = 0; i < INSTANCES; i++) {
      const order = VALUES.map((v, k) => ({ v, k: (k * (7 + 4 * i)) % VALUES.length })).sort((a, b) => a.k - b.k).map((x) => x.v);
      for (let client = 0; client < 4; client++) {
        jobs.push((async () => {
          for (let at = client * 50; at < order.length; at += 200) {
            const batch = order.slice(at, at + 50);
            const r = await call(instances[i]!, '/v1/tokenize', { namespace: 'crm.email', values: batch });
            assert.equal(r.status, 200, r.body);
            const { tokens } = JSON.parse(r.body) as { tokens: string[] };
            batch.forEach((v, k) => {
              const s = tokenOf.get(v) ?? new Set<string>();
              s.add(tokens[k]!);
              tokenOf.set(v, s);
            });
          }
        })());
      }
    }
    await Promise.all(jobs);
    assert.equal(tokenOf.size, VALUES.length);
    for (const [v, s] of tokenOf) assert.equal(s.size, 1, `${v} got ${s.size} different tokens`);
    const all = new Set([...tokenOf.values()].map((s) => [...s][0]!));
    assert.equal(all.size, VALUES.length, 'two values share a token');
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      // Default-format tokens are format v2 rows (docs/vault.md#what-is-stored).
      const rows = await db.query<{ n: string }>('SELECT count(*) AS n FROM vault_siv');
      assert.equal(Number(rows.rows[0]!.n), VALUES.length, 'one vault row per value');
    } finally {
      await db.end();
    }
  });

  it('a token made on one instance detokenizes on the others', async () => {
    const sample = VALUES.slice(0, 30);
    const tokens = sample.map((v) => [...tokenOf.get(v)!][0]!);
    for (const inst of instances) {
      const r = await call(inst, '/v1/detokenize', { namespace: 'crm.email', tokens, purpose: 'support' });
      assert.equal(r.status, 200, r.body);
      assert.deepEqual(JSON.parse(r.body).values, sample);
    }
  });

  it(`a key rotated on one instance is used by the others within CORDON_KEY_CACHE_MS (${KEY_CACHE_MS} ms)`, async () => {
    const enc = async (inst: Instance, value: string) => {
      const r = await call(inst, '/v1/encrypt', { dataset: 'crm', field: 'phone', values: [value] });
      assert.equal(r.status, 200, r.body);
      return (JSON.parse(r.body) as { ciphertexts: string[] }).ciphertexts[0]!;
    };
    // First use creates the key on whichever instance gets there first; the others find it.
    const before = await Promise.all(instances.map((inst, i) => enc(inst, `+1 555 010${i}`)));
    for (const c of before) assert.match(c, /^enc_v1_/);
    const rot = await call(instances[0]!, '/v1/keys/field/rotate', {});
    assert.equal(rot.status, 200, rot.body);
    assert.equal((JSON.parse(rot.body) as { primaryVersion: number }).primaryVersion, 2);
    await sleep(KEY_CACHE_MS + 250);
    for (const inst of instances) assert.match(await enc(inst, '+1 555 0199'), /^enc_v2_/, 'an instance still encrypts under the old version after the cache bound');
    // Data under the old version still opens everywhere.
    for (const inst of instances) {
      const r = await call(inst, '/v1/decrypt', { dataset: 'crm', field: 'phone', ciphertexts: [before[0]!], purpose: 'support' });
      assert.equal(r.status, 200, r.body);
      assert.deepEqual(JSON.parse(r.body).values, ['+1 555 0100']);
    }
  });

  it('after SIGTERM: each request audited exactly once, in one Merkle log that verifies', async () => {
    const codes = await Promise.all(instances.map((inst) => new Promise<number | null>((resolve) => {
      inst.agent.destroy();
      if (inst.child.exitCode !== null) resolve(inst.child.exitCode);
      else {
        inst.child.on('exit', (c) => resolve(c));
        inst.child.kill('SIGTERM');
      }
    })));
    assert.deepEqual(codes, instances.map(() => 0), instances.map((i) => i.stderr()).join('\n'));
    assert.ok(requestIds.length > 40, `only ${requestIds.length} requests carried an X-Request-Id`);
    assert.equal(new Set(requestIds).size, requestIds.length, 'two responses share a request id');
    const show = sb.run(['audit', 'show', '--type', 'authz.decision', '--json']);
    assert.equal(show.status, 0, show.stderr);
    const seen = new Map<string, number>();
    for (const line of show.stdout.trim().split('\n')) {
      const e = JSON.parse(line) as { attributes?: Record<string, unknown> };
      const id = e.attributes?.['request_id'];
      assert.equal(typeof id, 'string', 'an authz.decision event without a request id');
      seen.set(id as string, (seen.get(id as string) ?? 0) + 1);
    }
    for (const id of requestIds) assert.equal(seen.get(id), 1, `request ${id} has ${seen.get(id) ?? 0} decision events`);
    assert.equal(seen.size, requestIds.length, 'decision events for requests no client made');
    for (const v of VALUES.slice(0, 30)) assert.ok(!show.stdout.includes(v), 'a value reached the audit log');
    const verify = sb.run(['audit', 'verify']);
    assert.equal(verify.status, 0, verify.stderr + verify.stdout);
  });
});
