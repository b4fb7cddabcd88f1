import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInsideFolder } from '../../../src/io/read-inside.js';
import { contractFolderOptions } from '../../../src/server/catalog.js';

describe('readInsideFolder: a file a contract names stays in the contract\'s folder', () => {
  const base = mkdtempSync(join(tmpdir(), 'cordon-inside-'));
  const folder = join(base, 'contracts');
  mkdirSync(join(folder, 'recognizers'), { recursive: true });
  writeFileSync(join(folder, 'recognizers', 'ok.yaml'), 'recognizers: []\n');
  writeFileSync(join(base, 'secret.yaml'), 'outside\n');
  symlinkSync(join(base, 'secret.yaml'), join(folder, 'recognizers', 'link.yaml'));
  symlinkSync(base, join(folder, 'up'));
  symlinkSync(join(folder, 'recognizers', 'ok.yaml'), join(folder, 'inner-link.yaml'));

  it('reads a file inside, also through a symlink that stays inside', () => {
    assert.equal(readInsideFolder(folder, 'recognizers/ok.yaml'), 'recognizers: []\n');
    assert.equal(readInsideFolder(folder, 'inner-link.yaml'), 'recognizers: []\n');
  });

  it('refuses a symlinked file or folder that leads outside, without reading it', () => {
    for (const ref of ['recognizers/link.yaml', 'up/secret.yaml']) {
      assert.throws(() => readInsideFolder(folder, ref), (e: Error & { code?: string }) => e.code === 'ERR_CONTRACT_INVALID' && !e.message.includes('outside\n'));
    }
  });

  it('a missing file is ERR_IO naming the reference', () => {
    assert.throws(() => readInsideFolder(folder, 'recognizers/none.yaml'), (e: Error & { code?: string }) => e.code === 'ERR_IO' && e.message.includes('recognizers/none.yaml'));
  });

  it('the server\'s contracts folder reads recognizer files the same way', () => {
    const { readFile } = contractFolderOptions(folder);
    assert.throws(() => readFile!('recognizers/link.yaml'), (e: Error & { code?: string }) => e.code === 'ERR_CONTRACT_INVALID');
  });

  it('cleans up', () => rmSync(base, { recursive: true, force: true }));
});
