// `cordon serve` with audit durability `batch` (docs/server.md#audit-durability): an answer leaves
// once its audit event is committed, before the WAL sync, so a kill -9 of the server must still
// lose nothing it answered. A 1 s sync window makes sure the last answers' events were not synced
// yet when the process dies; the log then holds every answered decision and verifies.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cliSandbox, type CliSandbox } from '../helpers/cli.js';
import { post, startServe } from '../helpers/serve.js';

const CONFIG = [
  'listen: { host: 127.0.0.1, port: 0 }', 'tls:', '  cert: certs/server.crt', '  key: { file: certs/server.key }', '  ca: certs/ca.crt', '  mtls: required',
  'policy: { dir: policies }', 'audit: { durability: batch, syncWindowMs: 1000 }', '',
].join('\n');

describe('cordon serve: audit durability batch', () => {
  let sb: CliSandbox | undefined;
  after(() => sb?.cleanup());

  it('kill -9 loses no audit event of an answered request; the log verifies', async () => {
    sb = cliSandbox();
    const s = sb;
    assert.equal(s.run(['init']).status, 0);
    assert.equal(s.run(['certs', 'init', '--dir', 'certs']).status, 0);
    mkdirSync(s.path('policies'));
    writeFileSync(s.path('policies/allow.cedar'), '@id("test.tokenize") permit (principal, action == Cordon::Action::"tokenize", resource);\n');
    const served = await startServe(s, CONFIG);
    let answered = 0;
    let stop = false;
    // Four clients keep requests in flight; the server dies right after an answer, mid-stream.
    const client = async (c: number) => {
      for (let i = 0; !stop; i++) {
        const r = await post(served.port, s, '/v1/tokenize', { namespace: 'crm.email', values: [`u${c}-${i}@example.com`] }).catch(() => undefined);
        if (r === undefined || stop) return;
        assert.equal(r.status, 200, r.body);
        answered++;
        if (answered >= 60) {
          stop = true;
          served.child.kill('SIGKILL');
        }
      }
    };
    const exited = new Promise<NodeJS.Signals | null>((resolve) => served.child.once('exit', (_code, signal) => resolve(signal)));
    await Promise.all([0, 1, 2, 3].map(client));
    assert.equal(await exited, 'SIGKILL');
    const show = s.run(['audit', 'show', '--type', 'authz.decision', '--json']);
    assert.equal(show.status, 0, show.stderr);
    const events = show.stdout.trim().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { outcome: string; attributes: Record<string, string> });
    const tokenizes = events.filter((e) => e.outcome === 'success' && e.attributes['action'] === 'tokenize').length;
    // Every answered request's decision is there (requests in flight at the kill may be too).
    assert.ok(tokenizes >= answered, `${tokenizes} decisions stored for ${answered} answered requests`);
    const v = s.run(['audit', 'verify']);
    assert.equal(v.status, 0, v.stderr + v.stdout);
  });
});
