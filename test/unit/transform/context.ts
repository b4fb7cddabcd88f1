// A test OperatorContext over fixed key material: two versions per purpose, version 2 primary.
import type { KeyPurpose, OperatorContext, OperatorKeys } from '../../../src/transform/index.js';
import { CordonError } from '../../../src/errors.js';

const LENGTH: Record<KeyPurpose, number> = { mac: 32, deterministic: 64, fpe: 32, envelope: 32 };

function material(purpose: KeyPurpose, version: number, seed = 0): Uint8Array {
  return Uint8Array.from({ length: LENGTH[purpose] }, (_, i) => (i * 7 + version * 31 + purpose.length * 13 + seed) & 0xff);
}

export function testKeys(seed = 0, primary = 2): OperatorKeys {
  return {
    material: (purpose) => ({ version: primary, material: material(purpose, primary, seed) }),
    materialVersion: (purpose, version) => {
      if (version < 1 || version > primary) throw new CordonError('ERR_KEY_NOT_FOUND', 'no such version');
      return material(purpose, version, seed);
    },
  };
}

export function testContext(overrides: Partial<OperatorContext> = {}): OperatorContext {
  return { dataset: 'patients', field: 'email', keys: testKeys(), ...overrides };
}
