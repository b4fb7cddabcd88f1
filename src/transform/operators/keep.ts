// keep: passes the value through unchanged. For fields the contract declares not sensitive.
import type { Operator } from '../types.js';
import { paramObject } from '../params.js';

export type KeepParams = Record<string, never>;

/** @example keep.apply('Paris', {}, ctx) // 'Paris' */
export const keep: Operator<KeepParams> = {
  name: 'keep',
  reversible: true,
  output: () => 'input',
  parseParams(raw) {
    paramObject('keep', raw, []);
    return {};
  },
  apply: (value) => value,
  invert: (token) => token,
};
