// Custom recognizers from a file: patterns, context, validator by name, deny and allow lists run
// through the engine like built-in ones; every problem is refused at load with ERR_RECOGNIZERS_INVALID;
// patterns that may backtrack catastrophically are refused.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/detect/analyze.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import { parseRecognizers } from '../../../src/detect/custom/parse-recognizers.js';
import { linearPatternProblem } from '../../../src/detect/custom/linear-pattern.js';
import { recognizersFromYaml } from '../../../src/contracts/load-recognizers.js';
import { CordonError } from '../../../src/errors.js';

const FILE = `
recognizers:
  - name: employee-id
    entity: EMPLOYEE_ID
    patterns:
      - { name: emp, regex: 'EMP-\\d{6}', score: 0.4 }
    context: [employee, staff]
    allowList: [EMP-000000]
  - name: card-ref
    entity: CARD_REF
    patterns:
      - { name: ref, regex: 'CR(?<v>\\d{16})', score: 0.3 }
    validator: luhn
    validScore: 0.8
  - name: project
    entity: PROJECT_CODENAME
    denyList: [Bluebird, Night Jar]
    denyListScore: 0.9
`;

function spans(text: string): string[] {
  return analyze(text, [...DEFAULT_RECOGNIZERS, ...recognizersFromYaml(FILE)]).map((f) => `${f.entity} ${text.slice(f.start, f.end)} ${f.score}`);
}

function refused(doc: unknown): void {
  assert.throws(() => parseRecognizers(doc), (e: unknown) => e instanceof CordonError && e.code === 'ERR_RECOGNIZERS_INVALID', JSON.stringify(doc));
}

describe('custom recognizers', () => {
  it('patterns with context, validators by name, deny and allow lists', () => {
    assert.deepEqual(spans('employee EMP-123456 joined'), ['EMPLOYEE_ID EMP-123456 0.75']);
    assert.deepEqual(spans('ref EMP-123456 joined'), [], 'base score 0.4 is under the threshold without a context word');
    assert.deepEqual(spans('employee EMP-000000 is the test account'), [], 'allow list');
    assert.deepEqual(spans('employee xEMP-123456'), [], 'token boundaries apply to custom patterns too');
    assert.deepEqual(spans('ref CR4111111111111111 ok'), ['CARD_REF 4111111111111111 0.8'], 'group v narrows the finding to what the validator checks');
    assert.deepEqual(spans('ref CR4111111111111112 ok'), [], 'luhn says invalid');
    assert.deepEqual(spans('Project BLUEBIRD and night jar, not bluebirds'), ['PROJECT_CODENAME BLUEBIRD 0.9', 'PROJECT_CODENAME night jar 0.9']);
  });

  it('explains custom findings like built-in ones', () => {
    const [f] = analyze('employee EMP-123456', recognizersFromYaml(FILE));
    assert.equal(f!.explanation.recognizer, 'custom:employee-id');
    assert.equal(f!.explanation.pattern, 'emp');
    assert.deepEqual(f!.explanation.contextWords, ['employee']);
  });

  it('refuses bad files at load with ERR_RECOGNIZERS_INVALID', () => {
    const ok = { name: 'x', entity: 'EMPLOYEE_ID', patterns: [{ name: 'p', regex: 'EMP-\\d{6}', score: 0.5 }] };
    assert.equal(parseRecognizers({ recognizers: [ok] }).length, 1);
    refused(null);
    refused({ recognizers: {} });
    refused({ recognizers: [ok], extra: 1 });
    refused({ recognizers: [{ ...ok, entity: 'employee' }] });
    refused({ recognizers: [{ ...ok, name: 'Bad Name' }] });
    refused({ recognizers: [ok, ok] });
    refused({ recognizers: [{ ...ok, colour: 'red' }] });
    refused({ recognizers: [{ ...ok, validator: 'md5' }] });
    refused({ recognizers: [{ ...ok, patterns: [{ name: 'p', regex: '(unclosed', score: 0.5 }] }] });
    refused({ recognizers: [{ ...ok, patterns: [{ name: 'p', regex: 'a*', score: 0.5 }] }] });
    refused({ recognizers: [{ ...ok, patterns: [{ name: 'p', regex: 'x', score: 2 }] }] });
    refused({ recognizers: [{ ...ok, patterns: [] }] });
    refused({ recognizers: [{ ...ok, denyList: [''] }] });
    assert.throws(() => recognizersFromYaml('recognizers: [\n'), { code: 'ERR_RECOGNIZERS_INVALID' });
  });

  it('the message names paths, never the pattern itself', () => {
    try {
      parseRecognizers({ recognizers: [{ name: 'x', entity: 'E_X', patterns: [{ name: 'p', regex: '(secretword+)+', score: 0.5 }] }] });
      assert.fail('accepted');
    } catch (e) {
      assert.ok(e instanceof CordonError);
      assert.match(e.message, /recognizers\[0\]\.patterns\[0\]\.regex/);
      assert.ok(!e.message.includes('secretword'));
    }
  });

  it('linear-time check: refuses backreferences, nested quantifiers, quantified alternations, unbounded repeats', () => {
    for (const bad of ['(a+)+$', '(a*)*', '(?:a|ab)*c', '(\\w+\\s?)+$', '(a)\\1', '(?<x>a)\\k<x>', 'a{1,}', 'a{5000}', '((a+))+', '(a']) {
      assert.notEqual(linearPatternProblem(bad), undefined, bad);
    }
    for (const good of ['EMP-\\d{6}', '\\b[A-Z]{2}\\d{6}\\b', '(?<![\\w-])INV-\\d{4,8}(?![\\w-])', '(?:ab|cd)-\\d{3}', '[(+*]x', '(?<v>\\d{3})-\\d{2}', 'a{2,5}(?:b|c)?']) {
      assert.equal(linearPatternProblem(good), undefined, good);
    }
  });
});
