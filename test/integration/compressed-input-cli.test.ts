// Compressed inputs Cordon does not decode, as a user meets them: a `.csv.xz` or `.csv.bz2` made
// by the xz and bzip2 tools, by name or piped to stdin. They used to stop with "cannot tell the
// format from its extension" (by name) or "line 1 is not valid UTF-8 … try --encoding" (stdin),
// which sends the user the wrong way; now ERR_FORMAT_UNSUPPORTED names the compression and the
// command that decompresses it. gzip on stdin is read (by its magic bytes), as before.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cliSandbox, type CliSandbox } from '../helpers/cli.js';

const has = (tool: string): boolean => spawnSync(tool, ['--version']).status === 0;

describe('cordon scan: xz and bzip2 inputs are named, gzip on stdin is read', () => {
  let s: CliSandbox;
  before(() => {
    s = cliSandbox();
    writeFileSync(s.path('people.csv'), 'name,email\nMaria Gonzalez,maria@example.com\nJames Smith,james@example.org\n');
  });
  after(() => s.cleanup());

  for (const [tool, ext, name] of [['xz', 'xz', 'xz'], ['bzip2', 'bz2', 'bzip2']] as const) {
    it(`${name}: by name and on stdin, ERR_FORMAT_UNSUPPORTED naming ${name} and how to decompress`, { skip: !has(tool) && `${tool} not installed` }, () => {
      assert.equal(spawnSync(tool, ['-k', '-f', s.path('people.csv')]).status, 0);
      const byName = s.run(['scan', `people.csv.${ext}`, '--json']);
      assert.equal(byName.status, 3);
      assert.match(byName.stderr, new RegExp(`ERR_FORMAT_UNSUPPORTED.*${name}-compressed.*decompress it first`));
      const forced = s.run(['scan', `people.csv.${ext}`, '--format', 'csv']);
      assert.equal(forced.status, 3, 'by magic bytes when --format names the format');
      assert.match(forced.stderr, new RegExp(`ERR_FORMAT_UNSUPPORTED.*${name}-compressed`));
      const stdin = s.run(['scan', '-', '--format', 'csv'], { input: readFileSync(s.path(`people.csv.${ext}`)) });
      assert.equal(stdin.status, 3);
      assert.match(stdin.stderr, new RegExp(`ERR_FORMAT_UNSUPPORTED.*${name}-compressed`));
      assert.doesNotMatch(stdin.stderr, /UTF-8|--encoding/);
    });
  }

  it('gzip on stdin (made by gzip) is read', { skip: !has('gzip') && 'gzip not installed' }, () => {
    const gz = spawnSync('gzip', ['-c', s.path('people.csv')]);
    assert.equal(gz.status, 0);
    const r = s.run(['scan', '-', '--format', 'csv', '--json'], { input: gz.stdout });
    assert.equal(r.status, 0, r.stderr);
    const cols = (JSON.parse(r.stdout) as { columns: Array<{ name: string; entity: string | null }> }).columns;
    assert.equal(cols.find((c) => c.name === 'email')?.entity, 'EMAIL_ADDRESS');
  });
});
