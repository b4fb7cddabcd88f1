// Envelope encryption: a fresh random data key per object, wrapped by the primary version of a
// named key, unwrapped on read. The wrap's AAD binds key name, version and the caller's context, so
// a wrapped data key copied to another object or relabelled with another version fails to open.
// Every unwrap is audited (success and failure); a failure says only ERR_DECRYPTION_FAILED.
import { randomBytes } from '../crypto/random.js';
import { unwrapKey, wrapKey } from '../crypto/wrap.js';
import { isCordonError } from '../errors.js';
import type { Keyring } from './keyring.js';

export const DATA_KEY_LENGTH = 32;

export interface WrappedDataKey {
  readonly keyName: string;
  readonly version: number;
  /** nonce ‖ AES-256-GCM(data key) ‖ tag */
  readonly wrapped: Uint8Array;
}

function dekAad(keyName: string, version: number, context: Uint8Array): Uint8Array {
  const head = new TextEncoder().encode(`cordon/dek/v1\0${keyName}\0${version}\0`);
  const out = new Uint8Array(head.length + context.length);
  out.set(head, 0);
  out.set(context, head.length);
  return out;
}

/** Generates a data key and wraps it under the primary version of `keyName`. */
export async function generateDataKey(keyring: Keyring, keyName: string, context: Uint8Array): Promise<{ dataKey: Uint8Array; wrappedKey: WrappedDataKey }> {
  const { version, material } = await keyring.primaryMaterial(keyName, 'envelope');
  const dataKey = randomBytes(DATA_KEY_LENGTH);
  const wrapped = wrapKey(material, dataKey, dekAad(keyName, version, context));
  keyring.record('datakey.generate', 'success', { name: keyName, version });
  return { dataKey, wrappedKey: { keyName, version, wrapped } };
}

/** Wraps an existing data key under the primary version of `keyName` (rewrap without touching data). */
export async function wrapDataKey(keyring: Keyring, keyName: string, dataKey: Uint8Array, context: Uint8Array): Promise<WrappedDataKey> {
  const { version, material } = await keyring.primaryMaterial(keyName, 'envelope');
  return { keyName, version, wrapped: wrapKey(material, dataKey, dekAad(keyName, version, context)) };
}

/** Unwraps a data key; audited. Throws ERR_DECRYPTION_FAILED, or the key's state error (destroyed, disabled). */
export async function unwrapDataKey(keyring: Keyring, wk: WrappedDataKey, context: Uint8Array, attributes?: Record<string, string | number | boolean>): Promise<Uint8Array> {
  const key = { name: wk.keyName, version: wk.version };
  try {
    const material = await keyring.versionMaterial(wk.keyName, wk.version, 'envelope');
    const dk = unwrapKey(material, wk.wrapped, dekAad(wk.keyName, wk.version, context));
    keyring.record('datakey.unwrap', 'success', key, attributes === undefined ? undefined : { attributes });
    return dk;
  } catch (e) {
    keyring.record('datakey.unwrap', 'failure', key, { reason: isCordonError(e) ? e.code : 'ERR_INTERNAL', ...(attributes ? { attributes } : {}) });
    throw e;
  }
}
