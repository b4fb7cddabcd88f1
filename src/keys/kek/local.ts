// Local master keys: a 32-byte key from CORDON_MASTER_KEY (base64), from CORDON_MASTER_KEY_FILE (a
// file no one but its owner can read), or, as a development default only, a key file created on
// first use under the user's config directory. The key must never live inside the workspace that
// holds the data it protects: such a file is refused.
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { randomBytes } from '../../crypto/random.js';
import { hmacSha256 } from '../../crypto/hmac.js';
import { unwrapKey, wrapKey } from '../../crypto/wrap.js';
import { CordonError, isCordonError } from '../../errors.js';
import type { KekProvider } from './provider.js';

export interface LocalKekOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** The workspace directory: a key file inside it is refused. */
  readonly workspaceDir?: string;
  /** Called once when a development key file is created, with a message for the user. */
  readonly onNotice?: (message: string) => void;
  /** Allow creating the development default key file when nothing is configured (default true). */
  readonly allowCreateDefault?: boolean;
}

const ID_LABEL = new TextEncoder().encode('cordon kek id v1');

/** Wraps key material with AES-256-GCM under a master key held in memory. */
export class LocalKek implements KekProvider {
  readonly kind: 'local' | 'passphrase';
  readonly id: string;
  readonly #key: Uint8Array;

  constructor(key: Uint8Array, kind: 'local' | 'passphrase' = 'local') {
    if (key.length !== 32) throw new CordonError('ERR_MASTER_KEY_UNAVAILABLE', 'master key must be 32 bytes');
    this.#key = key;
    this.kind = kind;
    // A public fingerprint: HMAC of a fixed label, so it identifies the key without revealing it.
    this.id = `${kind}:${Buffer.from(hmacSha256(key, ID_LABEL).subarray(0, 8)).toString('hex')}`;
  }

  async wrap(key: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
    return wrapKey(this.#key, key, aad);
  }

  async unwrap(wrapped: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
    try {
      return unwrapKey(this.#key, wrapped, aad);
    } catch (e) {
      if (isCordonError(e, 'ERR_DECRYPTION_FAILED')) {
        throw new CordonError('ERR_MASTER_KEY_MISMATCH', 'key material does not open under the configured master key');
      }
      throw e;
    }
  }

  async close(): Promise<void> {
    this.#key.fill(0);
  }
}

/** Decodes a master key given as base64 (standard or url-safe) or as 32 raw bytes. */
export function parseMasterKey(raw: Uint8Array | string, source: string): Uint8Array {
  if (typeof raw !== 'string' && raw.length === 32) return new Uint8Array(raw);
  const text = (typeof raw === 'string' ? raw : Buffer.from(raw).toString('latin1')).trim();
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(text) ? Buffer.from(text, 'base64') : Buffer.alloc(0);
  if (key.length !== 32) {
    throw new CordonError('ERR_MASTER_KEY_UNAVAILABLE', `${source} must hold 32 bytes encoded in base64 (44 characters)`);
  }
  return new Uint8Array(key);
}

/** The development default location: $XDG_CONFIG_HOME/cordon/master.key or ~/.config/cordon/master.key. */
export function defaultMasterKeyPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(env.HOME || homedir(), '.config');
  return join(base, 'cordon', 'master.key');
}

function isInside(child: string, parent: string): boolean {
  const rel = relative(resolve(parent), resolve(child));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function readKeyFile(path: string, source: string, workspaceDir: string | undefined): Uint8Array {
  if (workspaceDir !== undefined && isInside(path, workspaceDir)) {
    throw new CordonError('ERR_MASTER_KEY_INSECURE', `${source} is inside the workspace; keep the master key apart from the data it protects`);
  }
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new CordonError('ERR_MASTER_KEY_UNAVAILABLE', `${source} not found: ${path}`);
  }
  if (!st.isFile()) throw new CordonError('ERR_MASTER_KEY_UNAVAILABLE', `${source} is not a regular file: ${path}`);
  if ((st.mode & 0o077) !== 0) {
    throw new CordonError('ERR_MASTER_KEY_INSECURE', `${source} is readable by group or others; run: chmod 600 ${path}`, {
      details: { mode: (st.mode & 0o777).toString(8) },
    });
  }
  return parseMasterKey(readFileSync(path), source);
}

/**
 * Resolves the local master key: CORDON_MASTER_KEY, then CORDON_MASTER_KEY_FILE, then the development
 * default file (created with mode 0600 when missing, with a notice).
 */
export function resolveLocalMasterKey(options: LocalKekOptions = {}): { key: Uint8Array; source: string } {
  const env = options.env ?? process.env;
  if (env.CORDON_MASTER_KEY !== undefined && env.CORDON_MASTER_KEY !== '') {
    return { key: parseMasterKey(env.CORDON_MASTER_KEY, 'CORDON_MASTER_KEY'), source: 'CORDON_MASTER_KEY' };
  }
  if (env.CORDON_MASTER_KEY_FILE !== undefined && env.CORDON_MASTER_KEY_FILE !== '') {
    return { key: readKeyFile(resolve(env.CORDON_MASTER_KEY_FILE), 'CORDON_MASTER_KEY_FILE', options.workspaceDir), source: 'CORDON_MASTER_KEY_FILE' };
  }
  const path = defaultMasterKeyPath(env);
  if (existsSync(path)) return { key: readKeyFile(path, 'master key file', options.workspaceDir), source: path };
  if (options.allowCreateDefault === false) {
    throw new CordonError('ERR_MASTER_KEY_UNAVAILABLE', 'no master key configured: set CORDON_MASTER_KEY or CORDON_MASTER_KEY_FILE');
  }
  if (options.workspaceDir !== undefined && isInside(path, options.workspaceDir)) {
    throw new CordonError('ERR_MASTER_KEY_INSECURE', 'the default master key location is inside the workspace; set CORDON_MASTER_KEY_FILE');
  }
  const key = randomBytes(32);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, Buffer.from(key).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  options.onNotice?.(
    `no master key was configured, so Cordon created a DEVELOPMENT master key at ${path} (mode 0600).\n` +
      '  It protects every key in the key store: lose it and encrypted data is lost; leak it and the keys leak.\n' +
      '  For real data set CORDON_MASTER_KEY_FILE to a key kept off this disk, or use a passphrase or an HSM (docs/keys.md).',
  );
  return { key, source: path };
}
