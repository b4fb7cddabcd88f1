// Presidio recognizer files (ad-hoc JSON, registry YAML) load as Cordon recognizers with the same
// meaning, or are refused with the path of what cannot be carried over.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/detect/analyze.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import { parseRecognizers } from '../../../src/detect/custom/parse-recognizers.js';
import { presidioId, presidioRegex, presidioToCordon } from '../../../src/detect/custom/presidio-format.js';
import { recognizersFromYaml } from '../../../src/contracts/load-recognizers.js';
import { CordonError } from '../../../src/errors.js';

/** Presidio's documented ad-hoc recognizers (tutorial 09), as sent in an /analyze request. */
const AD_HOC = {
  ad_hoc_recognizers: [
    {
      name: 'Zip code Recognizer',
      supported_language: 'en',
      patterns: [{ name: 'zip code (weak)', regex: '(\\b\\d{5}(?:\\-\\d{4})?\\b)', score: 0.01 }],
      context: ['zip', 'code'],
      supported_entity: 'ZIPCODE',
    },
    { name: 'Mr. Recognizer', supported_language: 'en', deny_list: ['Mr', 'Mr.', 'Mister'], supported_entity: 'MR_TITLE' },
  ],
};

const REGISTRY_YAML = `
supported_languages: [en]
recognizer_registry:
  global_regex_flags: 2
  recognizers:
    - name: Employee id recognizer
      type: custom
      supported_language: en
      supported_entities: [EMPLOYEE_ID]
      version: 0.0.1
      patterns:
        - name: emp
          regex: 'emp\\-(?P<v>\\d{6})\\Z'
          score: 0.6
      context: [employee]
    - name: Old recognizer
      type: custom
      enabled: false
      supported_entity: OLD_THING
      deny_list: [thing]
`;

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e instanceof CordonError ? e.code : String(e);
  }
}

describe('Presidio recognizer files', () => {
  it('loads the documented ad-hoc recognizers and finds what Presidio finds', () => {
    const custom = parseRecognizers(AD_HOC);
    assert.deepEqual(custom.map((r) => [r.id, r.entity]), [['custom:zip-code-recognizer', 'ZIPCODE'], ['custom:mr-recognizer', 'MR_TITLE']]);
    const text = 'Mister Smith lives near zip code 10023-1234 today';
    const found = analyze(text, custom, { threshold: 0 }).map((f) => [f.entity, text.slice(f.start, f.end)]);
    assert.deepEqual(found, [['MR_TITLE', 'Mister'], ['ZIPCODE', '10023-1234']]);
  });

  it('reads a registry YAML file: supported_entities, global IGNORECASE, (?P<v>) and \\Z, disabled entries dropped', () => {
    const custom = recognizersFromYaml(REGISTRY_YAML);
    assert.deepEqual(custom.map((r) => r.id), ['custom:employee-id-recognizer']);
    const text = 'badge EMP-123456';
    const found = analyze(text, [...DEFAULT_RECOGNIZERS, ...custom]).filter((f) => (f.entity as string) === 'EMPLOYEE_ID');
    // Group v narrows the finding to the digits; IGNORECASE lets the lower-case pattern match EMP.
    assert.deepEqual(found.map((f) => text.slice(f.start, f.end)), ['123456']);
  });

  it('refuses what it cannot carry over, with the path in the original file', () => {
    const refused = (doc: unknown): string => {
      try {
        parseRecognizers(doc);
      } catch (e) {
        assert.ok(e instanceof CordonError);
        assert.equal(e.code, 'ERR_RECOGNIZERS_INVALID');
        return e.message;
      }
      assert.fail('accepted');
    };
    assert.match(refused({ recognizer_registry: { global_regex_flags: 26, recognizers: AD_HOC.ad_hoc_recognizers } }), /global_regex_flags/);
    assert.match(refused({ recognizers: [{ name: 'CreditCardRecognizer', type: 'predefined', supported_languages: ['en'] }] }), /recognizers\[0\] configures a predefined Presidio recognizer/);
    assert.match(refused({ ad_hoc_recognizers: [{ name: 'two', supported_entities: ['A_B', 'C_D'], deny_list: ['x'] }] }), /ad_hoc_recognizers\[0\]\.supported_entities/);
    // The checks of Cordon's own format still apply: a built-in entity name is refused.
    assert.match(refused({ ad_hoc_recognizers: [{ name: 'p', supported_entity: 'PERSON', deny_list: ['x'] }] }), /built-in entity/);
    assert.equal(codeOf(() => parseRecognizers({ ad_hoc_recognizers: [{ name: 'bad', supported_entity: 'BAD_ONE', patterns: [{ name: 'p', regex: '(a+)+', score: 0.5 }] }] })), 'ERR_RECOGNIZERS_INVALID');
  });

  it('leaves a file in Cordon\'s own format as it is', () => {
    const doc = { recognizers: [{ name: 'employee-id', entity: 'EMPLOYEE_ID', patterns: [{ name: 'emp', regex: 'EMP-\\d{6}', score: 0.4 }] }] };
    assert.equal(presidioToCordon(doc).doc, doc);
  });

  it('rewrites Python regex syntax with the same meaning under the u flag', () => {
    const cases: Array<[string, string, boolean]> = [
      ['\\b\\d{5}(?:\\-\\d{4})?\\b', '\\b\\d{5}(?:-\\d{4})?\\b', false],
      ['[\\-\\#a-z]+', '[\\-#a-z]+', false],
      ['(?i)acct\\ \\#\\d+', 'acct #\\d+', true],
      ['(?P<v>\\d+)\\.\\d\\Z', '(?<v>\\d+)\\.\\d$', false],
      ['\\Aid\\:\\s\\w+', '^id:\\s\\w+', false],
    ];
    for (const [py, js, ignoreCase] of cases) {
      const r = presidioRegex(py);
      assert.deepEqual(r, { source: js, ignoreCase }, py);
      assert.doesNotThrow(() => new RegExp(r.source, 'u'), py);
    }
  });

  it('turns free-text names into ids', () => {
    assert.equal(presidioId('Zip code Recognizer'), 'zip-code-recognizer');
    assert.equal(presidioId('zip code (weak)'), 'zip-code-weak');
    assert.equal(presidioId('  Mr. Recognizer '), 'mr-recognizer');
  });
});
