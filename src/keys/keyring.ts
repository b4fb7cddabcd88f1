// A keyring of named, versioned keys: create, rotate, list, show, set a minimum decryption version,
// retire, destroy a version. Material is generated here, wrapped by the master key (KekProvider)
// before it reaches the store, and unwrapped only into memory when an operation needs it. Every
// change and every unwrap emits an audit event; nothing here logs or throws key material.
import { randomBytes } from '../crypto/random.js';
import { auditEvent } from '../audit/make-event.js';
import type { AuditEventType, AuditSink } from '../audit/event.js';
import { CordonError, isCordonError } from '../errors.js';
import type { KekProvider } from './kek/provider.js';
import type { KeyPurpose, KeyRecord, KeyStore, KeyVersionRecord } from './store/types.js';

/**
 * Material length per purpose: AES-256 keys, except AES-SIV which needs two (RFC 5297, 512-bit);
 * token-, receipt- and provenance-signing keys are Ed25519 seeds (RFC 8032).
 */
export const MATERIAL_LENGTH: Record<KeyPurpose, number> = { envelope: 32, deterministic: 64, fpe: 32, mac: 32, 'token-signing': 32, 'receipt-signing': 32, 'provenance-signing': 32 };

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** Tenants as principals carry them (src/auth/names.ts): letters, digits and `._:/*-`, at most 128. */
const TENANT_RE = /^[A-Za-z0-9._:/*-]{1,128}$/;
/**
 * A rotation that loses the race for the next version number retries with a randomised, growing
 * pause (so racing instances spread out instead of colliding in lock step) until this deadline.
 */
const ROTATE_DEADLINE_MS = 15_000;
const ROTATE_BACKOFF_MAX_MS = 100;

export interface KeyInfo extends KeyRecord {
  readonly versions: readonly Omit<KeyVersionRecord, 'wrapped'>[];
}

export interface KeyringOptions {
  readonly store: KeyStore;
  readonly kek: KekProvider;
  readonly audit: AuditSink;
  /** Who is acting, recorded in every event. */
  readonly principal: string;
}

/** Validates a key name: 1–64 characters, letters, digits, `.`, `_`, `-`, starting with a letter or digit. */
export function checkKeyName(name: string): void {
  if (!NAME_RE.test(name)) {
    throw new CordonError('ERR_INPUT_INVALID', 'key names are 1-64 characters of letters, digits, ".", "_" and "-", starting with a letter or digit');
  }
}

function materialAad(name: string, version: number, purpose: KeyPurpose): Uint8Array {
  return new TextEncoder().encode(`cordon/keystore/v1\0${name}\0${version}\0${purpose}`);
}

export class Keyring {
  readonly #store: KeyStore;
  readonly #kek: KekProvider;
  readonly #audit: AuditSink;
  readonly #principal: string;
  #cache = new Map<string, Uint8Array>();

  constructor(options: KeyringOptions) {
    this.#store = options.store;
    this.#kek = options.kek;
    this.#audit = options.audit;
    this.#principal = options.principal;
  }

  /** The principal this keyring's events name. */
  get principal(): string {
    return this.#principal;
  }

  /**
   * The same keys, store, master key and audit sink, acting for `principal`: every event emitted
   * through the result names it. Whoever decided for a principal (reveal, a server route) uses the
   * view, so the audit log names the principal that was authorized, not the process's own identity.
   *
   * @example
   * const asAnalyst = ws.keyring.as('demo:analyst'); // key.unwrap events now name demo:analyst
   */
  as(principal: string): Keyring {
    if (typeof principal !== 'string' || principal.length === 0) throw new TypeError('Keyring.as needs a principal');
    if (principal === this.#principal) return this;
    const view = new Keyring({ store: this.#store, kek: this.#kek, audit: this.#audit, principal });
    view.#cache = this.#cache;
    return view;
  }

  get kekId(): string {
    return this.#kek.id;
  }

  #emit(type: AuditEventType, outcome: 'success' | 'failure', key: { name: string; version?: number }, extra?: { reason?: string; attributes?: Record<string, string | number | boolean> }): void {
    this.#audit.emit(auditEvent({ type, outcome, principal: this.#principal, key, ...extra }));
  }

  /** Records an event for an operation done with this keyring's keys (envelope unwraps, file decrypts). */
  record(type: AuditEventType, outcome: 'success' | 'failure', key: { name: string; version?: number }, extra?: { reason?: string; attributes?: Record<string, string | number | boolean> }): void {
    this.#emit(type, outcome, key, extra);
  }

  async #newVersion(name: string, version: number, purpose: KeyPurpose, now: string, imported?: Uint8Array): Promise<KeyVersionRecord> {
    const material = imported !== undefined ? Uint8Array.from(imported) : randomBytes(MATERIAL_LENGTH[purpose]);
    try {
      const wrapped = await this.#kek.wrap(material, materialAad(name, version, purpose));
      return { name, version, state: 'enabled', kekId: this.#kek.id, wrapped, createdAt: now, destroyedAt: null };
    } finally {
      material.fill(0);
    }
  }

  async #require(name: string): Promise<KeyRecord> {
    checkKeyName(name);
    const k = await this.#store.getKey(name);
    if (k === undefined) throw new CordonError('ERR_KEY_NOT_FOUND', `no key named ${JSON.stringify(name)}; list keys with: cordon keys list`);
    return k;
  }

  /** The key `name`, created with version 1 for `purpose` when it does not exist yet (first use). */
  async ensure(name: string, purpose: KeyPurpose): Promise<KeyInfo> {
    try {
      return await this.show(name);
    } catch (e) {
      if (!(e instanceof CordonError && e.code === 'ERR_KEY_NOT_FOUND')) throw e;
    }
    try {
      return await this.create(name, { purpose });
    } catch (e) {
      // Another process or instance created it first: use theirs.
      if (e instanceof CordonError && e.code === 'ERR_KEY_EXISTS') return this.show(name);
      throw e;
    }
  }

  /**
   * Creates a key with version 1 as its primary version. `material` imports existing key material
   * (moving a key that lived elsewhere into the store) instead of generating it; it is wrapped at
   * once and the caller's copy is left for the caller to zero. `tenant` makes it a key of that
   * tenant: the server passes it to the policy, whose example policies let only principals of the
   * same tenant use it (policies/). It is fixed at creation.
   *
   * @example
   * ```ts
   * await keyring.create('acme-datakeys', { purpose: 'envelope', tenant: 'acme' });
   * ```
   */
  async create(name: string, options: { purpose?: KeyPurpose; material?: Uint8Array; tenant?: string } = {}): Promise<KeyInfo> {
    checkKeyName(name);
    const purpose = options.purpose ?? 'envelope';
    if (!(purpose in MATERIAL_LENGTH)) throw new CordonError('ERR_INPUT_INVALID', `unknown key purpose ${JSON.stringify(purpose)}`);
    if (options.material !== undefined && options.material.length !== MATERIAL_LENGTH[purpose]) throw new CordonError('ERR_INPUT_INVALID', `imported ${purpose} key material must be ${MATERIAL_LENGTH[purpose]} bytes`);
    const { tenant } = options;
    if (tenant !== undefined && (typeof tenant !== 'string' || !TENANT_RE.test(tenant))) {
      throw new CordonError('ERR_INPUT_INVALID', 'a key tenant is 1-128 letters, digits, ".", "_", ":", "/", "*" or "-"');
    }
    const now = new Date().toISOString();
    const first = await this.#newVersion(name, 1, purpose, now, options.material);
    await this.#store.createKey({ name, purpose, status: 'active', primaryVersion: 1, minDecryptionVersion: 1, createdAt: now, updatedAt: now, ...(tenant !== undefined ? { tenant } : {}) }, first);
    this.#emit('key.create', 'success', { name, version: 1 }, { attributes: { purpose, ...(options.material !== undefined ? { imported: true } : {}), ...(tenant !== undefined ? { tenant } : {}) } });
    return this.show(name);
  }

  /**
   * The tenant of key `name`, or undefined for a key of no tenant or no such key (a policy lookup
   * must not tell a caller which key names exist before it decides). Store failures still throw.
   */
  async tenantOf(name: string): Promise<string | undefined> {
    if (!NAME_RE.test(name)) return undefined;
    return (await this.#store.getKey(name))?.tenant;
  }

  /** Adds a new version and makes it primary; earlier versions keep decrypting. */
  async rotate(name: string): Promise<KeyInfo> {
    const key = await this.#require(name);
    if (key.status === 'retired') throw new CordonError('ERR_KEY_RETIRED', `key ${JSON.stringify(name)} is retired and cannot be rotated`);
    const deadline = Date.now() + ROTATE_DEADLINE_MS;
    for (let attempt = 0; attempt === 0 || Date.now() < deadline; attempt++) {
      if (attempt > 0) await pause(Math.random() * Math.min(ROTATE_BACKOFF_MAX_MS, 2 ** attempt));
      const versions = await this.#store.listVersions(name);
      const next = versions.length === 0 ? 1 : versions[versions.length - 1]!.version + 1;
      const now = new Date().toISOString();
      const rec = await this.#newVersion(name, next, key.purpose, now);
      if (await this.#store.addVersion(rec, now)) {
        this.#emit('key.rotate', 'success', { name, version: next });
        return this.show(name);
      }
    }
    throw new CordonError('ERR_KEYSTORE_BUSY', `key ${JSON.stringify(name)} is being rotated by other processes; try again`);
  }

  async list(): Promise<KeyInfo[]> {
    const keys = await this.#store.listKeys();
    return Promise.all(keys.map((k) => this.show(k.name)));
  }

  /** Metadata only: never material, wrapped or not. */
  async show(name: string): Promise<KeyInfo> {
    const key = await this.#require(name);
    const versions = (await this.#store.listVersions(name)).map(({ wrapped: _omit, ...rest }) => rest);
    return { ...key, versions };
  }

  /** Versions below `version` stop decrypting. Must not exceed the primary version. */
  async setMinDecryptionVersion(name: string, version: number): Promise<KeyInfo> {
    const key = await this.#require(name);
    if (!Number.isSafeInteger(version) || version < 1 || version > key.primaryVersion) {
      throw new CordonError('ERR_INPUT_INVALID', `minimum decryption version must be between 1 and the primary version ${key.primaryVersion}`);
    }
    await this.#store.updateKey(name, { minDecryptionVersion: version }, new Date().toISOString());
    this.#emit('key.min_version', 'success', { name, version });
    return this.show(name);
  }

  /** Retires a key: no new encryption; existing data still decrypts. */
  async retire(name: string): Promise<KeyInfo> {
    await this.#require(name);
    await this.#store.updateKey(name, { status: 'retired' }, new Date().toISOString());
    this.#emit('key.retire', 'success', { name });
    return this.show(name);
  }

  /**
   * Crypto-shredding: erases the material of one version. Data under it can never be read again.
   * The primary version of an active key cannot be destroyed (rotate first, or retire the key).
   */
  async destroyVersion(name: string, version: number): Promise<KeyInfo> {
    const key = await this.#require(name);
    if (key.status === 'active' && version === key.primaryVersion) {
      throw new CordonError('ERR_INPUT_INVALID', `version ${version} is the primary version of ${JSON.stringify(name)}; rotate the key first`);
    }
    const rec = await this.#store.destroyVersion(name, version, new Date().toISOString());
    const cached = this.#cache.get(`${name}\0${version}`);
    cached?.fill(0);
    this.#cache.delete(`${name}\0${version}`);
    this.#emit('key.destroy', 'success', { name, version }, { attributes: { destroyedAt: rec.destroyedAt ?? '' } });
    return this.show(name);
  }

  /** The primary version's material, for new encryption. Fails for retired keys. */
  async primaryMaterial(name: string, purpose: KeyPurpose): Promise<{ version: number; material: Uint8Array }> {
    const key = await this.#require(name);
    if (key.purpose !== purpose) throw new CordonError('ERR_INPUT_INVALID', `key ${JSON.stringify(name)} is a ${key.purpose} key, not ${purpose}`);
    if (key.status === 'retired') throw new CordonError('ERR_KEY_RETIRED', `key ${JSON.stringify(name)} is retired: it decrypts but no longer encrypts`);
    return { version: key.primaryVersion, material: await this.#material(key, key.primaryVersion) };
  }

  /** The material of a given version, for decryption. Enforces destruction and the minimum version. */
  async versionMaterial(name: string, version: number, purpose: KeyPurpose): Promise<Uint8Array> {
    const key = await this.#require(name);
    if (key.purpose !== purpose) throw new CordonError('ERR_INPUT_INVALID', `key ${JSON.stringify(name)} is a ${key.purpose} key, not ${purpose}`);
    const rec = await this.#store.getVersion(name, version);
    if (rec === undefined) throw new CordonError('ERR_KEY_NOT_FOUND', `key ${JSON.stringify(name)} has no version ${version}`);
    // Destroyed is reported before disabled: it is the more final state and what the user must know.
    if (rec.state !== 'destroyed' && version < key.minDecryptionVersion) {
      this.#emit('key.unwrap', 'failure', { name, version }, { reason: 'ERR_KEY_VERSION_DISABLED' });
      throw new CordonError('ERR_KEY_VERSION_DISABLED', `version ${version} of key ${JSON.stringify(name)} is below its minimum decryption version ${key.minDecryptionVersion}`, {
        details: { key: name, version, minDecryptionVersion: key.minDecryptionVersion },
      });
    }
    return this.#material(key, version, rec);
  }

  /** `read`: the version's record when the caller has just read it (one key-store read, not two). */
  async #material(key: KeyRecord, version: number, read?: KeyVersionRecord): Promise<Uint8Array> {
    const cacheKey = `${key.name}\0${version}`;
    const v = read ?? await this.#store.getVersion(key.name, version);
    if (v === undefined) throw new CordonError('ERR_KEY_NOT_FOUND', `key ${JSON.stringify(key.name)} has no version ${version}`);
    if (v.state === 'destroyed' || v.wrapped === null) {
      this.#cache.get(cacheKey)?.fill(0);
      this.#cache.delete(cacheKey);
      this.#emit('key.unwrap', 'failure', { name: key.name, version }, { reason: 'ERR_KEY_VERSION_DESTROYED' });
      throw new CordonError('ERR_KEY_VERSION_DESTROYED', `version ${version} of key ${JSON.stringify(key.name)} was destroyed at ${v.destroyedAt}; data under it cannot be read`, {
        details: { key: key.name, version, destroyedAt: v.destroyedAt ?? '' },
      });
    }
    const hit = this.#cache.get(cacheKey);
    if (hit !== undefined) return hit;
    if (v.kekId !== this.#kek.id) {
      throw new CordonError('ERR_MASTER_KEY_MISMATCH', `key ${JSON.stringify(key.name)} v${version} was sealed by master key ${v.kekId}, but the configured master key is ${this.#kek.id}`);
    }
    let material: Uint8Array;
    try {
      material = await this.#kek.unwrap(v.wrapped, materialAad(key.name, version, key.purpose));
    } catch (e) {
      this.#emit('key.unwrap', 'failure', { name: key.name, version }, { reason: isCordonError(e) ? e.code : 'ERR_INTERNAL' });
      throw e;
    }
    if (material.length !== MATERIAL_LENGTH[key.purpose]) throw new CordonError('ERR_KEYSTORE_CORRUPT', 'unwrapped key material has the wrong length');
    this.#emit('key.unwrap', 'success', { name: key.name, version }, { attributes: { kek: this.#kek.id } });
    this.#cache.set(cacheKey, material);
    return material;
  }

  /** Forgets cached material (zeroes it) and closes the store and master key. */
  async close(): Promise<void> {
    for (const m of this.#cache.values()) m.fill(0);
    this.#cache.clear();
    await this.#store.close();
    await this.#kek.close();
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
