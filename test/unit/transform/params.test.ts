import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OPERATORS, getOperator, prepareOperator } from '../../../src/transform/index.js';

// [operator, raw params] pairs that must be refused when the contract loads.
const INVALID: Array<[string, unknown]> = [
  ['keep', { x: 1 }],
  ['drop', 'yes'],
  ['redact', { entity: 'person' }],
  ['redact', { entity: '' }],
  ['redact', { indexed: 'true' }],
  ['mask', { keepFirst: -1 }],
  ['mask', { keepLast: 1.5 }],
  ['mask', { keepLast: '4' }],
  ['mask', { char: '**' }],
  ['mask', { char: '' }],
  ['mask', { char: '\n' }],
  ['mask', { keepFirts: 2 }],
  ['mask', [1, 2]],
  ['hash', { length: 15 }],
  ['hash', { length: 65 }],
  ['hash', { encoding: 'base64url', length: 44 }],
  ['hash', { encoding: 'base32' }],
  ['hash', { scope: 'dataset' }],
  ['deterministic', { scope: '' }],
  ['deterministic', { scope: 'a'.repeat(65) }],
  ['deterministic', { scope: 'tab\there' }],
  ['fpe', { alphabet: 'octal' }],
  ['fpe', { luhn: true, alphabet: 'hex' }],
  ['fpe', { separators: '-1' }],
  ['fpe', { keepFirst: 33 }],
  ['fpe', { luhn: 1 }],
  ['encrypt', { aad: 'x' }],
  ['generalize', {}],
  ['generalize', { kind: 'ssn' }],
  ['generalize', { kind: 'date', to: 'day' }],
  ['generalize', { kind: 'date', width: 10 }],
  ['generalize', { kind: 'number', width: 1 }],
  ['generalize', { kind: 'number', to: 'year' }],
  ['generalize', { kind: 'number', topCode: 0 }],
  ['generalize', { kind: 'zip', hipaa: 'yes' }],
  ['date-shift', { maxDays: 0 }],
  ['date-shift', { maxDays: 3651 }],
  ['date-shift', { subject: 'x' }],
  ['generalize', { kind: 'date', format: 'DD/MM/YY' }],
  ['generalize', { kind: 'zip', format: 'auto' }],
  ['date-shift', { format: 'dd.mm.yyyy' }],
];

describe('transform: params are validated when the contract loads', () => {
  for (const [name, raw] of INVALID) {
    it(`${name} refuses ${JSON.stringify(raw)}`, () => {
      assert.throws(() => prepareOperator(name, raw), (e: unknown) => {
        assert.equal((e as { code?: string }).code, 'ERR_INPUT_INVALID');
        assert.equal((e as { details?: Record<string, unknown> }).details?.['operator'], name);
        return true;
      });
    });
  }

  it('unknown operator names are refused', () => {
    assert.throws(() => getOperator('tokenise'), { code: 'ERR_INPUT_INVALID' });
    assert.throws(() => getOperator('__proto__'), { code: 'ERR_INPUT_INVALID' });
  });

  it('every operator accepts no params (defaults), except generalize which needs kind', () => {
    for (const name of Object.keys(OPERATORS)) {
      if (name === 'generalize') continue;
      const op = prepareOperator(name);
      assert.equal(op.name, name);
      assert.equal(typeof op.invert === 'function', op.reversible, `${name}: invert iff reversible`);
    }
    assert.deepEqual(prepareOperator('generalize', { kind: 'date' }).params, { kind: 'date', to: 'year', format: 'auto' });
  });

  it('defaults are as documented', () => {
    assert.deepEqual(prepareOperator('mask').params, { keepFirst: 0, keepLast: 0, char: '*' });
    assert.deepEqual(prepareOperator('hash').params, { encoding: 'hex', length: 32, scope: 'key' });
    assert.deepEqual(prepareOperator('deterministic').params, { scope: 'default' });
    assert.deepEqual(prepareOperator('fpe').params, { alphabet: 'digits', separators: ' -', keepFirst: 0, keepLast: 0, luhn: false, scope: 'default' });
    assert.deepEqual(prepareOperator('redact').params, { entity: 'REDACTED', indexed: false });
    assert.deepEqual(prepareOperator('date-shift').params, { maxDays: 365, scope: 'default', format: 'auto' });
    assert.deepEqual(prepareOperator('generalize', { kind: 'number' }).params, { kind: 'number', width: 10, topCode: undefined });
  });
});
