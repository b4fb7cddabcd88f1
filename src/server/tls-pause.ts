// Makes Node's HTTP server honour its own pause on TLS connections (issue 15: ECONNRESET under
// paced batch load). Node's server pauses a keep-alive connection when a request arrives while the
// previous answer is still held back by the client (`socket.write` returned false): it stops the
// socket and pauses its HTTP parser until the answer drains. On a TLS socket the parser is fed by
// the TLS layer directly (it "consumes" the handle), and stopping the socket does not stop the TLS
// layer from handing over the rest of what it has already decrypted: a request larger than one TLS
// record (16 KB of plaintext; a tokenize batch of 1,000 values is ~25 KB) reaches the paused parser,
// which fails with HPE_PAUSED, and the connection is destroyed mid-answer. Reproduced with a bare
// `node:https` server on Node 20.20.2 and 24.22.3 (no Cordon code), so this is Node's, not a hook's.
//
// The cure is Node's other reading path: a socket with a 'data' listener of its own is read by the
// HTTP server through the stream (Node "unconsumes" the parser), and a paused stream keeps what
// arrives until it is resumed, so nothing reaches the paused parser. It must never drop or read a
// byte itself: the listener is a no-op, and the server's own listener parses every chunk.
import type { Server } from 'node:https';
import type { TLSSocket } from 'node:tls';

const ignore = (): void => {};

/**
 * Has `server` (an HTTPS server whose HTTP connection listener is already attached: fastify's, made
 * with `https` options) read each TLS connection through its stream, so that pausing a connection
 * for backpressure holds the bytes that arrive instead of failing the connection.
 *
 * @example
 * const app = Fastify({ https: { cert, key } });
 * honourPauseOnTls(app.server as https.Server);
 */
export function honourPauseOnTls(server: Server): void {
  // Registered after Node's own 'secureConnection' listener (added when the server was made), so
  // the parser is in place and Node's listener wrapper unconsumes it when this listener is added.
  server.on('secureConnection', (socket: TLSSocket) => {
    socket.on('data', ignore);
  });
}
