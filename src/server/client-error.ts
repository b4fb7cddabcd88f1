// What the server answers when Node's HTTP layer refuses a request before fastify sees it (the
// `clientError` event): a request or its headers not received within limits.requestTimeoutMs (408),
// headers over Node's size limit — a 20 KB URL among them (431), anything the HTTP parser cannot
// read (400). fastify's default writes its own `{error, message, statusCode}` body; this writes
// Cordon's `{code, message}` with a fresh X-Request-Id, then closes the connection. It never
// quotes what the client sent, and never writes into a connection whose response has begun.
import type { Duplex } from 'node:stream';
import { randomId } from '../crypto/random.js';
import type { ErrorBody } from './errors.js';

/** Status, reason phrase and body for a client error code from Node (ERR_HTTP_REQUEST_TIMEOUT, HPE_*). */
export function clientErrorAnswer(code: string | undefined): { status: number; reason: string; body: ErrorBody } {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, reason: 'Request Timeout', body: { code: 'ERR_REQUEST_TIMEOUT', message: 'the request was not received in time' } };
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, reason: 'Request Header Fields Too Large', body: { code: 'ERR_INPUT_INVALID', message: 'the request line and headers are too large' } };
    default:
      return { status: 400, reason: 'Bad Request', body: { code: 'ERR_INPUT_INVALID', message: 'malformed request' } };
  }
}

/** fastify's `clientErrorHandler`. */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  // A reset connection has nobody to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  // Node's own rule: answer only when no response on this connection has started.
  const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  if (socket.writable && (inFlight == null || inFlight.headersSent !== true)) {
    const { status, reason, body } = clientErrorAnswer(err.code);
    const text = JSON.stringify(body);
    socket.write(`HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(text)}\r\n`
      + `x-request-id: ${randomId()}\r\nconnection: close\r\n\r\n${text}`);
  }
  socket.destroy();
}
