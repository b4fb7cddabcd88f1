// Graceful shutdown: close() stops accepting new connections and lets in-flight requests finish.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { Type } from '@sinclair/typebox';
import { MemoryAuditSink } from '../../../src/audit/jsonl-sink.js';
import { buildServer } from '../../../src/server/app.js';
import type { RouteSpec } from '../../../src/server/route.js';
import type { Keyring } from '../../../src/keys/keyring.js';

let started: () => void = () => {};
const slow: RouteSpec = {
  method: 'GET', url: '/v1/slow', summary: 'test', tags: ['test'], response: Type.Object({ done: Type.Boolean() }),
  async handler() {
    started();
    await new Promise((r) => setTimeout(r, 300));
    return { done: true };
  },
};

describe('server: shutdown', () => {
  it('drains an in-flight request, then refuses new connections', async () => {
    const { app } = buildServer({ keyring: {} as Keyring, audit: new MemoryAuditSink(), recognizers: [] }, { extraRoutes: [slow] });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const inHandler = new Promise<void>((r) => { started = r; });
    const inflight = fetch(`http://127.0.0.1:${port}/v1/slow`);
    await inHandler;
    const closing = app.close();
    const res = await inflight;
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { done: true });
    await closing;
    await assert.rejects(fetch(`http://127.0.0.1:${port}/v1/healthz`));
  });
});
