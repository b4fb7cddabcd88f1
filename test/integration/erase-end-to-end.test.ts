// Issue 18, "Tests and docs": the end-to-end erasure run, on a local (SQLite) workspace and on a
// PostgreSQL one. A generated customer dataset is protected twice (CSV and JSONL), customer notes
// are ingested into a RAG index, values are tokenized through `cordon serve`; then one subject is
// erased. Every file under the sandbox (outputs, manifests, workspace databases and WAL files, RAG
// store files, audit log, receipt) and every PostgreSQL table is searched for the subject's
// original values and tokens (text and the vault's raw token bytes): present before (so the search
// can fail), absent after. The receipt verifies, the audit log verifies, a copy of an output taken
// before the erasure no longer reveals the subject's crypto-shredded column, and a replay
// (protect the original input again, re-ingest the notes) does not bring the subject back.
// Only the original inputs and that copy (files Cordon does not own, listed in the receipt as
// unreachable) keep the values.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cliSandbox, type CliSandbox } from '../helpers/cli.js';
import { post, startServe, type Served } from '../helpers/serve.js';
import { PG_SKIP, ScratchSchemas, pgQuery } from '../helpers/pg-schemas.js';
import { LanceChunkStore } from '../../src/rag/lancedb-store.js';
import { hashedVector } from '../../src/rag/embed-hashed.js';
import type { ChunkPredicate } from '../../src/rag/types.js';

const ALL: ChunkPredicate = { anyOf: [{ tenant: { kind: 'any-tenant' }, classifications: ['public', 'internal', 'confidential', 'restricted'], purpose: { kind: 'any' } }] };

const CONTRACT = `apiVersion: v3.1.0
kind: DataContract
id: crm
version: 1.0.0
status: active
tenant: acme
schema:
  - name: customers
    properties:
      - { name: id, logicalType: string, primaryKey: true, classification: internal, customProperties: [{ property: cordonProtect, value: { operator: keep } }] }
      - { name: name, logicalType: string, classification: confidential, customProperties: [{ property: cordonEntity, value: PERSON }, { property: cordonProtect, value: { operator: tokenize } }, { property: cordonPurposes, value: [support] }] }
      - { name: email, logicalType: string, classification: confidential, customProperties: [{ property: cordonEntity, value: EMAIL_ADDRESS }, { property: cordonProtect, value: { operator: tokenize } }, { property: cordonPurposes, value: [support] }] }
      - { name: passport, logicalType: string, classification: confidential, customProperties: [{ property: cordonProtect, value: { operator: encrypt, keyScope: subject } }, { property: cordonPurposes, value: [support] }] }
      - { name: plan, logicalType: string, classification: internal, customProperties: [{ property: cordonProtect, value: { operator: keep } }] }
`;
const POLICY = `@id("e2e.tokenize")
permit (principal, action == Cordon::Action::"tokenize", resource);
@id("e2e.reveal")
permit (principal == Cordon::User::"test-user", action == Cordon::Action::"reveal", resource is Cordon::Column)
when { context has purpose && context.purpose == "support" };
`;
const SERVER = ['listen: { host: 127.0.0.1, port: 0 }', 'tls:', '  cert: certs/server.crt', '  key: { file: certs/server.key }', '  ca: certs/ca.crt', '  mtls: required', 'policy: { dir: policies }', ''].join('\n');

interface Customer { id: string; name: string; email: string; passport: string; plan: string }

/** 40 customers with values no other customer shares (so a search for one finds only its own). */
function generate(seed: number): Customer[] {
  let state = seed;
  const rnd = (): number => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const syll = ['ka', 'lo', 'mi', 'ru', 'te', 'zo', 'vi', 'na', 'qu', 'be', 'do', 'fy'];
  const word = (n: number) => Array.from({ length: n }, () => syll[Math.floor(rnd() * syll.length)]).join('');
  const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
  return Array.from({ length: 40 }, (_, i) => {
    const first = cap(word(2)), last = cap(word(3)) + 'x' + String(i).padStart(2, '0');
    return {
      id: `cust-${String(1000 + i)}`, name: `${first} ${last}`, email: `${first.toLowerCase()}.${last.toLowerCase()}@example.org`,
      passport: `P${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}Q${i}`, plan: ['basic', 'plus', 'pro'][i % 3]!,
    };
  });
}

const walk = (d: string): string[] => readdirSync(d).flatMap((n) => { const p = join(d, n); return statSync(p).isDirectory() ? walk(p) : [p]; });
const csvLine = (c: Customer) => [c.id, c.name, c.email, c.passport, c.plan].join(',');
const v2Bytes = (token: string): Buffer | undefined => (/^tok_v2_[A-Za-z0-9_-]{22}$/.test(token) ? Buffer.from(token.slice(7), 'base64url') : undefined);

