// `cordon protect` on free text, end to end: `contract init` drafts the text operator for a notes
// column, and the protected CSV holds none of the names, e-mails, phone numbers or SSNs of the notes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliSandbox } from '../helpers/cli.js';
import { parseContract } from '../../src/contracts/parse-contract.js';

const NOTES = [
  'Called Maria Gonzalez at 415-555-0134 about her claim; email maria.gonzalez@example.com, SSN 536-22-1234.',
  'James Smith (james.smith@example.org, +1 212 555 0199) asked for a refund.',
  'Patient Wei Chen, phone (617) 555-0101, SSN 372-84-1956, e-mail wei.chen@example.com',
  'No issues; follow up next week.',
  'Spoke with Aisha Khan about billing, reach her at aisha.khan@example.net or 646-555-0188.',
];
const SENSITIVE = ['Maria Gonzalez', '415-555-0134', 'maria.gonzalez@example.com', '536-22-1234', 'James Smith', 'james.smith@example.org', '212 555 0199',
  'Wei Chen', '(617) 555-0101', '372-84-1956', 'wei.chen@example.com', 'Aisha Khan', 'aisha.khan@example.net', '646-555-0188'];

describe('cordon protect: free text', () => {
  it('drafts the text operator for notes and leaves no name, e-mail, phone or SSN in the output', () => {
    const s = cliSandbox();
    try {
      assert.equal(s.run(['init']).status, 0);
      writeFileSync(join(s.dir, 'visits.csv'), ['id,notes', ...NOTES.map((n, i) => `${i + 1},"${n}"`)].join('\n') + '\n');
      assert.equal(s.run(['contract', 'init', 'visits.csv', '-o', 'c.yaml']).status, 0);
      const notes = parseContract(readFileSync(join(s.dir, 'c.yaml'), 'utf8')).datasets[0]!.columns.find((c) => c.name === 'notes')!;
      assert.equal(notes.protect?.operator, 'text');
      const r = s.run(['protect', 'visits.csv', '-c', 'c.yaml', '-o', 'out.csv']);
      assert.equal(r.status, 0, r.stderr);
      const out = readFileSync(join(s.dir, 'out.csv'), 'utf8');
      for (const v of SENSITIVE) assert.equal(out.includes(v), false, `no ${v} in the output`);
      assert.match(out, /^1,"Called <PERSON_1> at <PHONE_NUMBER_1> about her claim; email <EMAIL_ADDRESS_1>, SSN <US_SSN_1>\."$/m);
      assert.match(out, /^4,No issues; follow up next week\.$/m, 'text without spans is kept');
      const manifest = readFileSync(join(s.dir, 'out.csv.manifest.json'), 'utf8');
      for (const v of SENSITIVE) assert.equal(manifest.includes(v), false, 'the manifest holds no value');
    } finally {
      s.cleanup();
    }
  });
});
