// The text operator over a fixed span finder (no detector here: transform/ never imports detect/):
// params refused at load, spans replaced left to right by their entity's operator, placeholders
// shared by the columns of one record, never an original span in the output.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseTextParams, prepareOperator, text, type OperatorContext, type TextSpan } from '../../../src/transform/index.js';
import { testContext } from './context.js';

/** Finds every occurrence of the listed strings, with their entity and score. */
function finder(table: ReadonlyArray<[string, string, number?]>): (s: string) => TextSpan[] {
  return (s) => {
    const out: TextSpan[] = [];
    for (const [needle, entity, score] of table) {
      for (let i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length)) out.push({ start: i, end: i + needle.length, entity, score: score ?? 0.9 });
    }
    return out;
  };
}

const TABLE: Array<[string, string, number?]> = [
  ['Ann Lee', 'PERSON'],
  ['Bob Roe', 'PERSON'],
  ['ann@example.com', 'EMAIL_ADDRESS', 1],
  ['4111 1111 1111 1111', 'CREDIT_CARD', 1],
  ['415-555-0134', 'PHONE_NUMBER', 0.75],
  ['536-22-1234', 'US_SSN', 0.95],
  ['Monday', 'DATE_TIME', 0.6],
  ['maybe', 'PERSON', 0.3],
];
const findSpans = finder(TABLE);
const ctx = (over: Partial<OperatorContext> = {}): OperatorContext => testContext({ field: 'notes', findSpans, placeholders: new Map(), ...over });

describe('transform: text params are validated when the contract loads', () => {
  const INVALID: unknown[] = [
    'redact',
    { entity: 'PERSON' },
    { default: 'drop' },
    { default: 'tokenize' },
    { default: 'text' },
    { default: 'shred' },
    { default: 7 },
    { default: { operator: 'mask', params: { keepLast: '4' } } },
    { default: { operator: 'mask', keepLast: 4 } },
    { entities: ['PERSON'] },
    { entities: { person: 'redact' } },
    { entities: { PERSON: 'drop' } },
    { entities: { CREDIT_CARD: { operator: 'fpe', params: { alphabet: 'octal' } } } },
    { entities: { PERSON: { operator: 'redact', params: { entity: 'person' } } } },
    { keep: 'DATE_TIME' },
    { keep: [1] },
    { keep: ['date'] },
    { keep: ['PERSON'], entities: { PERSON: 'mask' } },
    { threshold: 1.5 },
    { threshold: -0.1 },
    { threshold: '0.5' },
    { threshold: Number.NaN },
    { profile: 7 },
    { profile: 'HIPAA!' },
  ];
  for (const raw of INVALID) {
    it(`refuses ${JSON.stringify(raw)}`, () => {
      assert.throws(() => prepareOperator('text', raw), (e: unknown) => {
        assert.equal((e as { code?: string }).code, 'ERR_INPUT_INVALID');
        assert.equal((e as { details?: Record<string, unknown> }).details?.['operator'], 'text');
        return true;
      });
    });
  }

  it('checks entity names against the list it is given (the contracts layer passes the detector\'s)', () => {
    const raw = { entities: { EMPLOYEE_ID: 'hash' }, keep: ['DATE_TIME'] };
    assert.doesNotThrow(() => parseTextParams(raw));
    assert.throws(() => parseTextParams(raw, { entities: ['PERSON', 'DATE_TIME'] }), { code: 'ERR_INPUT_INVALID' });
    assert.throws(() => parseTextParams({ keep: ['EMPLOYEE_ID'] }, { entities: ['PERSON'] }), { code: 'ERR_INPUT_INVALID' });
  });

  it('checks the profile against the list it is given (the contracts layer passes the detector\'s)', () => {
    assert.equal(parseTextParams({ profile: 'hipaa' }, { profiles: ['default', 'hipaa'] }).profile, 'hipaa');
    assert.throws(() => parseTextParams({ profile: 'gdpr' }, { profiles: ['default', 'hipaa'] }), { code: 'ERR_INPUT_INVALID' });
    assert.equal(parseTextParams({}).profile, undefined);
  });

  it('defaults: indexed redact labelled with the entity, threshold 0.5; not reversible', () => {
    const op = prepareOperator('text');
    assert.deepEqual(op.params, { default: { operator: 'redact', params: { entity: null, indexed: true } }, entities: new Map(), keep: new Set(), threshold: 0.5 });
    assert.equal(op.reversible, false);
    assert.equal(op.invert, undefined);
    assert.equal(text.reversible, false);
  });
});