function endToEnd(kind: 'sqlite' | 'postgres'): void {
  const schemas = new ScratchSchemas('cordon_e2e');
  let sb: CliSandbox;
  let pgUrl: string | undefined;
  let pgSchema: string | undefined;
  let served: Served | undefined;
  const customers = generate(kind === 'sqlite' ? 18 : 1818);
  const target = customers[7]!;
  const other = customers[8]!;
  // Files Cordon does not own: the original inputs and a copy taken outside Cordon. They are the
  // receipt's unreachable items, and the only places the values may stay.
  const NOT_OWNED = new Set(['in.csv', 'notes.jsonl', 'handbook.md', join('backup', 'out1.csv')]);

  /** Where each needle is found: every file under the sandbox but the ones Cordon does not own, and every table of the PostgreSQL schema. */
  async function holders(needles: ReadonlyArray<{ label: string; bytes: Buffer }>): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>(needles.map((n) => [n.label, []]));
    for (const f of walk(sb.dir)) {
      const rel = relative(sb.dir, f);
      if (NOT_OWNED.has(rel)) continue;
      const b = readFileSync(f);
      for (const n of needles) if (b.includes(n.bytes)) found.get(n.label)!.push(rel);
    }
    if (pgUrl !== undefined) {
      const tables = await pgQuery<{ table_name: string }>(pgUrl, 'SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [pgSchema]);
      assert.ok(tables.rows.length >= 5, 'the workspace lives in the schema');
      for (const { table_name } of tables.rows) {
        const rows = await pgQuery<{ r: string }>(pgUrl, `SELECT t::text AS r FROM "${pgSchema}"."${table_name}" t`);
        const text = rows.rows.map((x) => x.r).join('\n');
        for (const n of needles) {
          // Text columns hold the value as is; bytea columns print as \x<hex>.
          if (text.includes(n.bytes.toString('utf8')) || text.includes(n.bytes.toString('hex'))) found.get(n.label)!.push(`pg:${table_name}`);
        }
      }
    }
    return found;
  }

  before(async () => {
    sb = cliSandbox();
    if (kind === 'postgres') {
      ({ url: pgUrl, schema: pgSchema } = await schemas.create());
      sb.env['CORDON_STORE'] = pgUrl;
    }
    const init = sb.run(['init']);
    assert.equal(init.status, 0, init.stderr);
    assert.equal(sb.run(['certs', 'init', '--dir', 'certs']).status, 0);
    writeFileSync(sb.path('c.yaml'), CONTRACT);
    mkdirSync(sb.path('policies'), { recursive: true });
    writeFileSync(sb.path('policies', 'e2e.cedar'), POLICY);
    mkdirSync(sb.path('ws', 'policies'), { recursive: true });
    writeFileSync(sb.path('ws', 'policies', 'e2e.cedar'), POLICY);
    // The target has two rows (a changed plan).
    const rows = [...customers.map(csvLine), csvLine({ ...target, plan: 'enterprise' })];
    writeFileSync(sb.path('in.csv'), 'id,name,email,passport,plan\n' + rows.join('\n') + '\n');
    const notes = customers.flatMap((c, i) => [
      { subject: c.id, text: `Call with ${c.name} (${c.email}) about the ${c.plan} plan, ref ${c.id}.` },
      ...(i % 5 === 2 ? [{ subject: c.id, text: `Follow-up for ${c.id}: passport ${c.passport} checked.` }] : []),
    ]);
    notes.push({ subject: [target.id, other.id] as unknown as string, text: `Joint account ${target.id} / ${other.id} reviewed.` });
    writeFileSync(sb.path('notes.jsonl'), notes.map((n) => JSON.stringify(n)).join('\n') + '\n');
    writeFileSync(sb.path('handbook.md'), 'Refunds are paid within five days.\n\nEscalations go to the duty manager.\n');
  });
  after(async () => {
    if (served !== undefined && served.child.exitCode === null) served.child.kill('SIGKILL');
    sb?.cleanup();
    await schemas.dropAll();
  });

  it('protect twice, ingest notes, tokenize via the server; erase one subject: every tier clean, receipt verifies, a replay keeps it out', async () => {
    // 1. Two protected outputs, the notes in a RAG index.
    for (const out of ['out1.csv', 'out2.jsonl']) {
      const r = sb.run(['protect', 'in.csv', '-c', 'c.yaml', '-o', out]);
      assert.equal(r.status, 0, r.stderr);
    }
    const ing = sb.run(['rag', 'ingest', 'notes.jsonl', 'handbook.md', '--index', 'support', '-c', 'c.yaml', '--json']);
    assert.equal(ing.status, 0, ing.stderr);
    const ingested = JSON.parse(ing.stdout);
    const targetRecords = 1 + (7 % 5 === 2 ? 1 : 0) + 1;
    assert.equal(ingested.subjects.erased, 0);
    assert.ok(ingested.subjects.chunks >= customers.length + 1, JSON.stringify(ingested.subjects));

    // 2. The service tokenizes the target's and another customer's values (an application's calls).
    served = await startServe(sb, SERVER);
    const tok = await post(served.port, sb, '/v1/tokenize', { namespace: 'customers.email', values: [target.email, other.email] });
    assert.equal(tok.status, 200, tok.body);
    const [serverTargetToken, serverOtherToken] = JSON.parse(tok.body).tokens as string[];
    const tokName = await post(served.port, sb, '/v1/tokenize', { namespace: 'customers.name', values: [target.name] });
    assert.equal(tokName.status, 200, tokName.body);
    const serverNameToken = (JSON.parse(tokName.body).tokens as string[])[0]!;
    served.child.kill('SIGTERM');
    await new Promise((r) => served!.child.once('exit', r));

    // The target's tokens and ciphertexts as protect wrote them.
    const out1 = readFileSync(sb.path('out1.csv'), 'utf8').trim().split('\n');
    const targetRows = out1.filter((l) => l.startsWith(`${target.id},`)).map((l) => l.split(','));
    assert.equal(targetRows.length, 2);
    const [nameToken, emailToken, passportSealed] = [targetRows[0]![1]!, targetRows[0]![2]!, targetRows[0]![3]!];
    assert.equal(serverTargetToken, emailToken, 'the service and protect give the same token for a value in a namespace (convergent)');
    assert.equal(serverNameToken, nameToken);
    const otherEmailToken = out1.find((l) => l.startsWith(`${other.id},`))!.split(',')[2]!;
    assert.equal(serverOtherToken, otherEmailToken);

    // A copy outside Cordon, taken before the erasure (a backup): the erasure cannot rewrite it.
    mkdirSync(sb.path('backup'));
    copyFileSync(sb.path('out1.csv'), sb.path('backup', 'out1.csv'));
    const revealBefore = sb.run(['reveal', passportSealed, '-c', 'c.yaml', '--column', 'passport', '--purpose', 'support', '--json'], { env: { CORDON_TENANT: 'acme' } });
    assert.equal(revealBefore.status, 0, revealBefore.stderr);
    assert.deepEqual(JSON.parse(revealBefore.stdout).values, [target.passport]);

    const needles = [
      ...(['id', 'name', 'email', 'passport'] as const).map((k) => ({ label: `${k} value`, bytes: Buffer.from(target[k]) })),
      ...[['name token', nameToken], ['email token', emailToken], ['passport ciphertext', passportSealed]].map(([label, t]) => ({ label: label!, bytes: Buffer.from(t!) })),
      ...[['name token bytes', nameToken], ['email token bytes', emailToken]].flatMap(([label, t]) => { const b = v2Bytes(t!); return b === undefined ? [] : [{ label: label!, bytes: b }]; }),
    ];
    // Before: the search finds the subject in each tier (else it could not fail after).
    const pre = await holders(needles);
    const anyIn = (label: string, where: RegExp) => pre.get(label)!.some((p) => where.test(p));
    assert.ok(anyIn('id value', /^out1\.csv$/) && anyIn('id value', /^out2\.jsonl$/), 'outputs hold the id');
    assert.ok(anyIn('id value', /^ws\/rag\//), `the RAG store holds the notes' text: ${JSON.stringify(pre.get('id value'))}`);
    assert.ok(anyIn('email token', /^out1\.csv$/));
    const vaultHolds = (label: string) => pre.get(label)!.some((p) => /^ws\/vault\.db/.test(p) || /^pg:.*vault/.test(p));
    assert.ok(vaultHolds('email token bytes') || vaultHolds('email token'), `the vault holds the email token: ${JSON.stringify([...pre])}`);
    assert.equal(anyIn('email value', /^ws\/rag\//), false, 'the notes were redacted before storing');

    // 3. Erase.
    const e = sb.run(['erase', '--subject', '-', '--reason', 'GDPR Art. 17 request #4711', '--receipt', 'r.json', '--vacuum', '--json'], { input: target.id });
    assert.equal(e.status, 0, e.stderr);
    const stmt = JSON.parse(e.stdout);
    assert.deepEqual([stmt.tiers.outputs.files, stmt.tiers.outputs.rowsRemoved], [2, 4]);
    assert.equal(stmt.tiers.vault.tokensDeleted, 2, 'the name and the email token');
    assert.equal(stmt.tiers.vault.vacuumed, true);
    assert.equal(stmt.tiers.subjectKeys.keysDestroyed, 1);
    assert.equal(stmt.tiers.rag.action, 'deleted');
    assert.deepEqual(stmt.tiers.rag.indexes, [{ index: 'support', chunksDeleted: targetRecords }]);
    assert.ok(stmt.unreachable.some((u: { tier: string; path?: string }) => u.tier === 'inputs' && u.path === sb.path('in.csv')));
    assert.ok(stmt.unreachable.some((u: { tier: string }) => u.tier === 'backups'));
    assert.ok(stmt.unreachable.some((u: { tier: string; path?: string }) => u.tier === 'rag' && u.path === 'support'), 'the handbook names no subject');

    // Every tier is clean: no file Cordon owns and no table holds the subject's values or tokens.
    const post1 = await holders([...needles, { label: 'other customer id', bytes: Buffer.from(other.id) }]);
    for (const n of needles) assert.deepEqual(post1.get(n.label), [], `${n.label} is still in ${post1.get(n.label)!.join(', ')}`);
    assert.ok(post1.get('other customer id')!.length > 0, 'other subjects are untouched');
    // The vault: the target's tokens resolve no more; the other customer's still do.
    const detok = async (ns: string, tokens: string[]) => {
      const { openWorkspace } = await import('../../src/workspace/workspace.js');
      const ws = await openWorkspace({ env: sb.env, cwd: sb.dir });
      try {
        const v = await ws.openVault();
        try { return await v.detokenize(ns, tokens); } finally { await v.close(); }
      } finally { await ws.close(); }
    };
    assert.deepEqual(await detok('customers.email', [emailToken, otherEmailToken]), [undefined, other.email]);
    assert.deepEqual(await detok('customers.name', [nameToken]), [undefined]);
    // RAG: no chunk of the target is retrievable; the other subject's joint-note chunk went with it, its own stay.
    const store = await LanceChunkStore.open(sb.path('ws', 'rag'));
    try {
      const hits = await store.search('support', hashedVector(`ref ${target.id} ${other.id}`, 512), ALL, 100);
      assert.ok(hits.length > 0);
      assert.equal(hits.some((h) => h.chunk.text.includes(target.id)), false);
      assert.ok(hits.some((h) => h.chunk.text.includes(`ref ${other.id}`)));
    } finally {
      await store.close();
    }
    // Crypto-shredding: the copy outside Cordon still holds the ciphertext, which no longer opens.
    const revealAfter = sb.run(['reveal', passportSealed, '-c', 'c.yaml', '--column', 'passport', '--purpose', 'support', '--json'], { env: { CORDON_TENANT: 'acme' } });
    assert.notEqual(revealAfter.status, 0);
    assert.match(revealAfter.stderr, /ERR_SUBJECT_ERASED/);
    assert.equal(revealAfter.stdout.includes(target.passport), false);

    // 4. The receipt verifies offline; the audit log still verifies and holds an erase event.
    const v = sb.run(['receipt', 'verify', 'r.json']);
    assert.equal(v.status, 0, v.stderr);
    const a = sb.run(['audit', 'verify']);
    assert.equal(a.status, 0, a.stderr);

    // 5. Replay: the original input protected again (over the first output and into a new one), the notes ingested again.
    for (const args of [['-o', 'out1.csv', '--force'], ['-o', 'out3.csv']]) {
      const r = sb.run(['protect', 'in.csv', '-c', 'c.yaml', ...args]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /2 row\(s\) of erased subjects dropped/);
    }
    const again = sb.run(['rag', 'ingest', 'notes.jsonl', 'handbook.md', '--index', 'support', '-c', 'c.yaml', '--json']);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(JSON.parse(again.stdout).subjects.erased, targetRecords, 'the target\'s records (the joint one too) were not ingested');
    const post2 = await holders(needles.filter((n) => !/token|ciphertext/.test(n.label)));
    for (const [label, where] of post2) assert.deepEqual(where, [], `after the replay, ${label} is in ${where.join(', ')}`);
    assert.equal(readFileSync(sb.path('out3.csv'), 'utf8').split('\n').length - 2, customers.length - 1);
  });
}

describe('erasure end to end: local workspace (SQLite)', () => endToEnd('sqlite'));
describe('erasure end to end: PostgreSQL workspace', PG_SKIP, () => endToEnd('postgres'));
