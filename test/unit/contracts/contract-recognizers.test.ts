// A contract carries its custom recognizers (customProperties cordonRecognizers, inline or a file in
// its folder): the text operator may map their entities, their `protect` operators load like a
// column's, a command line's recognizers join them, and every dataset gets them for protect.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { parseContract } from '../../../src/contracts/parse-contract.js';
import { draftContract } from '../../../src/contracts/draft-contract.js';
import { withCustomRecognizers } from '../../../src/contracts/with-custom-recognizers.js';
import { classifyColumns } from '../../../src/detect/columns/classify-columns.js';
import { analyze } from '../../../src/detect/analyze.js';

const emp = { name: 'employee-id', entity: 'EMPLOYEE_ID', patterns: [{ name: 'emp', regex: 'EMP-\\d{6}', score: 0.6 }], context: ['employee'] };

function contract(recognizers: unknown, textParams: object = { default: 'redact' }): string {
  return stringify({
    apiVersion: 'v3.1.0', kind: 'DataContract', id: 'c1', version: '1.0.0', status: 'active',
    ...(recognizers !== undefined ? { customProperties: [{ property: 'cordonRecognizers', value: recognizers }] } : {}),
    schema: [{ name: 'staff', properties: [
      { name: 'note', classification: 'confidential', customProperties: [{ property: 'cordonProtect', value: { operator: 'text', params: textParams } }] },
    ] }],
  });
}

const invalid = (text: string, re: RegExp, options = {}): void => {
  assert.throws(() => parseContract(text, options), (e: { code?: string; message?: string; details?: { problems?: string } }) => e.code === 'ERR_CONTRACT_INVALID' && re.test(`${e.message} ${e.details?.problems ?? ''}`), re.source);
};

describe('contracts carry custom recognizers', () => {
  it('inline: the text operator may map a custom entity, and every dataset gets the recognizers', () => {
    const c = parseContract(contract({ recognizers: [emp] }, { default: 'redact', entities: { EMPLOYEE_ID: 'hash' } }));
    assert.deepEqual(c.recognizers?.entities, ['EMPLOYEE_ID']);
    assert.equal(c.recognizers?.source, 'inline');
    assert.match(c.recognizers!.sha256, /^[0-9a-f]{64}$/);
    assert.equal(c.datasets[0]!.recognizers, c.recognizers);
    assert.ok(analyze('employee EMP-123456', withCustomRecognizers(c.recognizers!.doc)).some((f) => f.entity === ('EMPLOYEE_ID' as string)));
    invalid(contract(undefined, { default: 'redact', entities: { EMPLOYEE_ID: 'hash' } }), /EMPLOYEE_ID/);
  });

  it('a file in the contract\'s folder, read by the caller; "..", absolute paths and contracts without a reader are refused', () => {
    const read: string[] = [];
    const c = parseContract(contract('recognizers/staff.yaml'), { readFile: (ref: string) => { read.push(ref); return stringify({ recognizers: [emp] }); } });
    assert.deepEqual(read, ['recognizers/staff.yaml']);
    assert.equal(c.recognizers?.source, 'recognizers/staff.yaml');
    for (const ref of ['../x.yaml', '/etc/x.yaml', 'a/../../x.yaml', 'x.txt', '.hidden.yaml']) invalid(contract(ref), /cordonRecognizers/, { readFile: () => assert.fail(`read ${ref}`) });
    invalid(contract('recognizers.yaml'), /inline/);
  });

  it('bad recognizers, a bad protect operator in them, and a name both sources define are contract problems', () => {
    invalid(contract({ recognizers: [{ ...emp, entity: 'PERSON' }] }), /built-in/);
    invalid(contract({ recognizers: [{ ...emp, protect: { operator: 'shred' } }] }), /custom:employee-id protect: .*shred/);
    invalid(contract({ recognizers: [{ ...emp, protect: { operator: 'mask', params: { keepFirst: -1 } } }] }), /keepFirst/);
    const extra = { doc: { recognizers: [emp] }, source: 'extra.yaml' };
    invalid(contract({ recognizers: [emp] }), /repeats/, { recognizers: extra });
    const joined = parseContract(contract({ recognizers: [{ ...emp, name: 'badge', entity: 'BADGE_ID' }] }), { recognizers: extra });
    assert.deepEqual(joined.recognizers?.entities, ['BADGE_ID', 'EMPLOYEE_ID']);
    assert.equal(joined.recognizers?.source, 'inline + extra.yaml');
  });

  it('a draft proposes the file\'s operator and classification for a custom column, and carries the recognizers', () => {
    const doc = { recognizers: [{ ...emp, classification: 'restricted', protect: { operator: 'mask', params: { keepLast: 2 } } }] };
    const values = Array.from({ length: 30 }, (_, i) => `EMP-${String(100000 + i * 7).padStart(6, '0')}`);
    const columns = classifyColumns({ columns: ['badge'], records: values.map((badge) => ({ badge })) }, { recognizers: withCustomRecognizers(doc) });
    for (const ref of [undefined, 'recognizers.yaml']) {
      const text = draftContract({ dataset: 'staff', id: 'c2', columns, recognizers: { doc, ...(ref !== undefined ? { ref } : {}) } });
      const c = parseContract(text, { readFile: () => stringify(doc) });
      const col = c.datasets[0]!.columns[0]!;
      assert.equal(col.entity, 'EMPLOYEE_ID');
      assert.equal(col.classification, 'restricted');
      assert.deepEqual(col.protect, { operator: 'mask', params: { keepLast: 2 } });
      assert.equal(c.recognizers?.source, ref ?? 'inline');
    }
  });
});
