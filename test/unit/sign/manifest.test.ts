// Dataset-version manifests: create, verify (every changed, added and removed file), stable sorted
// '/' paths, ignore lists, symlinks refused, and a parser that refuses edited manifests.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createManifest } from '../../../src/sign/create-manifest.js';
import { verifyManifest, assertManifestMatches } from '../../../src/sign/verify-manifest.js';
import { parseManifest, serializeManifest, versionId } from '../../../src/sign/manifest-format.js';
import { comparePaths } from '../../../src/sign/list-files.js';
import { rejectsWith, tempDir, throwsWith, writeTree } from './helpers.js';

const TREE = { 'a.csv': 'id,name\n1,x\n', 'b/c.jsonl': '{"a":1}\n', 'b/d/e.txt': 'e', 'a-b': 'dash', 'empty': '' };

describe('sign/manifest', () => {
  it('records every file with sorted relative / paths and a version id', async () => {
    const t = tempDir();
    try {
      writeTree(t.dir, TREE);
      const m = await createManifest(t.dir);
      assert.deepEqual(m.files.map((f) => f.path), ['a-b', 'a.csv', 'b/c.jsonl', 'b/d/e.txt', 'empty']);
      assert.equal(m.files.find((f) => f.path === 'empty')!.sha256, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
      assert.equal(m.version, versionId(m.files));
      assert.equal(m.artifact.kind, 'directory');
      assert.equal(m.hash.merkle.chunkSize, 1024 * 1024);
      const again = parseManifest(JSON.parse(serializeManifest(m)));
      assert.deepEqual(again, m);
      const r = await verifyManifest(t.dir, again);
      assert.ok(r.ok);
      assert.equal(r.files, 5);
    } finally {
      t.cleanup();
    }
  });

  it('reports every changed, added and removed file', async () => {
    const t = tempDir();
    try {
      writeTree(t.dir, TREE);
      const m = await createManifest(t.dir);
      appendFileSync(join(t.dir, 'a.csv'), '2,y\n');
      writeFileSync(join(t.dir, 'b/d/e.txt'), 'E'); // same size, other content
      rmSync(join(t.dir, 'empty'));
      writeTree(t.dir, { 'new/file': 'n' });
      const r = await verifyManifest(t.dir, m);
      assert.equal(r.ok, false);
      assert.deepEqual(r.changed, ['a.csv', 'b/d/e.txt']);
      assert.deepEqual(r.added, ['new/file']);
      assert.deepEqual(r.removed, ['empty']);
      const e = throwsWith(() => assertManifestMatches(r), 'ERR_MANIFEST_MISMATCH', 'mismatch');
      assert.deepEqual(e.details, { changed: 2, added: 1, removed: 1 });
    } finally {
      t.cleanup();
    }
  });

  it('a large file carries a Merkle root, and a change anywhere is found', async () => {
    const t = tempDir();
    try {
      const big = Buffer.alloc(3 * 1024 * 1024 + 5, 7);
      writeTree(t.dir, { 'big.bin': big });
      const m = await createManifest(t.dir);
      assert.match(m.files[0]!.merkleRoot ?? '', /^[0-9a-f]{64}$/);
      big[2 * 1024 * 1024 + 1] = 8;
      writeFileSync(join(t.dir, 'big.bin'), big);
      assert.deepEqual((await verifyManifest(t.dir, m)).changed, ['big.bin']);
    } finally {
      t.cleanup();
    }
  });

  it('a single file is an artifact of one entry named by its base name', async () => {
    const t = tempDir();
    try {
      writeTree(t.dir, { 'data.csv': 'x\n' });
      const m = await createManifest(join(t.dir, 'data.csv'));
      assert.equal(m.artifact.kind, 'file');
      assert.deepEqual(m.files.map((f) => f.path), ['data.csv']);
      assert.ok((await verifyManifest(join(t.dir, 'data.csv'), m)).ok);
    } finally {
      t.cleanup();
    }
  });

  it('ignored paths are left out and recorded', async () => {
    const t = tempDir();
    try {
      writeTree(t.dir, { ...TREE, 'tmp/x': 'x', 'manifest.json': '{}' });
      const m = await createManifest(t.dir, { ignore: ['tmp', 'manifest.json'] });
      assert.deepEqual(m.ignore, ['manifest.json', 'tmp']);
      assert.ok(!m.files.some((f) => f.path.startsWith('tmp') || f.path === 'manifest.json'));
      writeTree(t.dir, { 'tmp/y': 'changes here do not count' });
      assert.ok((await verifyManifest(t.dir, m)).ok);
    } finally {
      t.cleanup();
    }
  });

  it('symbolic links are refused, not followed', async () => {
    const t = tempDir();
    try {
      writeTree(t.dir, TREE);
      symlinkSync('/etc/hostname', join(t.dir, 'link'));
      await rejectsWith(createManifest(t.dir), 'ERR_INPUT_INVALID', 'symlink in the tree');
      await rejectsWith(createManifest(join(t.dir, 'link')), 'ERR_INPUT_INVALID', 'symlink as the artifact');
    } finally {
      t.cleanup();
    }
  });

  it('a missing path is ERR_IO', async () => {
    await rejectsWith(createManifest('/nonexistent/cordon/path'), 'ERR_IO', 'missing');
  });

  it('the parser refuses an edited manifest and malformed fields', async () => {
    const t = tempDir();
    try {
      writeTree(t.dir, TREE);
      const m = JSON.parse(serializeManifest(await createManifest(t.dir)));
      const edited = structuredClone(m);
      edited.files[0].sha256 = '0'.repeat(64);
      throwsWith(() => parseManifest(edited), 'ERR_MANIFEST_MISMATCH', 'digest edited without the version');
      const dropped = structuredClone(m);
      dropped.files.pop();
      throwsWith(() => parseManifest(dropped), 'ERR_MANIFEST_MISMATCH', 'entry dropped');
      throwsWith(() => parseManifest({ ...m, format: 'other/v9' }), 'ERR_FORMAT_UNSUPPORTED', 'format');
      for (const path of ['/abs', '../up', 'a//b', './a', '']) {
        const bad = structuredClone(m);
        bad.files[0].path = path;
        throwsWith(() => parseManifest(bad), 'ERR_INPUT_INVALID', `path ${JSON.stringify(path)}`);
      }
      const dup = structuredClone(m);
      dup.files[1].path = dup.files[0].path;
      throwsWith(() => parseManifest(dup), 'ERR_INPUT_INVALID', 'duplicate path');
      throwsWith(() => parseManifest({ ...m, hash: { ...m.hash, merkle: { tree: 'rfc9162-sha256', chunkSize: 3 } } }), 'ERR_INPUT_INVALID', 'chunk size');
    } finally {
      t.cleanup();
    }
  });

  it('paths sort part by part in code point order', () => {
    const sorted = ['a-b', 'a/b', 'a/b/c', 'a/bc', 'Z', 'é', '😀', 'ｚ'].sort(comparePaths);
    assert.deepEqual(sorted, ['Z', 'a/b', 'a/b/c', 'a/bc', 'a-b', 'é', 'ｚ', '😀']);
  });
});
