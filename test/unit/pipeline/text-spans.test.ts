// The text operator in the protect run: a contract with free-text columns, loaded and planned,
// applied by protectRecords with the default recognizers over a small CSV. No name, e-mail, phone
// number or SSN in the notes survives, placeholders agree across the columns of a record, and the
// keys the span operators need are loaded.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseContract } from '../../../src/contracts/parse-contract.js';
import { readRecords } from '../../../src/io/dataset.js';
import { planColumns, planPurposes } from '../../../src/pipeline/column-plan.js';
import { protectRecords } from '../../../src/pipeline/protect-records.js';
import { textSpanFinder } from '../../../src/pipeline/text-spans.js';
import { prepareOperator } from '../../../src/transform/registry.js';
import { DEFAULT_THRESHOLD } from '../../../src/detect/analyze.js';
import { TEXT_DEFAULT_THRESHOLD } from '../../../src/transform/operators/text.js';
import { testKeys } from '../transform/context.js';
import { flattenRecord } from '../../../src/io/record.js';

const contract = (notesProtect: string) => `apiVersion: v3.1.0
kind: DataContract
id: visits
version: 1.0.0
status: draft
schema:
  - name: visits
    properties:
      - name: id
        logicalType: integer
        classification: internal
        customProperties:
          - { property: cordonProtect, value: { operator: keep } }
      - name: notes
        logicalType: string
        classification: confidential
        customProperties:
          - { property: cordonProtect, value: ${notesProtect} }
      - name: follow_up
        logicalType: string
        classification: confidential
        customProperties:
          - { property: cordonProtect, value: { operator: text } }
`;

const NOTES_PROTECT = '{ operator: text, params: { entities: { EMAIL_ADDRESS: deterministic, CREDIT_CARD: { operator: mask, params: { keepLast: 4 } } } } }';

const ROWS: string[][] = [
  ['1', 'Called Maria Gonzalez at 415-555-0134 about her claim; email maria.gonzalez@example.com, SSN 536-22-1234.', 'Maria Gonzalez to call back'],
  ['2', 'James Smith (james.smith@example.org, +1 212 555 0199) paid with 4111 1111 1111 1111.', 'none'],
  ['3', 'Patient Wei Chen, phone (617) 555-0101, SSN 372-84-1956, e-mail wei.chen@example.com', ''],
];
const SECRETS = ['Maria Gonzalez', 'Gonzalez', '415-555-0134', 'maria.gonzalez@example.com', '536-22-1234', 'James Smith', 'james.smith@example.org', '212 555 0199', '4111 1111 1111 1111',
  'Wei Chen', '(617) 555-0101', '372-84-1956', 'wei.chen@example.com'];

function csv(rows: string[][]): string {
  return ['id,notes,follow_up', ...rows.map((r) => r.map((v) => `"${v.replaceAll('"', '""')}"`).join(','))].join('\n') + '\n';
}

