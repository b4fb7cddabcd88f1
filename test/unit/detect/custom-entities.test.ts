// A custom entity behaves like a built-in one after detection: it may not reuse a built-in name,
// its handling (category, classification, protect) is checked at load, profiles keep it, the column
// classifier reports it with its own category and classification, and protect's undeclared-data
// test counts it when its category is direct, sensitive or secret.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/detect/analyze.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import { parseRecognizers } from '../../../src/detect/custom/parse-recognizers.js';
import { customEntities } from '../../../src/detect/custom/custom-entities.js';
import { classifyColumn } from '../../../src/detect/columns/classify-column.js';
import { undeclaredEntities } from '../../../src/detect/columns/value-evidence.js';

const emp = { name: 'employee-id', entity: 'EMPLOYEE_ID', patterns: [{ name: 'emp', regex: 'EMP-\\d{6}', score: 0.6 }], context: ['employee', 'staff'] };
const all = (...recognizers: unknown[]) => [...DEFAULT_RECOGNIZERS, ...parseRecognizers({ recognizers })];
const ids = (n: number, prefix = 'EMP-') => Array.from({ length: n }, (_, i) => `${prefix}${String(314159 + i * 7919).padStart(6, '0')}`);

function refused(recognizers: unknown[], path: RegExp): void {
  assert.throws(() => parseRecognizers({ recognizers }), (e: { code?: string; message?: string }) => e.code === 'ERR_RECOGNIZERS_INVALID' && path.test(e.message ?? ''), JSON.stringify(recognizers));
}

describe('custom entities', () => {
  it('a built-in entity name (text or column entity) is refused', () => {
    for (const entity of ['PERSON', 'US_SSN', 'PASSWORD', 'NATIONAL_ID']) refused([{ ...emp, entity }], /recognizers\[0\]\.entity .*built-in/);
  });

  it('handling is checked at load and shared by the recognizers of one entity', () => {
    refused([{ ...emp, category: 'personal' }], /category/);
    refused([{ ...emp, classification: 'secret' }], /classification/);
    refused([{ ...emp, protect: { operator: 'Mask!' } }], /protect/);
    refused([{ ...emp, protect: { operator: 'mask', colour: 1 } }], /protect\.colour/);
    refused([{ ...emp, category: 'quasi' }, { ...emp, name: 'other', category: 'secret' }], /recognizers\[1\]\.category differs/);
    const [a, b] = parseRecognizers({ recognizers: [{ ...emp, classification: 'restricted', protect: 'tokenize' }, { ...emp, name: 'badge', patterns: [{ name: 'b', regex: 'B\\d{8}', score: 0.5 }] }] });
    assert.deepEqual(a!.handling, { category: 'direct', classification: 'restricted', protect: { operator: 'tokenize', params: {} } });
    assert.deepEqual(b!.handling, a!.handling, 'a field given once holds for every recognizer of the entity');
    assert.deepEqual(customEntities(all(emp)).get('EMPLOYEE_ID'), { category: 'direct' }, 'default: direct (fail closed)');
    assert.equal(customEntities(DEFAULT_RECOGNIZERS).size, 0);
  });

  it('every profile keeps custom entities; an entity filter still applies', () => {
    const text = 'staff EMP-123456 called 555-0100';
    const recognizers = all(emp);
    for (const profile of ['default', 'hipaa', 'pci', 'secrets'] as const) {
      assert.ok(analyze(text, recognizers, { profile }).some((f) => f.entity === ('EMPLOYEE_ID' as string)), profile);
    }
    assert.deepEqual(analyze(text, recognizers, { profile: 'hipaa', entities: ['PHONE_NUMBER'] }).map((f) => f.entity), ['PHONE_NUMBER']);
  });

  it('the column classifier reports a custom entity with its category and classification', () => {
    const recognizers = all({ ...emp, classification: 'restricted' });
    const c = classifyColumn('badge', ids(40), { recognizers });
    assert.equal(c.entity, 'EMPLOYEE_ID');
    assert.equal(c.category, 'direct');
    assert.equal(c.classification, 'restricted', 'the file\'s classification');
    assert.equal(classifyColumn('badge', ids(40), { recognizers: all({ ...emp, category: 'sensitive' }) }).classification, 'restricted', 'sensitive → restricted');
    assert.equal(classifyColumn('badge', ids(40), { recognizers: all({ ...emp, category: 'quasi' }) }).classification, 'confidential');
    const prose = ids(30).map((id) => `the staff member ${id} moved to the third floor office today`);
    const t = classifyColumn('note', prose, { recognizers });
    assert.equal(t.freeText, true);
    assert.deepEqual(t.textEntities, ['EMPLOYEE_ID']);
    assert.equal(t.classification, 'restricted');
    assert.equal(classifyColumn('badge', ids(40), { recognizers: DEFAULT_RECOGNIZERS }).entity, null, 'without the recognizer the ids are nothing');
  });

  it('context words are name hints: a low-scoring pattern decides under a matching column name', () => {
    const weak = { ...emp, patterns: [{ name: 'emp', regex: 'ID\\d{6}\\.\\d{2}', score: 0.3 }] };
    const values = ids(40, 'ID').map((v) => `${v}.01`);
    assert.equal(classifyColumn('employee_ref', values, { recognizers: all(weak) }).entity, 'EMPLOYEE_ID');
    assert.equal(classifyColumn('order_ref', values, { recognizers: all(weak) }).entity, null);
  });

  it('undeclared-data test: direct, sensitive and secret custom entities count, quasi and none do not', () => {
    const value = 'EMP-123456';
    assert.deepEqual(undeclaredEntities(value, all(emp)), ['EMPLOYEE_ID']);
    assert.deepEqual(undeclaredEntities(value, all({ ...emp, category: 'secret' })), ['EMPLOYEE_ID']);
    assert.deepEqual(undeclaredEntities(value, all({ ...emp, category: 'quasi' })), []);
    assert.deepEqual(undeclaredEntities(value, all(emp), 'EMPLOYEE_ID'), [], 'the column\'s own entity');
    // A column drafted from such values is never internal: scan and protect agree.
    const c = classifyColumn('dept', [...Array(30).fill('Sales'), 'EMP-123456'], { recognizers: all(emp) });
    assert.equal(c.entity, 'EMPLOYEE_ID');
    assert.equal(c.classification, 'confidential');
  });
});
