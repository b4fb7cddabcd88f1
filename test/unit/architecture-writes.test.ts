// Every file Cordon creates goes through src/io/atomic-file.ts (issue 12, item 4): no other module
// may create, rename, link, copy or truncate a file, or open one for writing, with node:fs itself.
// Writing to a descriptor the helper opened (FdSink's writev, writeSync) is allowed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { repoPath } from '../helpers/paths.js';

const SRC = repoPath('src');

/** The helper, and the files allowed their own writes, each with the reason. */
const ALLOWED: Record<string, string> = {
  'io/atomic-file.ts': 'the helper itself',
  // An append-only log reopened by every process: O_APPEND at a fixed path, not a new file.
  'audit/jsonl-sink.ts': 'append-only audit log (O_APPEND, mode 0600)',
  // A lock is the O_EXCL create itself: a temporary name renamed into place would not exclude anyone.
  'rag/index-lock.ts': 'an ingest lock file created with O_EXCL (wx, mode 0600), holding only a pid and a token',
};

/** fs functions that create or replace a file by path. */
const BY_PATH = ['writeFileSync', 'writeFile', 'appendFileSync', 'appendFile', 'createWriteStream', 'renameSync', 'rename',
  'copyFileSync', 'copyFile', 'cpSync', 'cp', 'linkSync', 'link', 'symlinkSync', 'symlink', 'truncateSync', 'truncate'];
const BY_PATH_RE = new RegExp(`\\b(?:fs\\.|fsp\\.|promises\\.)?(${BY_PATH.join('|')})\\s*\\(`, 'g');
const FS_IMPORT_RE = /import\s*\{([^}]*)\}\s*from\s*['"]node:fs(?:\/promises)?['"]/g;
/** An open call whose flags write: 'w', 'a', 'r+', 'wx'… or O_WRONLY / O_RDWR / O_CREAT / O_APPEND / O_TRUNC. */
const OPEN_FOR_WRITE_RE = /\b(?:openSync|fsp\.open|fs\.open)\s*\(([^;]*?)\)\s*[;,)]/g;
const WRITE_FLAG_RE = /['"](?:w|wx|w\+|wx\+|a|ax|a\+|ax\+|as|as\+|r\+|rs\+)['"]|O_WRONLY|O_RDWR|O_CREAT|O_APPEND|O_TRUNC/;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Names imported from node:fs or node:fs/promises, as exported (`renameSync as mv` gives renameSync). */
function fsImports(source: string): Set<string> {
  const names = new Set<string>();
  for (const m of source.matchAll(FS_IMPORT_RE)) {
    for (const part of m[1]!.split(',')) {
      const n = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]!;
      if (n) names.add(n);
    }
  }
  return names;
}

/** Problems in one file's source: importing a by-path writer, calling one on a namespace, or opening for writing. */
export function writesIn(source: string): string[] {
  const code = source.replace(/^\s*(\/\/|\*).*$/gm, '');
  const problems = [...fsImports(code)].filter((n) => BY_PATH.includes(n)).map((n) => `imports ${n}`);
  for (const m of code.matchAll(BY_PATH_RE)) if (/^(fs|fsp|promises)\./.test(m[0])) problems.push(`calls ${m[0].replace(/\s*\($/, '')}`);
  for (const m of code.matchAll(OPEN_FOR_WRITE_RE)) if (WRITE_FLAG_RE.test(m[1]!)) problems.push(`opens for writing: ${m[0].slice(0, 60)}`);
  return problems;
}

describe('architecture: every file is written through io/atomic-file.ts', () => {
  it('the checker catches direct writes (self-test)', () => {
    assert.deepEqual(writesIn("import { writeFileSync } from 'node:fs';\nwriteFileSync(p, t);"), ['imports writeFileSync']);
    assert.deepEqual(writesIn("import { readFileSync, renameSync as mv } from 'node:fs';\nmv(a, b);"), ['imports renameSync']);
    assert.equal(writesIn("import { openSync, constants } from 'node:fs';\nconst fd = openSync(p, constants.O_WRONLY | constants.O_CREAT);").length, 1);
    assert.equal(writesIn("import { openSync } from 'node:fs';\nconst fd = openSync(p, 'wx', 0o600);").length, 1);
    assert.deepEqual(writesIn("import { openSync } from 'node:fs';\nconst fd = openSync(p, 'r');"), []);
    assert.deepEqual(writesIn("import * as fs from 'node:fs';\nfs.createWriteStream(p);"), ['calls fs.createWriteStream']);
    assert.deepEqual(writesIn('// writeFileSync(p) in a comment\nconst x = 1;'), []);
  });

  for (const file of walk(SRC)) {
    const rel = relative(SRC, file).split(sep).join('/');
    if (ALLOWED[rel] !== undefined) continue;
    it(rel, () => {
      assert.deepEqual(writesIn(readFileSync(file, 'utf8')), [], `${rel} writes a file itself; use io/atomic-file.ts or io/write-file-atomic.ts`);
    });
  }
});
