// Starts the real `cordon serve` as a subprocess in a CLI sandbox and waits until it listens.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import type { CliSandbox } from './cli.js';
import { CORDON_BIN } from './paths.js';

export interface Served {
  readonly child: ChildProcess;
  readonly port: number;
  /** Everything the server wrote to stderr so far (it keeps collecting after start). */
  stderr(): string;
  /** Everything the server wrote to stdout so far: the request log, when `logLevel` is not silent. */
  stdout(): string;
}

/** Runs `cordon serve --config server.yaml` in `sb.dir` (writing `config` there first when given). */
export async function startServe(sb: CliSandbox, config?: string, options: { logLevel?: 'silent' | 'error' | 'warn' | 'info'; args?: readonly string[] } = {}): Promise<Served> {
  if (config !== undefined) writeFileSync(sb.path('server.yaml'), config);
  const child = spawn(process.execPath, [CORDON_BIN, 'serve', '--config', 'server.yaml', '--log-level', options.logLevel ?? 'silent', ...(options.args ?? [])], { cwd: sb.dir, env: sb.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  let out = '';
  child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  const port = await new Promise<number>((resolve, reject) => {
    child.stderr!.on('data', () => {
      const m = /listening on https:\/\/127\.0\.0\.1:(\d+)/.exec(err);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  return { child, port, stderr: () => err, stdout: () => out };
}

/** One request to a served instance over TLS (with the sandbox's client certificate unless `withCert` is false); GET without a body. */
export function post(port: number, sb: CliSandbox, path: string, body: object | undefined, headers: Record<string, string> = {}, withCert = true): Promise<{ status: number; body: string }> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpsRequest({
      host: '127.0.0.1', port, path, method: text === undefined ? 'GET' : 'POST', servername: 'localhost', agent: false,
      ca: readFileSync(sb.path('certs/ca.crt')), ...(withCert ? { cert: readFileSync(sb.path('certs/client.crt')), key: readFileSync(sb.path('certs/client.key')) } : {}),
      headers: { ...(text !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    }, (res) => {
      let b = '';
      res.on('data', (c: Buffer) => { b += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode!, body: b }));
    });
    req.on('error', reject);
    req.end(text);
  });
}