async function protect(text: string, rows: string[][]): Promise<Array<Record<string, string | null>>> {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-text-'));
  try {
    const path = join(dir, 'visits.csv');
    writeFileSync(path, csv(rows));
    const dataset = parseContract(text).datasets[0]!;
    const plan = planColumns(dataset);
    const out: Array<Record<string, string | null>> = [];
    for await (const r of protectRecords(readRecords(path), { dataset, plan, keys: testKeys() })) out.push(flattenRecord(r));
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('pipeline: the text operator', () => {
  it('protects the names, e-mails, phones and SSNs in a notes column of a CSV', async () => {
    const out = await protect(contract(NOTES_PROTECT), ROWS);
    assert.equal(out.length, 3);
    const all = JSON.stringify(out);
    for (const s of SECRETS) assert.equal(all.includes(s), false, `no ${s} in the output`);
    assert.match(out[0]!.notes!, /^Called <PERSON_1> at <PHONE_NUMBER_1> about her claim; email det_v2_[A-Za-z0-9_-]+, SSN <US_SSN_1>\.$/);
    assert.equal(out[0]!.follow_up, '<PERSON_1> to call back', 'one record, one placeholder per person across columns');
    assert.match(out[1]!.notes!, /^<PERSON_1> \(det_v2_[A-Za-z0-9_-]+, <PHONE_NUMBER_1>\) paid with \*+1111\.$/);
    assert.equal(out[1]!.follow_up, 'none');
    assert.equal(out[2]!.follow_up, '');
    assert.equal(out[0]!.id, '1');
    // The e-mail token is the deterministic operator's, so it joins with an e-mail column and opens with the key.
    const token = /det_v2_[A-Za-z0-9_-]+/.exec(out[0]!.notes!)![0];
    assert.equal(prepareOperator('deterministic').invert!(token, { dataset: 'visits', field: 'email', keys: testKeys() }), 'maria.gonzalez@example.com');
  });

  it('plans one detector for the run and the keys of the span operators', () => {
    const plan = planColumns(parseContract(contract(NOTES_PROTECT)).datasets[0]!);
    const [, notes, followUp] = plan;
    assert.equal(notes!.operator, 'text');
    assert.equal(typeof notes!.findSpans, 'function');
    assert.equal(notes!.findSpans, followUp!.findSpans, 'shared by the text columns');
    assert.equal(plan[0]!.findSpans, undefined);
    assert.deepEqual(planPurposes(plan), ['deterministic']);
    const hashed = planColumns(parseContract(contract('{ operator: text, params: { default: hash, entities: { CREDIT_CARD: fpe } } }')).datasets[0]!);
    assert.deepEqual(planPurposes(hashed).sort(), ['fpe', 'mac']);
  });

  it('the contract refuses entity names the detector does not know, and span operators text cannot run', () => {
    for (const bad of ['{ operator: text, params: { entities: { EMPLOYEE: redact } } }', '{ operator: text, params: { keep: [SSN] } }', '{ operator: text, params: { default: tokenize } }', '{ operator: text, params: { colour: red } }']) {
      assert.throws(() => parseContract(contract(bad)), { code: 'ERR_CONTRACT_INVALID' }, bad);
    }
  });

  it('a profile param picks the detector: hipaa leaves clock times and young ages, secrets only credentials', async () => {
    const rows = [['1', 'Seen at 14:30, 45 years old, by Maria Gonzalez on 03/14/2023; key ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'ok']];
    const [hipaa] = await protect(contract('{ operator: text, params: { profile: hipaa } }'), rows);
    assert.equal(hipaa!.notes, 'Seen at 14:30, 45 years old, by <PERSON_1> on <DATE_TIME_1>; key ghp_abcdefghijklmnopqrstuvwxyz0123456789');
    const [secrets] = await protect(contract('{ operator: text, params: { profile: secrets } }'), rows);
    assert.equal(secrets!.notes, 'Seen at 14:30, 45 years old, by Maria Gonzalez on 03/14/2023; key <SECRET_1>');
    const [plain] = await protect(contract('{ operator: text }'), rows);
    assert.match(plain!.notes!, /^Seen at <DATE_TIME_1>, <AGE_1> years old/);
    const plan = planColumns(parseContract(contract('{ operator: text, params: { profile: hipaa } }')).datasets[0]!);
    assert.notEqual(plan[1]!.findSpans, plan[2]!.findSpans, 'one detector per profile');
  });

  it('the contract refuses an unknown profile at load', () => {
    assert.throws(() => parseContract(contract('{ operator: text, params: { profile: gdpr } }')), { code: 'ERR_CONTRACT_INVALID' });
  });

  it('the operator threshold defaults to the detector\'s', () => {
    assert.equal(TEXT_DEFAULT_THRESHOLD, DEFAULT_THRESHOLD);
  });

  it('the span finder cuts texts longer than its bound at whitespace and keeps offsets', () => {
    const findSpans = textSpanFinder({ maxLength: 64 });
    const text = `${'filler '.repeat(12)}mail maria.gonzalez@example.com ${'more '.repeat(20)}or wei.chen@example.com`;
    const spans = findSpans(text).filter((s) => s.entity === 'EMAIL_ADDRESS');
    assert.deepEqual(spans.map((s) => text.slice(s.start, s.end)), ['maria.gonzalez@example.com', 'wei.chen@example.com']);
  });
});
