// The workspace config (CORDON_HOME/config.json): which master key seals the key store, the default
// key, where audit events go. It holds no secrets, only names of environment variables and paths.
import { CordonError } from '../errors.js';
import type { KekConfig } from '../keys/kek/provider.js';

export const CONFIG_VERSION = 1;

export interface WorkspaceConfig {
  readonly version: typeof CONFIG_VERSION;
  readonly kek: KekConfig;
  /** Id of the master key the key store was created with; a different one is refused early. */
  readonly kekId: string;
  readonly defaultKey: string;
}

function fail(msg: string): never {
  throw new CordonError('ERR_CONFIG_INVALID', `config.json: ${msg}`);
}

function str(o: Record<string, unknown>, k: string): string {
  const v = o[k];
  if (typeof v !== 'string' || v.length === 0) fail(`"${k}" must be a non-empty string`);
  return v;
}

/** Validates parsed JSON as a WorkspaceConfig; throws ERR_CONFIG_INVALID naming the bad field. */
export function parseConfig(json: unknown): WorkspaceConfig {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail('must be a JSON object');
  const o = json as Record<string, unknown>;
  if (o.version !== CONFIG_VERSION) fail(`unsupported "version" ${JSON.stringify(o.version)} (expected ${CONFIG_VERSION})`);
  const k = o.kek;
  if (typeof k !== 'object' || k === null) fail('"kek" must be an object');
  const ko = k as Record<string, unknown>;
  let kek: KekConfig;
  switch (ko.kind) {
    case 'local':
      kek = { kind: 'local' };
      break;
    case 'passphrase':
      kek = { kind: 'passphrase', passphraseEnv: str(ko, 'passphraseEnv'), salt: str(ko, 'salt') };
      break;
    case 'pkcs11':
      kek = { kind: 'pkcs11', module: str(ko, 'module'), tokenLabel: str(ko, 'tokenLabel'), keyLabel: str(ko, 'keyLabel'), pinEnv: str(ko, 'pinEnv') };
      break;
    default:
      fail(`"kek.kind" must be local, passphrase or pkcs11`);
  }
  return { version: CONFIG_VERSION, kek, kekId: str(o, 'kekId'), defaultKey: str(o, 'defaultKey') };
}
