// The PostgreSQL stores' advisory lock keys: pairwise distinct within each key space, and every
// store takes its key from postgres/lock-keys.ts (a literal key in a store could collide again, as
// the API key store's and the conversation vault's once did).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PAIR_LOCKS, SCHEMA_LOCKS, auditLockKey } from '../../../src/postgres/lock-keys.js';

const root = new URL('../../../../', import.meta.url).pathname;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

describe('advisory lock keys', () => {
  it('the one-bigint keys are pairwise distinct', () => {
    const values = Object.values(SCHEMA_LOCKS);
    assert.equal(new Set(values).size, values.length, JSON.stringify(SCHEMA_LOCKS));
  });

  it('the two-int4 keys are pairwise distinct, also from the audit log keys of common prefixes', () => {
    const pairs = [...Object.values(PAIR_LOCKS), ...['cordon_audit', 'tenant_a', 'x'].map(auditLockKey)].map((p) => p.join(','));
    assert.equal(new Set(pairs).size, pairs.length, pairs.join(' '));
    for (const [a, b] of Object.values(PAIR_LOCKS)) {
      assert.ok(Number.isInteger(a) && Number.isInteger(b) && a >= -(2 ** 31) && b < 2 ** 31, 'int4 halves');
    }
  });

  it('the audit key depends on the prefix and is stable', () => {
    assert.deepEqual(auditLockKey('cordon_audit'), auditLockKey('cordon_audit'));
    assert.notDeepEqual(auditLockKey('a'), auditLockKey('b'));
  });

  it('no store under src/ passes a literal key to openPgStore', () => {
    const offenders: string[] = [];
    for (const f of sources(join(root, 'src'))) {
      if (f.endsWith('lock-keys.ts')) continue;
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/\block:\s*(?:\d|\[)/g)) offenders.push(`${relative(root, f)}: ${text.slice(m.index, m.index + 30)}`);
    }
    assert.deepEqual(offenders, []);
  });
});
