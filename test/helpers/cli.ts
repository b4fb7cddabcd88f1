// Runs the real `cordon` command as a subprocess in an isolated environment.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from '../../src/crypto/random.js';
import { CORDON_BIN } from './paths.js';

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stdoutBytes: Buffer;
  readonly stderr: string;
}

export interface CliSandbox {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  run(args: string[], options?: { input?: Buffer | string; env?: NodeJS.ProcessEnv }): CliResult;
  path(...parts: string[]): string;
  cleanup(): void;
}

/** A temp dir with CORDON_HOME inside it and a master key in the environment (never in the workspace). */
export function cliSandbox(options: { masterKey?: boolean } = {}): CliSandbox {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-cli-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: join(dir, 'home'),
    XDG_CONFIG_HOME: join(dir, 'xdg'),
    CORDON_HOME: join(dir, 'ws'),
    CORDON_PRINCIPAL: 'test-user',
  };
  if (options.masterKey !== false) env.CORDON_MASTER_KEY = Buffer.from(randomBytes(32)).toString('base64');
  return {
    dir,
    env,
    path: (...parts) => join(dir, ...parts),
    run(args, o = {}) {
      const r = spawnSync(process.execPath, [CORDON_BIN, ...args], { cwd: dir, env: { ...env, ...o.env }, input: o.input ?? '', maxBuffer: 64 * 1024 * 1024 });
      return { status: r.status, stdout: r.stdout.toString(), stdoutBytes: r.stdout, stderr: r.stderr.toString() };
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
