// A master key held in a PKCS#11 token (an HSM, or SoftHSM2 for development). The key is a
// non-extractable AES-256 secret key found by its CKA_LABEL; wrap and unwrap are AES-GCM operations
// performed inside the token (CKM_AES_GCM), so the key bytes never enter this process.
// This file must never log, return or put into an error message the PIN or any key bytes.
//
// Process-wide state, and why: a PKCS#11 module is one library instance per process. A second
// C_Initialize fails (CKR_CRYPTOKI_ALREADY_INITIALIZED), C_Finalize ends every session, and login
// state belongs to the token, not the session (a second C_Login fails with
// CKR_USER_ALREADY_LOGGED_IN without checking the PIN; C_Logout logs out every session). So modules
// and logged-in tokens are shared and reference-counted here; a provider opened on a token this
// process is already logged in to must present the same PIN, checked against an HMAC of it.
import { realpathSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { GcmParams, Mechanism, PKCS11, Template } from 'pkcs11js';
import { constantTimeEqual } from '../../crypto/constant-time.js';
import { hmacSha256 } from '../../crypto/hmac.js';
import { randomBytes } from '../../crypto/random.js';
import { CordonError, dependencyUnavailable } from '../../errors.js';
import type { KekConfig, KekProvider } from './provider.js';

type Pkcs11js = typeof import('pkcs11js');

// pkcs11js is an optional dependency with a native module: loaded on the first HSM use only (never
// by importing cordon/keys), so installs without a C++ toolchain or without an HSM work. Set by
// _loadPkcs11js(), which openPkcs11Kek and createPkcs11Kek await before anything below runs.
let pkcs11js: Pkcs11js;

/**
 * Loads pkcs11js once; a missing package or a native module that does not load is
 * ERR_DEPENDENCY_UNAVAILABLE naming pkcs11js. `importer` is for tests.
 */
export async function _loadPkcs11js(importer: () => Promise<unknown> = () => import('pkcs11js')): Promise<void> {
  // The signature names no pkcs11js type: the declarations must not need the optional package.
  if (pkcs11js !== undefined) return;
  try {
    pkcs11js = ((await importer()) as { default: Pkcs11js }).default;
  } catch (e) {
    throw dependencyUnavailable('pkcs11js', 'the HSM master key (--kek pkcs11)', e);
  }
}

export type Pkcs11KekConfig = Extract<KekConfig, { kind: 'pkcs11' }>;

export interface Pkcs11KekOptions {
  /** The user PIN. When absent it is read from `env[config.pinEnv]`. */
  readonly pin?: string;
  /** Environment to read the PIN variable from (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
}

// NIST SP 800-38D §8.2.2: 96-bit IVs from a CSPRNG; §8.3: at most 2^32 wraps per key, far beyond a KEK's use.
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
// PKCS#11 labels in CK_TOKEN_INFO are 32 bytes, blank-padded.
const TOKEN_LABEL_MAX = 32;
const MISMATCH_MESSAGE = 'key material does not open under the configured master key';

// Return values that say the token or session is unusable, not that the ciphertext is wrong: a
// C_Decrypt failing with one of these is ERR_KMS_FAILED, every other failure is a mismatch (SoftHSM2
// reports a bad GCM tag as CKR_GENERAL_ERROR, others use CKR_ENCRYPTED_DATA_INVALID).
const UNAVAILABLE = /^CKR_(SESSION_|DEVICE_|TOKEN_|USER_NOT_LOGGED_IN|CRYPTOKI_NOT_INITIALIZED|HOST_MEMORY|KEY_HANDLE_INVALID|OPERATION_)/;

interface ModuleEntry {
  readonly lib: PKCS11;
  /** False when code outside Cordon initialized the module first: then it is not ours to finalize. */
  readonly ownsInit: boolean;
  readonly tokens: Map<string, TokenEntry>;
}

/** One logged-in RW session per token, shared by every provider on it; operations run one at a time. */
interface TokenEntry {
  readonly module: ModuleEntry;
  readonly moduleKey: string;
  readonly slotKey: string;
  readonly session: Buffer;
  readonly pinTag: Uint8Array;
  refs: number;
  tail: Promise<void>;
}

const modules = new Map<string, ModuleEntry>();
// Keys the in-memory PIN check; never leaves this process.
const PIN_TAG_KEY = randomBytes(32);

/** The name of the PKCS#11 return value (CKR_…) a pkcs11js call failed with, or ''. */
function ckrOf(e: unknown): string {
  return (e instanceof Error && /^CKR_[A-Z_]+/.exec(e.message)?.[0]) || '';
}

function kmsFailed(message: string, cause?: unknown, details?: Record<string, string | number | boolean>): CordonError {
  // The CKR_ name says what went wrong and is never secret. The native error itself is not
  // attached as `cause`, so nothing from the call (its arguments included) can leak through it.
  const ckr = ckrOf(cause);
  return new CordonError('ERR_KMS_FAILED', ckr ? `${message} (${ckr})` : message, { details: { ...details, ...(ckr ? { pkcs11: ckr } : {}) } });
}

function checkConfig(config: Pkcs11KekConfig): void {
  for (const field of ['module', 'tokenLabel', 'keyLabel', 'pinEnv'] as const) {
    if (typeof config[field] !== 'string' || config[field] === '') {
      throw new CordonError('ERR_INPUT_INVALID', `pkcs11 master key: "${field}" must be a non-empty string`);
    }
  }
  // A bare name would be searched on the loader path, where another library could stand in for it.
  if (!isAbsolute(config.module)) {
    throw new CordonError('ERR_INPUT_INVALID', `pkcs11 master key: "module" must be an absolute path, got ${JSON.stringify(config.module)}`);
  }
  if (Buffer.byteLength(config.tokenLabel, 'utf8') > TOKEN_LABEL_MAX) {
    throw new CordonError('ERR_INPUT_INVALID', `pkcs11 master key: "tokenLabel" is longer than ${TOKEN_LABEL_MAX} bytes`);
  }
}

function readPin(config: Pkcs11KekConfig, options: Pkcs11KekOptions): string {
  const pin = options.pin ?? (options.env ?? process.env)[config.pinEnv];
  if (pin === undefined || pin === '') {
    throw new CordonError('ERR_KMS_FAILED', `the PKCS#11 user PIN is read from ${config.pinEnv}, which is not set`);
  }
  return pin;
}

function loadModule(path: string): { key: string; entry: ModuleEntry } {
  let key: string;
  try {
    // The loader shares one instance per file, whatever the path: key the registry the same way.
    key = realpathSync(path);
  } catch {
    throw new CordonError('ERR_KMS_FAILED', `PKCS#11 module not found: ${path}`, { details: { module: path } });
  }
  const known = modules.get(key);
  if (known) return { key, entry: known };
  const lib = new pkcs11js.PKCS11();
  try {
    lib.load(key);
  } catch (e) {
    throw kmsFailed(`cannot load PKCS#11 module ${path}`, e, { module: path });
  }
  let ownsInit = true;
  try {
    // Encrypt and decrypt run on libuv's thread pool: tell the module to lock for itself.
    try {
      lib.C_Initialize({ flags: pkcs11js.CKF_OS_LOCKING_OK });
    } catch (e) {
      // A module that cannot lock is still safe here: every call on it is serialized below.
      if (ckrOf(e) !== 'CKR_CANT_LOCK') throw e;
      lib.C_Initialize();
    }
  } catch (e) {
    if (ckrOf(e) === 'CKR_CRYPTOKI_ALREADY_INITIALIZED') ownsInit = false;
    else {
      lib.close();
      throw kmsFailed(`cannot initialize PKCS#11 module ${path}`, e, { module: path });
    }
  }
  const entry: ModuleEntry = { lib, ownsInit, tokens: new Map() };
  modules.set(key, entry);
  return { key, entry };
}

function releaseModule(key: string, entry: ModuleEntry): void {
  if (entry.tokens.size > 0) return;
  modules.delete(key);
  try {
    if (entry.ownsInit) entry.lib.C_Finalize();
  } catch {
    // Best effort: the process keeps nothing that depends on it.
  }
  entry.lib.close();
}

function findSlot(lib: PKCS11, tokenLabel: string): Buffer {
  let matches: Buffer[];
  try {
    matches = lib.C_GetSlotList(true).filter((slot) => lib.C_GetTokenInfo(slot).label.replace(/[ \0]+$/, '') === tokenLabel);
  } catch (e) {
    throw kmsFailed('cannot list PKCS#11 slots', e);
  }
  if (matches.length === 0) throw new CordonError('ERR_KMS_FAILED', `no PKCS#11 token labelled ${JSON.stringify(tokenLabel)}`, { details: { tokenLabel } });
  if (matches.length > 1) throw new CordonError('ERR_KMS_FAILED', `more than one PKCS#11 token labelled ${JSON.stringify(tokenLabel)}`, { details: { tokenLabel } });
  return matches[0]!;
}

/** Opens (or joins) the logged-in session on the token named in `config`. */
function acquireToken(config: Pkcs11KekConfig, pin: string): TokenEntry {
  const { key: moduleKey, entry: module } = loadModule(config.module);
  try {
    const slot = findSlot(module.lib, config.tokenLabel);
    const slotKey = slot.toString('hex');
    const pinTag = hmacSha256(PIN_TAG_KEY, Buffer.from(pin, 'utf8'));
    const shared = module.tokens.get(slotKey);
    if (shared) {
      // Already logged in: the token would accept any PIN now, so check it here.
      if (!constantTimeEqual(shared.pinTag, pinTag)) {
        throw new CordonError('ERR_KMS_FAILED', `PKCS#11 login to token ${JSON.stringify(config.tokenLabel)} refused (CKR_PIN_INCORRECT)`, {
          details: { tokenLabel: config.tokenLabel, pkcs11: 'CKR_PIN_INCORRECT' },
        });
      }
      shared.refs += 1;
      return shared;
    }
    let session: Buffer;
    try {
      session = module.lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
    } catch (e) {
      throw kmsFailed(`cannot open a session on PKCS#11 token ${JSON.stringify(config.tokenLabel)}`, e, { tokenLabel: config.tokenLabel });
    }
    try {
      module.lib.C_Login(session, pkcs11js.CKU_USER, pin);
    } catch (e) {
      try {
        module.lib.C_CloseSession(session);
      } catch {
        // The login failure is the error worth reporting.
      }
      throw kmsFailed(`PKCS#11 login to token ${JSON.stringify(config.tokenLabel)} refused`, e, { tokenLabel: config.tokenLabel });
    }
    const entry: TokenEntry = { module, moduleKey, slotKey, session, pinTag, refs: 1, tail: Promise.resolve() };
    module.tokens.set(slotKey, entry);
    return entry;
  } catch (e) {
    releaseModule(moduleKey, module);
    throw e;
  }
}

function releaseToken(token: TokenEntry): void {
  token.refs -= 1;
  if (token.refs > 0) return;
  const { lib } = token.module;
  token.module.tokens.delete(token.slotKey);
  for (const step of [() => lib.C_Logout(token.session), () => lib.C_CloseSession(token.session)]) {
    try {
      step();
    } catch {
      // Best effort: C_Finalize below ends whatever is left.
    }
  }
  releaseModule(token.moduleKey, token.module);
}

/** Runs `op` after every operation already queued on the token's session. */
function enqueue<T>(token: TokenEntry, op: () => Promise<T>): Promise<T> {
  const run = token.tail.then(op);
  token.tail = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

/** Secret keys labelled `keyLabel` (at most two: enough to tell "one" from "ambiguous"), AES only if `aesOnly`. */
function findSecretKeys(token: TokenEntry, config: Pkcs11KekConfig, aesOnly: boolean): Buffer[] {
  const { lib } = token.module;
  const template: Template = [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
    { type: pkcs11js.CKA_LABEL, value: config.keyLabel },
    ...(aesOnly ? [{ type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_AES }] : []),
  ];
  try {
    lib.C_FindObjectsInit(token.session, template);
    try {
      return lib.C_FindObjects(token.session, 2);
    } finally {
      lib.C_FindObjectsFinal(token.session);
    }
  } catch (e) {
    throw kmsFailed(`cannot search PKCS#11 token ${JSON.stringify(config.tokenLabel)}`, e, { tokenLabel: config.tokenLabel, keyLabel: config.keyLabel });
  }
}

function findAesKey(token: TokenEntry, config: Pkcs11KekConfig): Buffer {
  const found = findSecretKeys(token, config, true);
  if (found.length === 1) return found[0]!;
  const what = found.length === 0 ? 'no AES key' : 'more than one AES key';
  throw new CordonError('ERR_KMS_FAILED', `${what} labelled ${JSON.stringify(config.keyLabel)} on PKCS#11 token ${JSON.stringify(config.tokenLabel)}`, {
    details: { tokenLabel: config.tokenLabel, keyLabel: config.keyLabel },
  });
}

/** CK_GCM_PARAMS with every field set (pkcs11js's older CK_PARAMS_AES_GCM leaves ulIvBits unset). */
function gcm(iv: Uint8Array, aad: Uint8Array): Mechanism {
  const parameter: GcmParams = { type: pkcs11js.CK_PARAMS_GCM, iv: Buffer.from(iv), ivBits: IV_LENGTH * 8, aad: Buffer.from(aad), tagBits: TAG_LENGTH * 8 };
  return { mechanism: pkcs11js.CKM_AES_GCM, parameter };
}

function bytesView(b: Uint8Array): Buffer {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

class Pkcs11Kek implements KekProvider {
  readonly kind = 'pkcs11' as const;
  readonly id: string;
  #token: TokenEntry | undefined;
  readonly #key: Buffer;

  constructor(config: Pkcs11KekConfig, token: TokenEntry, key: Buffer) {
    this.id = `pkcs11:${config.tokenLabel}/${config.keyLabel}`;
    this.#token = token;
    this.#key = key;
  }

  #open(): TokenEntry {
    if (!this.#token) throw new TypeError('pkcs11 master key: the provider is closed');
    return this.#token;
  }

  async wrap(key: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
    if (!(key instanceof Uint8Array) || key.length === 0) throw new TypeError('wrap: key must be a non-empty Uint8Array');
    if (!(aad instanceof Uint8Array)) throw new TypeError('wrap: aad must be a Uint8Array');
    const token = this.#open();
    return enqueue(token, async () => {
      const { lib } = token.module;
      const iv = randomBytes(IV_LENGTH);
      let sealed: Buffer;
      try {
        lib.C_EncryptInit(token.session, gcm(iv, aad), this.#key);
        // Room for the tag plus a block of slack: some modules ask for more than they write.
        sealed = await lib.C_EncryptAsync(token.session, bytesView(key), Buffer.alloc(key.length + TAG_LENGTH + 16));
      } catch (e) {
        throw kmsFailed('PKCS#11 wrap (C_Encrypt, CKM_AES_GCM) failed', e);
      }
      if (sealed.length !== key.length + TAG_LENGTH) throw new CordonError('ERR_KMS_FAILED', 'PKCS#11 wrap returned an unexpected length');
      // Output: IV ‖ ciphertext ‖ tag.
      const out = new Uint8Array(IV_LENGTH + sealed.length);
      out.set(iv, 0);
      out.set(sealed, IV_LENGTH);
      return out;
    });
  }

  async unwrap(wrapped: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
    if (!(wrapped instanceof Uint8Array)) throw new TypeError('unwrap: wrapped must be a Uint8Array');
    if (!(aad instanceof Uint8Array)) throw new TypeError('unwrap: aad must be a Uint8Array');
    const token = this.#open();
    if (wrapped.length <= IV_LENGTH + TAG_LENGTH) throw new CordonError('ERR_MASTER_KEY_MISMATCH', MISMATCH_MESSAGE);
    return enqueue(token, async () => {
      const { lib } = token.module;
      const body = wrapped.subarray(IV_LENGTH);
      try {
        lib.C_DecryptInit(token.session, gcm(wrapped.subarray(0, IV_LENGTH), aad), this.#key);
      } catch (e) {
        throw kmsFailed('PKCS#11 unwrap (C_DecryptInit, CKM_AES_GCM) failed', e);
      }
      const buf = Buffer.alloc(body.length);
      try {
        let opened: Buffer;
        try {
          opened = await lib.C_DecryptAsync(token.session, Buffer.from(body), buf);
        } catch (e) {
          // Wrong key, wrong AAD, modified bytes: the token says no, and that is all the caller learns.
          if (UNAVAILABLE.test(ckrOf(e))) throw kmsFailed('PKCS#11 unwrap (C_Decrypt, CKM_AES_GCM) failed', e);
          throw new CordonError('ERR_MASTER_KEY_MISMATCH', MISMATCH_MESSAGE);
        }
        if (opened.length !== body.length - TAG_LENGTH) throw new CordonError('ERR_KMS_FAILED', 'PKCS#11 unwrap returned an unexpected length');
        return Uint8Array.from(opened);
      } finally {
        buf.fill(0);
      }
    });
  }

  async close(): Promise<void> {
    const token = this.#token;
    if (!token) return;
    this.#token = undefined;
    await token.tail;
    releaseToken(token);
  }
}

/**
 * Opens the AES key labelled `config.keyLabel` on the token labelled `config.tokenLabel` as the
 * master key. Wrap and unwrap run inside the token (AES-256-GCM); the key bytes never leave it.
 *
 * @example
 * ```ts
 * const kek = await openPkcs11Kek(
 *   { kind: 'pkcs11', module: '/usr/lib/softhsm/libsofthsm2.so', tokenLabel: 'cordon', keyLabel: 'cordon-kek', pinEnv: 'CORDON_PKCS11_PIN' },
 * );
 * const wrapped = await kek.wrap(dataKey, aad);
 * await kek.close();
 * ```
 * @throws CordonError ERR_INPUT_INVALID (config), ERR_KMS_FAILED (module, token, PIN, key not found),
 *   ERR_DEPENDENCY_UNAVAILABLE (the optional package pkcs11js is not installed or does not load).
 */
export async function openPkcs11Kek(config: Pkcs11KekConfig, options: Pkcs11KekOptions = {}): Promise<KekProvider> {
  checkConfig(config);
  await _loadPkcs11js();
  const pin = readPin(config, options);
  const token = acquireToken(config, pin);
  try {
    return new Pkcs11Kek(config, token, findAesKey(token, config));
  } catch (e) {
    releaseToken(token);
    throw e;
  }
}

/**
 * Generates the master key inside the token (CKM_AES_KEY_GEN, 256 bits, token object, private,
 * sensitive, never extractable) under `config.keyLabel`, then opens it like {@link openPkcs11Kek}.
 *
 * @example
 * ```ts
 * const kek = await createPkcs11Kek(config, { env: process.env });
 * ```
 * @throws CordonError ERR_KEY_EXISTS when a secret key with that label is already on the token.
 */
export async function createPkcs11Kek(config: Pkcs11KekConfig, options: Pkcs11KekOptions = {}): Promise<KekProvider> {
  checkConfig(config);
  await _loadPkcs11js();
  const pin = readPin(config, options);
  const token = acquireToken(config, pin);
  try {
    // Generation is not atomic with this check: two processes creating the same label at once can
    // both succeed, after which opening the label fails as ambiguous.
    const where = { tokenLabel: config.tokenLabel, keyLabel: config.keyLabel };
    const { lib } = token.module;
    if (findSecretKeys(token, config, false).length > 0) {
      throw new CordonError('ERR_KEY_EXISTS', `a key labelled ${JSON.stringify(config.keyLabel)} already exists on PKCS#11 token ${JSON.stringify(config.tokenLabel)}`, { details: where });
    }
    const template: Template = [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
      { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_AES },
      { type: pkcs11js.CKA_VALUE_LEN, value: 32 },
      { type: pkcs11js.CKA_LABEL, value: config.keyLabel },
      { type: pkcs11js.CKA_TOKEN, value: true },
      { type: pkcs11js.CKA_PRIVATE, value: true },
      { type: pkcs11js.CKA_SENSITIVE, value: true },
      { type: pkcs11js.CKA_EXTRACTABLE, value: false },
      { type: pkcs11js.CKA_ENCRYPT, value: true },
      { type: pkcs11js.CKA_DECRYPT, value: true },
      { type: pkcs11js.CKA_WRAP, value: true },
      { type: pkcs11js.CKA_UNWRAP, value: true },
    ];
    let key: Buffer;
    try {
      key = lib.C_GenerateKey(token.session, { mechanism: pkcs11js.CKM_AES_KEY_GEN }, template);
    } catch (e) {
      throw kmsFailed(`cannot generate key ${JSON.stringify(config.keyLabel)} on PKCS#11 token ${JSON.stringify(config.tokenLabel)}`, e, where);
    }
    return new Pkcs11Kek(config, token, key);
  } catch (e) {
    releaseToken(token);
    throw e;
  }
}
