// Starts the real `cordon serve` as a subprocess in a CLI sandbox and waits until it listens.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
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
export async function startServe(sb: CliSandbox, config?: string, options: { logLevel?: 'silent' | 'error' | 'warn' | 'info' } = {}): Promise<Served> {
  if (config !== undefined) writeFileSync(sb.path('server.yaml'), config);
  const child = spawn(process.execPath, [CORDON_BIN, 'serve', '--config', 'server.yaml', '--log-level', options.logLevel ?? 'silent'], { cwd: sb.dir, env: sb.env, stdio: ['ignore', 'pipe', 'pipe'] });
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
