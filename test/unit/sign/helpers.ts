// Shared helpers for the sign tests: temp directories, the reference fixtures, error-code checks.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CordonError, type ErrorCode } from '../../../src/errors.js';
import { repoPath } from '../../helpers/paths.js';

export const FIXTURES = repoPath('test/fixtures/model-signing');
export const REFERENCE_KEY = join(FIXTURES, 'signing-key-pub.pem');
export const REFERENCE_DIRS = ['v1.0.1-elliptic-key', 'v1.1.0-elliptic-key'] as const;

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-sign-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes `files` (relative path → contents) under `root`. */
export function writeTree(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), c);
  }
}

/** A writable copy of a reference example folder. */
export function copyReference(name: string, into: string): string {
  const to = join(into, name);
  cpSync(join(FIXTURES, name), to, { recursive: true });
  return to;
}

export async function rejectsWith(p: Promise<unknown>, code: ErrorCode, what: string): Promise<CordonError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof CordonError, `${what}: expected CordonError ${code}, got ${String(e)}`);
    assert.equal(e.code, code, `${what}: expected ${code}, got ${e.code} (${e.message})`);
    return e;
  }
  assert.fail(`${what}: expected ${code}, but it succeeded`);
}

export function throwsWith(fn: () => unknown, code: ErrorCode, what: string): CordonError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof CordonError, `${what}: expected CordonError ${code}, got ${String(e)}`);
    assert.equal(e.code, code, `${what}: expected ${code}, got ${e.code} (${e.message})`);
    return e;
  }
  assert.fail(`${what}: expected ${code}, but nothing was thrown`);
}
