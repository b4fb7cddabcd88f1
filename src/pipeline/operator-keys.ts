// Key material for the field operators, loaded from the keyring before a run (operators take
// bytes synchronously and never look keys up). One workspace key per purpose, created on first use.
import type { Keyring } from '../keys/keyring.js';
import { CordonError } from '../errors.js';
import type { KeyPurpose, OperatorKeys } from '../transform/types.js';

/** The key each operator purpose uses. */
export const OPERATOR_KEY_NAMES: Readonly<Record<KeyPurpose, string>> = { mac: 'pseudonym', deterministic: 'deterministic', fpe: 'fpe', envelope: 'field' };

export interface LoadedOperatorKeys extends OperatorKeys {
  /** Key name and primary version per purpose used, for the run manifest. */
  readonly used: ReadonlyMap<string, number>;
}

/** Loads the primary material of `purposes` (and, on demand, other versions loaded up front for invert). */
export async function loadOperatorKeys(keyring: Keyring, purposes: readonly KeyPurpose[], options: { allVersions?: boolean } = {}): Promise<LoadedOperatorKeys> {
  const primary = new Map<KeyPurpose, { version: number; material: Uint8Array }>();
  const versions = new Map<string, Uint8Array>();
  const used = new Map<string, number>();
  for (const purpose of new Set(purposes)) {
    const name = OPERATOR_KEY_NAMES[purpose];
    await keyring.ensure(name, purpose);
    const p = await keyring.primaryMaterial(name, purpose);
    primary.set(purpose, p);
    versions.set(`${purpose}:${p.version}`, p.material);
    used.set(name, p.version);
    if (options.allVersions === true) {
      const info = await keyring.show(name);
      for (const v of info.versions) {
        if (v.version === p.version || v.state === 'destroyed' || v.version < info.minDecryptionVersion) continue;
        versions.set(`${purpose}:${v.version}`, await keyring.versionMaterial(name, v.version, purpose));
      }
    }
  }
  return {
    used,
    material(purpose) {
      const p = primary.get(purpose);
      if (p === undefined) throw new CordonError('ERR_KEY_NOT_FOUND', `no ${purpose} key was loaded for this run`);
      return p;
    },
    materialVersion(purpose, version) {
      const m = versions.get(`${purpose}:${version}`);
      if (m === undefined) throw new CordonError('ERR_KEY_NOT_FOUND', `version ${version} of the ${OPERATOR_KEY_NAMES[purpose]} key is not available`);
      return m;
    },
  };
}
