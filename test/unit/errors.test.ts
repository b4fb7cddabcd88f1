// docs/errors.md and the ERR_* union stay in step, and every category has a distinct exit code.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ERROR_CODES, CordonError, decryptionFailed, DECRYPTION_FAILED_MESSAGE } from '../../src/errors.js';
import { EXIT_CODES, exitCodeFor } from '../../src/cli/exit-codes.js';
import { repoPath } from '../helpers/paths.js';

const doc = readFileSync(repoPath('docs/errors.md'), 'utf8');

describe('error codes', () => {
  it('every code is documented with its category', () => {
    for (const [code, category] of Object.entries(ERROR_CODES)) {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${code}\` |`));
      assert.ok(row, `${code} is missing from docs/errors.md`);
      assert.match(row, new RegExp(`^\\| \`${code}\` \\| ${category} \\|`), `${code} has the wrong category in docs/errors.md`);
    }
  });

  it('every documented code exists', () => {
    const documented = [...doc.matchAll(/^\| `(ERR_[A-Z0-9_]+)` \|/gm)].map((m) => m[1]!);
    assert.ok(documented.length > 0);
    for (const code of documented) assert.ok(code in ERROR_CODES, `docs/errors.md lists unknown code ${code}`);
    assert.equal(new Set(documented).size, documented.length, 'a code is documented twice');
  });

  it('exit codes are distinct per category and documented', () => {
    const values = Object.values(EXIT_CODES);
    assert.equal(new Set(values).size, values.length);
    for (const [category, exit] of Object.entries(EXIT_CODES)) {
      if (category === 'ok') continue;
      assert.match(doc, new RegExp(`^\\| ${exit} \\| ${category} \\|`, 'm'), `exit code ${exit} (${category}) not documented`);
    }
    assert.equal(exitCodeFor(new CordonError('ERR_DECRYPTION_FAILED', 'x')), EXIT_CODES.integrity);
    assert.equal(exitCodeFor(new Error('boom')), EXIT_CODES.internal);
  });

  it('secret-dependent failures share one code and message', () => {
    const e = decryptionFailed();
    assert.equal(e.code, 'ERR_DECRYPTION_FAILED');
    assert.equal(e.message, DECRYPTION_FAILED_MESSAGE);
    assert.equal(e.cause, undefined);
  });
});
