// Shared plumbing for the vector tests: load a vector file from test/vectors/, decode hex, check an
// error code, and count outcomes so a test cannot pass by skipping cases. Not a test file itself.
//
// Counting rule: every case of a file ends in exactly one bucket and the buckets must add up to the
// file's numberOfTests (and to the number of cases actually present), checked by Tally.assertComplete.
//   valid     a "valid" case that succeeded and matched the expected output
//   invalid   an "invalid" case that was rejected the way the test expected (the code is recorded)
//   acceptable an "acceptable" case, accepted or rejected (policy; a wrong output still fails)
//   refused   a case Wycheproof calls valid that Cordon deliberately refuses, with the reason and code
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { TestContext } from 'node:test';
import { CordonError, type ErrorCode } from '../../src/errors.js';

/**
 * Reads a JSON file under test/vectors/. Compiled tests run from dist/test/vectors/, so the path is
 * resolved from there back to the repository root; the JSON is never copied into dist/.
 */
export function loadVectors<T>(relPath: string): T {
  return JSON.parse(readFileSync(new URL(`../../../test/vectors/${relPath}`, import.meta.url), 'utf8')) as T;
}

export function hex(s: string): Uint8Array {
  assert.ok(/^(?:[0-9a-fA-F]{2})*$/.test(s), `not a hex string: ${s.slice(0, 40)}`);
  return new Uint8Array(Buffer.from(s, 'hex'));
}

export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

/** The common shape of a Wycheproof (schema v1) file. */
export interface WycheproofFile<G> {
  readonly algorithm: string;
  readonly numberOfTests: number;
  readonly testGroups: readonly G[];
}

export type WycheproofResult = 'valid' | 'invalid' | 'acceptable';

export interface WycheproofCase {
  readonly tcId: number;
  readonly comment: string;
  readonly flags?: readonly string[];
  readonly result: WycheproofResult;
}

/** "aes_gcm_test.json tcId 12 (Flipped bit 0 in tag) [ModifiedTag]": names a case in every message. */
export function label(file: string, t: WycheproofCase): string {
  const flags = t.flags !== undefined && t.flags.length > 0 ? ` [${t.flags.join(',')}]` : '';
  return `${file} tcId ${t.tcId}${t.comment ? ` (${t.comment})` : ''}${flags}`;
}

/** Runs `fn` and asserts it throws a CordonError with `code`; returns the error. */
export function expectCode(fn: () => unknown, code: ErrorCode, message: string): CordonError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof CordonError, `${message}: expected CordonError ${code}, got ${String(e)}`);
    assert.equal(e.code, code, `${message}: expected ${code}, got ${e.code}`);
    return e;
  }
  assert.fail(`${message}: expected ${code}, but nothing was thrown`);
}

/**
 * An "acceptable" case: `fn` either succeeds (and its own assertions must hold) or is rejected with
 * a CordonError. An assertion failure inside `fn` (wrong output) is never acceptable.
 */
export function runAcceptable(fn: () => void, tally: Tally, t: WycheproofCase): void {
  try {
    fn();
    tally.acceptable(t, 'accepted');
  } catch (e) {
    if (!(e instanceof CordonError)) throw e;
    tally.acceptable(t, `rejected ${e.code}`);
  }
}

/** Counts what happened to every case of one vector file. */
export class Tally {
  readonly #file: string;
  readonly #expected: number;
  readonly #seen = new Set<number>();
  readonly #buckets = new Map<string, number[]>();
  validPassed = 0;
  invalidRejected = 0;
  acceptableRun = 0;
  refused = 0;

  /** `expected` is the file's declared total; `present` the number of cases actually in the file. */
  constructor(file: string, expected: number, present: number) {
    this.#file = file;
    this.#expected = expected;
    assert.equal(present, expected, `${file}: numberOfTests ${expected} but ${present} cases present`);
  }

  #add(t: { tcId: number }, bucket: string): void {
    assert.ok(!this.#seen.has(t.tcId), `${this.#file}: tcId ${t.tcId} counted twice`);
    this.#seen.add(t.tcId);
    const ids = this.#buckets.get(bucket) ?? [];
    ids.push(t.tcId);
    this.#buckets.set(bucket, ids);
  }

  valid(t: { tcId: number }): void {
    this.validPassed++;
    this.#add(t, 'valid: passed');
  }

  /** An invalid case rejected; `how` names the mechanism, e.g. "ERR_DECRYPTION_FAILED" or "verify → false". */
  invalid(t: { tcId: number }, how: string): void {
    this.invalidRejected++;
    this.#add(t, `invalid: rejected (${how})`);
  }

  acceptable(t: { tcId: number }, how: string): void {
    this.acceptableRun++;
    this.#add(t, `acceptable: ${how}`);
  }

  /** A valid case refused by Cordon's policy, with its code and reason. */
  refuse(t: { tcId: number }, code: ErrorCode, reason: string): void {
    this.refused++;
    this.#add(t, `valid but refused (${code}): ${reason}`);
  }

  get total(): number {
    return this.#seen.size;
  }

  /** tcIds in one bucket (as named in the report). */
  ids(bucket: string): readonly number[] {
    return this.#buckets.get(bucket) ?? [];
  }

  /** Asserts every case was counted once, and reports the buckets as test diagnostics. */
  assertComplete(t: TestContext): void {
    t.diagnostic(
      `${this.#file}: ${this.total}/${this.#expected} cases run — valid passed ${this.validPassed}, ` +
        `invalid rejected ${this.invalidRejected}, acceptable ${this.acceptableRun}, refused ${this.refused}`,
    );
    for (const [bucket, ids] of [...this.#buckets].sort(([a], [b]) => a.localeCompare(b))) {
      t.diagnostic(`  ${bucket}: ${ids.length}${ids.length <= 40 && !bucket.startsWith('valid: passed') ? ` [tcId ${ids.join(', ')}]` : ''}`);
    }
    assert.equal(this.total, this.#expected, `${this.#file}: ran ${this.total} of ${this.#expected} cases`);
    assert.equal(this.validPassed + this.invalidRejected + this.acceptableRun + this.refused, this.#expected);
  }
}

/** Number of cases across the groups of a Wycheproof file. */
export function countCases(groups: readonly { tests: readonly unknown[] }[]): number {
  return groups.reduce((n, g) => n + g.tests.length, 0);
}
