// CSV exports as spreadsheets write them: column names with spaces and brackets are tokenized into
// a vault namespace of their own and revealed by that name; a headerless export whose first row is
// an e-mail and a phone number is read as data (columns column_1, …), so no value becomes a column
// name in the drafted contract.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliSandbox, type CliSandbox } from '../helpers/cli.js';

const ADA = `@id("reveal.ada")
permit (principal == Cordon::User::"analyst:ada", action == Cordon::Action::"reveal", resource is Cordon::Column);
`;

const PEOPLE = [['Ana Ruiz', 'ana@example.com', '555-201-0193'], ['Bo Li', 'bo@example.com', '555-201-0194'], ['Cy Ng', 'cy@example.com', '555-201-0195']];

describe('spreadsheet headers', () => {
  let s: CliSandbox;
  before(() => {
    s = cliSandbox();
    assert.equal(s.run(['init']).status, 0);
  });
  after(() => s.cleanup());

  it('column names with spaces and brackets are protected and revealed by name', () => {
    writeFileSync(join(s.dir, 'people.csv'), ['Full Name,E-mail address,Phone (home)', ...PEOPLE.map((r) => r.join(','))].join('\r\n') + '\r\n');
    assert.equal(s.run(['contract', 'init', 'people.csv', '-o', 'people.yaml']).status, 0);
    const p = s.run(['protect', 'people.csv', '-c', 'people.yaml', '-o', 'out.csv']);
    assert.equal(p.status, 0, p.stderr);
    const lines = readFileSync(join(s.dir, 'out.csv'), 'utf8').trim().split('\r\n');
    assert.equal(lines[0], 'Full Name,E-mail address,Phone (home)', 'the header stays a header');
    assert.equal(lines.length, 4);
    assert.doesNotMatch(lines.join('\n'), /Ana Ruiz|ana@example\.com|555-201-0193/);
    writeFileSync(join(s.env.CORDON_HOME!, 'policies', 'ada.cedar'), ADA);
    const token = lines[1]!.split(',')[0]!;
    const r = s.run(['reveal', token, '-c', 'people.yaml', '--column', 'Full Name', '--purpose', 'support', '--json'], { env: { CORDON_PRINCIPAL: 'analyst:ada' } });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as { values: string[] }).values, ['Ana Ruiz']);
  });

  it('a headerless export is read as data: no value becomes a column name', () => {
    writeFileSync(join(s.dir, 'raw.csv'), PEOPLE.map((r) => r.join(',')).join('\n') + '\n');
    const scan = s.run(['scan', 'raw.csv', '--json']);
    assert.equal(scan.status, 0, scan.stderr);
    const columns = (JSON.parse(scan.stdout) as { columns: Array<{ name: string; entity: string | null }> }).columns;
    assert.deepEqual(columns.map((c) => [c.name, c.entity]), [['column_1', 'PERSON'], ['column_2', 'EMAIL_ADDRESS'], ['column_3', 'PHONE_NUMBER']]);
    assert.equal(s.run(['contract', 'init', 'raw.csv', '-o', 'raw.yaml']).status, 0);
    assert.doesNotMatch(readFileSync(join(s.dir, 'raw.yaml'), 'utf8'), /Ana Ruiz|ana@example\.com|555-201-0193/);
    const p = s.run(['protect', 'raw.csv', '-c', 'raw.yaml', '-o', 'raw.out.csv']);
    assert.equal(p.status, 0, p.stderr);
    assert.equal(readFileSync(join(s.dir, 'raw.out.csv'), 'utf8').trim().split('\n').length, 3, 'three rows, no header added');
  });
});
