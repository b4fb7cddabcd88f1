// `cordon serve` with CORDON_RATE_LIMIT_URL: a URL that is not redis:// stops the start with
// ERR_CONFIG_INVALID, a Redis that cannot be reached with ERR_STORE_UNAVAILABLE (exit 6) before the
// server listens, and a reachable one (CORDON_TEST_REDIS_URL) starts the server, whose limits then
// live in Redis.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { Redis } from 'ioredis';
import { cliSandbox, type CliSandbox } from '../helpers/cli.js';
import { startServe } from '../helpers/serve.js';

const REDIS_URL = process.env['CORDON_TEST_REDIS_URL'] || undefined;

describe('cordon serve: the shared rate-limit store', () => {
  let sb: CliSandbox;

  before(() => {
    sb = cliSandbox();
    assert.equal(sb.run(['init']).status, 0);
    assert.equal(sb.run(['certs', 'init', '--dir', 'certs']).status, 0);
    writeFileSync(sb.path('server.yaml'), 'listen: { host: 127.0.0.1, port: 0 }\ntls:\n  cert: certs/server.crt\n  key: { file: certs/server.key }\n  ca: certs/ca.crt\n  mtls: optional\n');
  });
  after(() => sb.cleanup());

  it('a wrong scheme is ERR_CONFIG_INVALID; an unreachable Redis is ERR_STORE_UNAVAILABLE; neither listens', () => {
    const wrong = sb.run(['serve', '--config', 'server.yaml'], { env: { CORDON_RATE_LIMIT_URL: 'http://127.0.0.1:6379' } });
    assert.equal(wrong.status, 3, wrong.stderr);
    assert.match(wrong.stderr, /ERR_CONFIG_INVALID/);
    const down = sb.run(['serve', '--config', 'server.yaml'], { env: { CORDON_RATE_LIMIT_URL: 'redis://:hunter2@127.0.0.1:1' } });
    assert.equal(down.status, 6, down.stderr);
    assert.match(down.stderr, /ERR_STORE_UNAVAILABLE/);
    assert.doesNotMatch(down.stderr, /hunter2|listening/);
  });

  it('a reachable Redis: the server starts and counts in it', REDIS_URL === undefined ? { skip: 'CORDON_TEST_REDIS_URL is not set' } : {}, async () => {
    sb.env['CORDON_RATE_LIMIT_URL'] = REDIS_URL;
    const served = await startServe(sb);
    try {
      // An unauthenticated request to a /v1 route peeks at its address's failed-credential counter
      // and counts a failure: the counter appears in Redis under Cordon's namespace.
      const redis = new Redis(REDIS_URL!);
      try {
        const status = await new Promise<number>((resolve, reject) => {
          const req = request({ host: '127.0.0.1', port: served.port, path: '/v1/keys', servername: 'localhost', agent: false, ca: readFileSync(sb.path('certs/ca.crt')) }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode!)); });
          req.on('error', reject);
          req.end();
        });
        assert.equal(status, 401);
        const keys = await redis.keys('cordon:rate-limit:*addr:127.0.0.1');
        assert.ok(keys.length >= 1, 'the address counter is in Redis');
      } finally {
        redis.disconnect();
      }
    } finally {
      served.child.kill('SIGTERM');
      await new Promise((r) => served.child.once('exit', r));
    }
  });
});
