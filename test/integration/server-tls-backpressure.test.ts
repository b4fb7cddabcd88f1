// Issue 15 (ECONNRESET under paced batch load), over real TLS: a keep-alive client that has not read
// its last answer yet (backpressure on the server's socket) sends a request larger than one TLS
// record (16 KB; a tokenize batch of 1,000 values is ~25 KB). Node's HTTP server pauses the
// connection until the answer drains; before src/server/tls-pause.ts the rest of the request still
// reached the paused parser (HPE_PAUSED) and the connection was destroyed mid-answer. Each round
// checks that the backpressure was there (the socket needed a drain when the request arrived), then
// that both answers arrive whole. No timing: the client resumes reading once the server has parsed
// the second request's head, when the failure, if any, has already happened.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:tls';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Type } from '@sinclair/typebox';
import { tempDir, tempKeyring, type TempKeyring } from '../helpers/keyring.js';
import { TokenVault } from '../../src/vault/vault.js';
import { SqliteVaultStore } from '../../src/vault/store/sqlite.js';
import { DEFAULT_RECOGNIZERS } from '../../src/detect/registry.js';
import { createDevCerts, type DevCerts } from '../../src/server/certs.js';
import { buildServer, type CordonServer } from '../../src/server/app.js';
import type { RouteSpec } from '../../src/server/route.js';

/** An answer of `size` bytes of text: large enough that a client that does not read holds it back. */
const ANSWER: RouteSpec = {
  method: 'POST', url: '/test/answer', summary: 'an answer of a given size', tags: ['test'],
  body: Type.Object({ size: Type.Integer({ minimum: 0, maximum: 16 * 1024 * 1024 }), pad: Type.String() }, { additionalProperties: false }),
  response: Type.Object({ text: Type.String() }, { additionalProperties: false }),
  async handler({ body }) { return { text: 'x'.repeat((body as { size: number }).size) }; },
};

/** More than the loopback socket buffers take, so the server's write stays pending while the client does not read. */
const HELD_BACK = 8 * 1024 * 1024;
/** A request body over one TLS record's 16 KB of plaintext. */
const PAD = 'y'.repeat(40 * 1024);
const ROUNDS = 6;

const post = (body: string, extra = '') =>
  `POST /test/answer HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;

describe('server over TLS: a large request behind an answer the client has not read (issue 15)', () => {
  let certs: DevCerts;
  let tk: TempKeyring;
  let vault: TokenVault;
  let server: CordonServer;
  let port: number;
  /** Resolved with whether the socket needed a drain, when the server parses a second request's head. */
  let onSecond: ((needDrain: boolean) => void) | undefined;

  before(async () => {
    certs = createDevCerts(join(tempDir('cordon-certs-'), 'certs'));
    tk = await tempKeyring();
    vault = await TokenVault.open(SqliteVaultStore.open(join(tk.dir, 'vault.db')), tk.keyring);
    server = buildServer({ keyring: tk.keyring, audit: tk.audit, vault, recognizers: DEFAULT_RECOGNIZERS }, {
      tls: { cert: readFileSync(certs.serverCert), key: readFileSync(certs.serverKey), mtls: 'off' },
      limits: { bodyBytes: 1024 * 1024 },
      extraRoutes: [ANSWER],
    });
    server.app.server.on('request', (req: IncomingMessage) => {
      if (req.headers['x-round-request'] === '2') onSecond?.(req.socket.writableNeedDrain);
    });
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    port = (server.app.server.address() as AddressInfo).port;
  });
  after(async () => {
    await server.app.close();
    await vault.close();
    await tk.cleanup();
  });

  /** One connection: request 1 (a large answer, left unread), request 2 (a large body); the answers seen and how it ended. */
  function round(): Promise<{ needDrain: boolean; answers: number; ended: string }> {
    return new Promise((resolve) => {
      let needDrain = false;
      let received = '';
      const s = connect({ host: '127.0.0.1', port, servername: 'localhost', ca: readFileSync(certs.ca) }, () => {
        s.write(post(JSON.stringify({ size: HELD_BACK, pad: '' })));
      });
      s.setEncoding('latin1');
      let sent = false;
      s.on('data', (d: string) => {
        received += d;
        if (sent) return;
        sent = true;
        // Stop reading with most of answer 1 unread, then send request 2; read again only once the
        // server has parsed its head (by then the rest of its body has reached the parser, or waits).
        s.pause();
        onSecond = (drain) => {
          needDrain = drain;
          onSecond = undefined;
          setImmediate(() => setImmediate(() => s.resume()));
        };
        s.write(post(JSON.stringify({ size: 2, pad: PAD }), 'x-round-request: 2\r\nconnection: close\r\n'));
      });
      const done = (ended: string) => resolve({ needDrain, answers: received.match(/HTTP\/1\.1 200 OK\r\n/g)?.length ?? 0, ended });
      s.on('error', (e: NodeJS.ErrnoException) => done(e.code ?? 'error'));
      s.on('end', () => done(received.endsWith('{"text":"xx"}') ? 'complete' : 'cut'));
    });
  }

  it(`${ROUNDS} connections, each pausing for backpressure: every answer arrives whole, no connection is reset`, async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const r = await round();
      assert.equal(r.needDrain, true, 'the second request must arrive while the first answer is held back');
      outcomes.push(`${r.answers} answers, ${r.ended}`);
    }
    assert.deepEqual(outcomes, Array.from({ length: ROUNDS }, () => '2 answers, complete'));
  });
});
