// drop: removes the field (apply returns null). Nothing of the value survives, so it cannot be inverted.
import type { Operator } from '../types.js';
import { paramObject } from '../params.js';

export type DropParams = Record<string, never>;

/** @example drop.apply('123-45-6789', {}, ctx) // null */
export const drop: Operator<DropParams> = {
  name: 'drop',
  reversible: false,
  parseParams(raw) {
    paramObject('drop', raw, []);
    return {};
  },
  apply: () => null,
};
