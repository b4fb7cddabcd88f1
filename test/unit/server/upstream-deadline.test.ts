// The proxy's upstream call is bounded in all, not only by silence: an upstream that keeps sending a
// little at a time (a streamed answer without end, or a JSON body trickled byte by byte) is cut off
// at maxDurationMs with ERR_UPSTREAM_FAILED, while an ordinary answer is unaffected. Without the
// bound each of these calls would never end (the test's own timeout then fails it).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createDevCerts } from '../../../src/server/certs.js';
import { postUpstream, readUpstreamJson, type Upstream } from '../../../src/server/upstream.js';
import { isCordonError } from '../../../src/errors.js';
import { tempDir } from '../../helpers/keyring.js';

describe('upstream call deadline (proxy)', () => {
  let server: Server;
  let upstream: Upstream;
  const timers = new Set<NodeJS.Timeout>();

  before(async () => {
    const certs = createDevCerts(join(tempDir('cordon-upstream-certs-'), 'certs'));
    server = createServer({ cert: readFileSync(certs.serverCert), key: readFileSync(certs.serverKey) }, (req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.url === '/v1/chat/completions') {
          // Server-sent events, one piece every 50 ms, never [DONE].
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          const t = setInterval(() => res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'x' } }] })}\n\n`), 50);
          timers.add(t);
          res.on('close', () => clearInterval(t));
        } else if (req.url === '/v1/embeddings') {
          // A JSON body one byte every 50 ms: never silent for long, never finished.
          res.writeHead(200, { 'content-type': 'application/json' });
          const t = setInterval(() => res.write(' '), 50);
          timers.add(t);
          res.on('close', () => clearInterval(t));
        } else {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"ok":true}');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    upstream = {
      baseUrl: new URL(`https://localhost:${(server.address() as AddressInfo).port}/v1`),
      ca: readFileSync(certs.ca), timeoutMs: 1000, maxDurationMs: 1500,
    };
  });
  after(() => {
    for (const t of timers) clearInterval(t);
    server.closeAllConnections();
    server.close();
  });

  const cutOff = (e: unknown): boolean => isCordonError(e, 'ERR_UPSTREAM_FAILED') && /did not finish in time/.test((e as Error).message);

  it('a streamed answer that never ends is cut off', { timeout: 20_000 }, async () => {
    const answer = await postUpstream(upstream, '/chat/completions', { stream: true });
    assert.equal(answer.status, 200);
    let pieces = 0;
    await assert.rejects((async () => { for await (const _ of answer.body) pieces++; })(), cutOff);
    assert.ok(pieces > 3, 'the upstream was sending all along (silence was never the reason)');
  });

  it('a JSON answer trickled byte by byte is cut off', { timeout: 20_000 }, async () => {
    await assert.rejects(readUpstreamJson(await postUpstream(upstream, '/embeddings', { input: 'x' })), cutOff);
  });

  it('an ordinary answer is read whole, and its deadline does not fire later', { timeout: 20_000 }, async () => {
    const base = new URL(upstream.baseUrl.href.replace(/\/v1$/, '/other'));
    const json = await readUpstreamJson(await postUpstream({ ...upstream, baseUrl: base }, '/chat/completions', {}));
    assert.deepEqual(json, { ok: true });
    await new Promise((r) => setTimeout(r, 1800));
  });
});