describe('transform: text', () => {
  it('replaces each span with its entity\'s operator: e-mail deterministic, person redact, card mask keepLast 4', () => {
    const op = prepareOperator('text', {
      entities: { EMAIL_ADDRESS: 'deterministic', PERSON: 'redact', CREDIT_CARD: { operator: 'mask', params: { keepLast: 4 } } },
    });
    const c = ctx();
    const out = op.apply('Ann Lee (ann@example.com) paid with 4111 1111 1111 1111; Ann Lee again.', c)!;
    const token = prepareOperator('deterministic').apply('ann@example.com', c)!;
    assert.equal(out, `<PERSON_1> (${token}) paid with ***************1111; <PERSON_1> again.`);
    assert.equal(prepareOperator('deterministic').invert!(token, c), 'ann@example.com', 'a deterministic span opens with the key');
  });

  it('numbers placeholders per record, the same across two columns of one record', () => {
    const op = prepareOperator('text');
    const record = new Map();
    const a = op.apply('Ann Lee called Bob Roe at 415-555-0134.', ctx({ field: 'notes', placeholders: record }));
    const b = op.apply('Bob Roe wrote back to Ann Lee.', ctx({ field: 'summary', placeholders: record }));
    assert.equal(a, '<PERSON_1> called <PERSON_2> at <PHONE_NUMBER_1>.');
    assert.equal(b, '<PERSON_2> wrote back to <PERSON_1>.');
    // An indexed redact column of the same record shares the numbering.
    assert.equal(prepareOperator('redact', { entity: 'PERSON', indexed: true }).apply('Bob Roe', ctx({ placeholders: record })), '<PERSON_2>');
    // The next record starts again.
    assert.equal(op.apply('Bob Roe', ctx()), '<PERSON_1>');
  });

  it('redact params inside text: a fixed label, or no numbering', () => {
    assert.equal(prepareOperator('text', { default: { operator: 'redact', params: { entity: 'PII' } } }).apply('Ann Lee, 536-22-1234', ctx()), '<PII_1>, <PII_2>');
    assert.equal(prepareOperator('text', { default: { operator: 'redact', params: { indexed: false } } }).apply('Ann Lee, Bob Roe', ctx()), '<PERSON>, <PERSON>');
    // Without a per-record map, numbering is per value.
    assert.equal(prepareOperator('text').apply('Ann Lee, Bob Roe, Ann Lee', testContext({ findSpans })), '<PERSON_1>, <PERSON_2>, <PERSON_1>');
  });

  it('no original span survives in the output', () => {
    const value = TABLE.filter(([, , s]) => (s ?? 0.9) >= 0.5).map(([v]) => `${v} and`).join(' ') + ' done';
    for (const raw of [{}, { default: 'hash' }, { default: 'encrypt' }, { default: 'deterministic' }, { default: { operator: 'mask', params: { keepLast: 2 } } }]) {
      const out = prepareOperator('text', raw).apply(value, ctx())!;
      for (const [v, , s] of TABLE) if ((s ?? 0.9) >= 0.5) assert.equal(out.includes(v), false, `${JSON.stringify(raw)}: ${v}`);
      assert.ok(out.endsWith(' and done'), 'the text between spans is kept');
    }
  });

  it('threshold and keep leave spans as they are', () => {
    assert.equal(prepareOperator('text').apply('maybe on Monday', ctx()), 'maybe on <DATE_TIME_1>');
    assert.equal(prepareOperator('text', { threshold: 0.2 }).apply('maybe on Monday', ctx()), '<PERSON_1> on <DATE_TIME_1>');
    assert.equal(prepareOperator('text', { threshold: 0.7 }).apply('Ann Lee on Monday', ctx()), '<PERSON_1> on Monday');
    assert.equal(prepareOperator('text', { keep: ['DATE_TIME'] }).apply('Ann Lee on Monday', ctx()), '<PERSON_1> on Monday');
  });

  it('a span its operator cannot take becomes the typed placeholder, never the span', () => {
    const op = prepareOperator('text', { entities: { PERSON: 'fpe', US_SSN: 'fpe', DATE_TIME: { operator: 'generalize', params: { kind: 'date' } } } });
    const out = op.apply('Ann Lee, 536-22-1234, Monday', ctx())!;
    assert.match(out, /^<PERSON>, \d{3}-\d{2}-\d{4}, <DATE_TIME>$/);
    assert.equal(out.includes('536-22-1234'), false);
  });

  it('takes overlapping or unordered spans left to right, protecting every character of each', () => {
    const spans: TextSpan[] = [{ start: 10, end: 15, entity: 'PERSON', score: 1 }, { start: 0, end: 6, entity: 'PERSON', score: 1 }, { start: 4, end: 9, entity: 'EMAIL_ADDRESS', score: 1 }];
    const out = prepareOperator('text').apply('abcdefghijklmnop', ctx({ findSpans: () => spans }));
    assert.equal(out, '<PERSON_1><EMAIL_ADDRESS_1>j<PERSON_2>p');
  });

  it('without ctx.findSpans it refuses to run (TypeError: the pipeline must supply the detector)', () => {
    assert.throws(() => prepareOperator('text').apply('Ann Lee', testContext()), TypeError);
    assert.throws(() => prepareOperator('text').apply('Ann Lee', ctx({ findSpans: () => [{ start: 0, end: 99, entity: 'PERSON', score: 1 }] })), TypeError);
  });
});
