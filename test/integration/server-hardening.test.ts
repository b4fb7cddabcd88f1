// Issue 12, server items, against the real `cordon serve` over TLS: error bodies in Cordon's
// `{code, message}` shape on every path (404, wrong method, 413, 415, bad JSON, 408, 431, HTTP
// parser errors), header and body deadlines enforced as configured (a raw TLS socket trickles
// them), credentials in URLs refused and kept out of the request log, and a flood of bad API keys
// costing O(1) audit writes (checked in the workspace's audit log after SIGTERM).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, request as httpsRequest } from 'node:https';
import { connect } from 'node:tls';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cliSandbox, type CliSandbox } from '../helpers/cli.js';
import { startServe, type Served } from '../helpers/serve.js';

const TIMEOUT_MS = 2000;
/** Far above the configured deadline (header check interval, scheduling on a loaded machine), far below the 63 s seen before. */
const BOUND_MS = 4 * TIMEOUT_MS + 8000;

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string }

describe('cordon serve: issue 12 server hardening (subprocess, TLS)', () => {
  let sb: CliSandbox;
  let srv: Served;
  let key: string;
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });

  const call = (method: string, path: string, o: { body?: string; headers?: Record<string, string> } = {}) => new Promise<Reply>((resolve, reject) => {
    const req = httpsRequest({ host: '127.0.0.1', port: srv.port, method, path, servername: 'localhost', ca: readFileSync(sb.path('certs/ca.crt')), agent, headers: o.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(o.body);
  });
  const assertCordonError = (r: { status: number; body: string }, status: number, code: string) => {
    assert.equal(r.status, status, r.body);
    const b = JSON.parse(r.body) as Record<string, unknown>;
    assert.deepEqual(Object.keys(b).sort(), ['code', 'message'], r.body);
    assert.equal(b['code'], code);
  };

  /**
   * Opens a raw TLS connection, writes `head`, then one byte of `trickle` per second; resolves with
   * what came back and how long until the server closed the connection.
   */
  const rawTls = (head: string, trickle?: string) => new Promise<{ text: string; ms: number }>((resolve, reject) => {
    const started = Date.now();
    const sock = connect({ host: '127.0.0.1', port: srv.port, servername: 'localhost', ca: readFileSync(sb.path('certs/ca.crt')) });
    let text = '';
    let timer: NodeJS.Timeout | undefined;
    const guard = setTimeout(() => { sock.destroy(); reject(new Error(`still open after ${BOUND_MS * 2} ms`)); }, BOUND_MS * 2);
    sock.on('data', (d: Buffer) => { text += d.toString('latin1'); });
    sock.on('error', () => {}); // a reset after the answer is a close too
    sock.on('close', () => { clearInterval(timer); clearTimeout(guard); resolve({ text, ms: Date.now() - started }); });
    sock.on('secureConnect', () => {
      sock.write(head);
      if (trickle !== undefined) {
        let i = 0;
        timer = setInterval(() => { if (!sock.destroyed && i < trickle.length) sock.write(trickle[i++]!); }, 1000);
      }
    });
  });
  /** Status and body of a raw HTTP/1.1 answer. */
  const parseRaw = (text: string) => {
    const m = /^HTTP\/1\.1 (\d{3}) [^\r\n]*\r\n([\s\S]*?)\r\n\r\n([\s\S]*)$/.exec(text);
    assert.ok(m, `an HTTP answer: ${JSON.stringify(text.slice(0, 200))}`);
    return { status: Number(m[1]), headers: m[2]!.toLowerCase(), body: m[3]! };
  };

  before(async () => {
    sb = cliSandbox();
    assert.equal(sb.run(['init']).status, 0);
    assert.equal(sb.run(['certs', 'init', '--dir', 'certs']).status, 0);
    const c = sb.run(['apikey', 'create', '--principal', 'svc:etl', '--roles', 'pipeline', '--scopes', 'keys:list,detect,tokenize']);
    assert.equal(c.status, 0, c.stderr);
    key = c.stdout.trim();
    mkdirSync(sb.path('policies'));
    writeFileSync(sb.path('policies/allow.cedar'), '@id("test.all") permit (principal, action, resource);\n');
    writeFileSync(sb.path('server.yaml'), [
      'listen: { host: 127.0.0.1, port: 0 }',
      'tls: { cert: certs/server.crt, key: { file: certs/server.key }, mtls: "off" }',
      'auth: { apiKeys: { store: ws/apikeys.db } }',
      'policy: { dir: policies }',
      `limits: { bodyBytes: 2048, requestTimeoutMs: ${TIMEOUT_MS}, authFailureBurst: 5, authFailuresPerSecond: 0.01 }`,
      '',
    ].join('\n'));
    srv = await startServe(sb, undefined, { logLevel: 'info' });
  });
  after(() => {
    agent.destroy();
    if (srv.child.exitCode === null) srv.child.kill('SIGKILL');
    sb.cleanup();
  });

  it('every error answer fastify makes is {code, message}: 404, wrong method, 413, 415, bad JSON', async () => {
    const auth = { 'x-api-key': key };
    assert.equal((await call('GET', '/v1/keys', { headers: auth })).status, 200);
    assertCordonError(await call('GET', '/v1/nothing'), 404, 'ERR_NOT_FOUND');
    assertCordonError(await call('DELETE', '/v1/tokenize', { headers: auth }), 404, 'ERR_NOT_FOUND');
    assertCordonError(await call('PROPFIND', '/v1/keys', { headers: auth }), 404, 'ERR_NOT_FOUND');
    const json = { ...auth, 'content-type': 'application/json' };
    assertCordonError(await call('POST', '/v1/detect', { headers: json, body: JSON.stringify({ text: 'x'.repeat(4096) }) }), 413, 'ERR_BODY_TOO_LARGE');
    assertCordonError(await call('POST', '/v1/detect', { headers: { ...auth, 'content-type': 'application/xml' }, body: '<text/>' }), 415, 'ERR_INPUT_INVALID');
    assertCordonError(await call('POST', '/v1/detect', { headers: json, body: '{"text":' }), 400, 'ERR_INPUT_INVALID');
    assertCordonError(await call('GET', '/v1/keys/%E0%A4%A/rotate', { headers: auth }), 400, 'ERR_INPUT_INVALID');
  });

  it('Node\'s refusals are {code, message} too: a 20 KB URL is 431, an unparsable request 400', async () => {
    const big = parseRaw((await rawTls(`GET /v1/keys?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`)).text);
    assertCordonError(big, 431, 'ERR_INPUT_INVALID');
    assert.ok(!big.body.includes('aaaa'));
    assert.match(big.headers, /x-request-id: [0-9a-f-]{36}/);
    assertCordonError(parseRaw((await rawTls('G@T /v1/keys HTTP/1.1\r\nHost: localhost\r\n\r\n')).text), 400, 'ERR_INPUT_INVALID');
    assertCordonError(parseRaw((await rawTls('GET /v1/keys HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n')).text), 400, 'ERR_INPUT_INVALID');
  });

  it('a body trickled at 1 byte/s is answered 408 {code, message} and the connection closed within the configured timeout', async () => {
    const head = `POST /v1/detect HTTP/1.1\r\nHost: localhost\r\nx-api-key: ${key}\r\ncontent-type: application/json\r\ncontent-length: 200\r\n\r\n`;
    const { text, ms } = await rawTls(head, `{"text":"${'a'.repeat(180)}"}`);
    assertCordonError(parseRaw(text), 408, 'ERR_REQUEST_TIMEOUT');
    assert.ok(ms < BOUND_MS, `closed after ${ms} ms (timeout ${TIMEOUT_MS} ms)`);
  });

  it('headers trickled at 1 byte/s: 408 {code, message} and closed within the configured timeout', async () => {
    const { text, ms } = await rawTls('GET /v1/keys HTTP/1.1\r\n', `x-slow: ${'a'.repeat(100)}\r\n`);
    assertCordonError(parseRaw(text), 408, 'ERR_REQUEST_TIMEOUT');
    assert.ok(ms < BOUND_MS, `closed after ${ms} ms (timeout ${TIMEOUT_MS} ms)`);
  });

  it('a credential in the query string is 400 and neither it nor the query string reaches the request log', async () => {
    assertCordonError(await call('GET', `/v1/keys?api_key=${key}`), 400, 'ERR_INPUT_INVALID');
    assertCordonError(await call('GET', `/v1/healthz?x=${key}`), 400, 'ERR_INPUT_INVALID');
    await call('GET', '/v1/healthz?probe=1');
    const log = srv.stdout();
    assert.match(log, /"url":"\/v1\/keys"/, 'the request log is on');
    assert.ok(!log.includes(key.slice(28)), 'the key is not in the log');
    assert.ok(!log.includes('api_key') && !log.includes('probe=1'), 'no query string in the log');
  });

  it('a flood of bad API keys: 429 past the budget, the right key refused unchecked, O(1) audit events after SIGTERM', async () => {
    const guess = (i: number) => `ck_${'0'.repeat(24)}_${String(i).padStart(43, 'x')}`;
    const codes: number[] = [];
    for (let i = 0; i < 150; i++) codes.push((await call('GET', '/v1/keys', { headers: { 'x-api-key': guess(i) } })).status);
    const first429 = codes.indexOf(429);
    assert.ok(first429 >= 0 && first429 <= 5, `429 after at most 5 failures: ${first429}`);
    assert.ok(codes.slice(first429).every((c) => c === 429));
    assertCordonError(await call('GET', '/v1/keys', { headers: { 'x-api-key': key } }), 429, 'ERR_RATE_LIMITED');
    agent.destroy();
    const code = await new Promise<number | null>((resolve) => { srv.child.on('exit', (c) => resolve(c)); srv.child.kill('SIGTERM'); });
    assert.equal(code, 0, srv.stderr());
    const show = sb.run(['audit', 'show', '--type', 'authz.decision', '--json']);
    assert.equal(show.status, 0, show.stderr);
    const events = show.stdout.trim().split('\n').map((l) => JSON.parse(l) as { principal: string; reason?: string; attributes: Record<string, unknown> });
    const unauth = events.filter((e) => e.principal === 'unauthenticated');
    const summaries = unauth.filter((e) => e.attributes['stage'] === 'rate-limited');
    assert.equal(summaries.length, 1);
    assert.equal(summaries[0]!.attributes['count'], 150 - first429 + 1);
    assert.ok(unauth.length <= 5 + 1, `${unauth.length} events for 151 refused requests`);
    for (let i = 0; i < 150; i++) assert.ok(!show.stdout.includes(guess(i).slice(28)));
  });
});
