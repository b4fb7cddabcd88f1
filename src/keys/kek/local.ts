// Local master keys: a 32-byte key from CORDON_MASTER_KEY (base64), from CORDON_MASTER_KEY_FILE (a
// file no one but its owner can read), or, as a development default only, a key file created on
// first use under the user's config directory. The key must never live inside the workspace that
// holds the data it protects: such a file is refused, wherever its path says it is (a symlink, a
// bind mount or a hard link into the workspace counts as inside). A key that is plainly not random
// (all one byte, a repeated pattern, a counter, few distinct bytes) is refused too (weak-key.ts).
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { randomBytes } from '../../crypto/random.js';
import { hmacSha256 } from '../../crypto/hmac.js';
import { unwrapKey, wrapKey } from '../../crypto/wrap.js';
import { CordonError, isCordonError } from '../../errors.js';
import { writeFileAtomic } from '../../io/write-file-atomic.js';
import type { KekProvider } from './provider.js';
import { weakKeyReason } from './weak-key.js';

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
  if (typeof raw !== 'string' && raw.length === 32) return checkNotWeak(new Uint8Array(raw), source);
  const text = (typeof raw === 'string' ? raw : Buffer.from(raw).toString('latin1')).trim();
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(text) ? Buffer.from(text, 'base64') : Buffer.alloc(0);
  if (key.length !== 32) {
    throw new CordonError('ERR_MASTER_KEY_UNAVAILABLE', `${source} must hold 32 bytes encoded in base64 (44 characters)`);
  }
  return checkNotWeak(new Uint8Array(key), source);
}

/** Refuses a key that is plainly not 32 random bytes (ERR_MASTER_KEY_INSECURE); the message never holds the key. */
function checkNotWeak(key: Uint8Array, source: string): Uint8Array {
  const reason = weakKeyReason(key);
  if (reason !== undefined) {
    key.fill(0);
    throw new CordonError('ERR_MASTER_KEY_INSECURE', `${source} is not a random key (${reason}); make one with: openssl rand -base64 32`);
  }
  return key;
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

/** The real location of `p`: its longest existing prefix resolved (symlinks followed), the rest appended. */
function realLocation(p: string): string {
  const abs = resolve(p);
  try {
    return realpathSync(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : join(realLocation(parent), basename(abs));
  }
}

const sameFile = (a: Stats, b: Stats): boolean => a.dev === b.dev && a.ino === b.ino;

/** Entries of the workspace tree looked at for a hard link to the key file; past this the check fails closed. */
const MAX_WORKSPACE_ENTRIES = 100_000;

/** True when `target` (dev, ino) has a name in the tree under `root` (not following symlinks). */
function linkedInTree(root: string, target: Stats): boolean {
  const dirs = [root];
  let seen = 0;
  while (dirs.length > 0) {
    const dir = dirs.pop()!;
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (++seen > MAX_WORKSPACE_ENTRIES) return true;
      let st;
      try {
        st = lstatSync(join(dir, name));
      } catch {
        continue;
      }
      if (sameFile(st, target)) return true;
      if (st.isDirectory()) dirs.push(join(dir, name));
    }
  }
  return false;
}

/**
 * Whether the file at `path` lies in the workspace `workspaceDir`: by its path; by real locations
 * (a symlinked key file, folder or workspace); by device and inode of every folder above the key
 * against the workspace folder (a bind mount, a case-insensitive alias); and, when the key file
 * has more than one name, by a hard link anywhere in the workspace tree.
 */
function inWorkspace(path: string, workspaceDir: string, st: Stats | undefined): boolean {
  if (isInside(path, workspaceDir)) return true;
  const realKey = realLocation(path);
  const realWs = realLocation(workspaceDir);
  if (isInside(realKey, realWs)) return true;
  let ws: Stats;
  try {
    ws = statSync(realWs);
  } catch {
    return false; // no workspace folder yet: nothing can alias it
  }
  for (let d = dirname(realKey); ; d = dirname(d)) {
    try {
      if (sameFile(statSync(d), ws)) return true;
    } catch {
      // a folder not created yet
    }
    if (dirname(d) === d) break;
  }
  return st !== undefined && st.nlink > 1 && ws.isDirectory() && linkedInTree(realWs, st);
}

function insideError(source: string): CordonError {
  return new CordonError('ERR_MASTER_KEY_INSECURE', `${source} is inside the workspace; keep the master key apart from the data it protects`);
}

function readKeyFile(path: string, source: string, workspaceDir: string | undefined): Uint8Array {
  if (workspaceDir !== undefined && isInside(path, workspaceDir)) throw insideError(source);
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new CordonError('ERR_MASTER_KEY_UNAVAILABLE', `${source} not found: ${path}`);
  }
  if (!st.isFile()) throw new CordonError('ERR_MASTER_KEY_UNAVAILABLE', `${source} is not a regular file: ${path}`);
  if (workspaceDir !== undefined && inWorkspace(path, workspaceDir, st)) throw insideError(source);
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
  if (options.workspaceDir !== undefined && inWorkspace(path, options.workspaceDir, undefined)) {
    throw new CordonError('ERR_MASTER_KEY_INSECURE', 'the default master key location is inside the workspace; set CORDON_MASTER_KEY_FILE');
  }
  const key = randomBytes(32);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileAtomic(path, Buffer.from(key).toString('base64') + '\n', { mode: 0o600 });
  chmodSync(path, 0o600);
  options.onNotice?.(
    `no master key was configured, so Cordon created a DEVELOPMENT master key at ${path} (mode 0600).\n` +
      '  It protects every key in the key store: lose it and encrypted data is lost; leak it and the keys leak.\n' +
      '  For real data set CORDON_MASTER_KEY_FILE to a key kept off this disk, or use a passphrase or an HSM (docs/keys.md).',
  );
  return { key, source: path };
}
