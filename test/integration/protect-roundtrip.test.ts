// `cordon protect` round trips on CSV, JSONL and Parquet (and across formats): every reversible
// operator (deterministic, fpe, encrypt, tokenize) reveals back to exactly the originals; protected
// columns join across datasets where the plaintexts matched; --encrypt output decrypts to the same
// protected data; rows with undeclared personal data go to the quarantine file; and a run that fails
// part-way leaves no output, no temporary file and no quarantine file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { cliSandbox, type CliSandbox } from '../helpers/cli.js';
import { readRecords, type DatasetFormat } from '../../src/io/dataset.js';
import type { DatasetRecord } from '../../src/io/record.js';
import { parseContract } from '../../src/contracts/parse-contract.js';
import { revealValues } from '../../src/pipeline/reveal.js';
import { openWorkspace } from '../../src/workspace/workspace.js';
import { TokenVault } from '../../src/vault/vault.js';
import { SqliteVaultStore } from '../../src/vault/store/sqlite.js';
import type { RunManifest } from '../../src/pipeline/protect-file.js';
import { revealGrants } from '../helpers/reveal-policy.js';

const COLUMNS = ['customer_id', 'full_name', 'email', 'card', 'dob', 'note'] as const;
const NAMES = ['Maria Gonzalez', 'James Smith', 'Wei Chen', 'Aisha Khan', 'Olu Adeyemi'];
const CARDS = ['4111111111111111', '5500000000000004', '4012888888881881', '5105105105105100'];

/** `n` customers; names, e-mails and cards repeat so joins have something to find. */
function customers(n: number, offset = 0): DatasetRecord[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + offset;
    const name = NAMES[i % NAMES.length]!;
    return {
      customer_id: String(1000 + i),
      full_name: name,
      email: `${name.toLowerCase().replace(' ', '.')}${i % 3}@example.com`,
      card: CARDS[i % CARDS.length]!,
      dob: `19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 9}`,
      note: `order batch ${i % 7}`,
    };
  });
}

interface ColumnSpec { name: string; classification: string; operator: string; params?: Record<string, unknown>; entity?: string }

const CUSTOMER_SPEC: ColumnSpec[] = [
  { name: 'customer_id', classification: 'internal', operator: 'keep' },
  { name: 'full_name', classification: 'confidential', operator: 'tokenize', entity: 'PERSON' },
  { name: 'email', classification: 'confidential', operator: 'deterministic', entity: 'EMAIL_ADDRESS' },
  { name: 'card', classification: 'restricted', operator: 'fpe', params: { keepLast: 4 }, entity: 'CREDIT_CARD' },
  { name: 'dob', classification: 'confidential', operator: 'encrypt' },
  { name: 'note', classification: 'internal', operator: 'keep' },
];

/** An ODCS v3.1.0 contract for one dataset; every column may be revealed for purpose `qa`. */
function contractYaml(dataset: string, columns: readonly ColumnSpec[]): string {
  const props = columns.map((c) => [
    `      - name: ${c.name}`,
    '        logicalType: string',
    `        classification: ${c.classification}`,
    '        customProperties:',
    ...(c.entity ? ['          - property: cordonEntity', `            value: ${c.entity}`] : []),
    '          - property: cordonProtect',
    '            value:',
    `              operator: ${c.operator}`,
    ...(c.params ? ['              params:', ...Object.entries(c.params).map(([k, v]) => `                ${k}: ${JSON.stringify(v)}`)] : []),
    '          - property: cordonPurposes',
    '            value: [qa]',
  ].join('\n'));
  return [
    'apiVersion: v3.1.0', 'kind: DataContract', `id: ${dataset}-contract`, `name: ${dataset}`, 'version: 1.0.0', 'status: active',
    'schema:', `  - name: ${dataset}`, '    logicalType: object', '    properties:', ...props, '',
  ].join('\n');
}

function writeDataset(path: string, format: DatasetFormat, records: readonly DatasetRecord[], columns: readonly string[] = COLUMNS): void {
  if (format === 'jsonl') writeFileSync(path, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  else if (format === 'parquet') {
    writeFileSync(path, new Uint8Array(parquetWriteBuffer({ columnData: columns.map((c) => ({ name: c, data: records.map((r) => r[c] ?? null), type: 'STRING' as const })) })));
  } else writeFileSync(path, [columns.join(','), ...records.map((r) => columns.map((c) => r[c] ?? '').join(','))].join('\n') + '\n');
}

async function readAll(path: string, format?: DatasetFormat): Promise<DatasetRecord[]> {
  const out: DatasetRecord[] = [];
  for await (const r of readRecords(path, format ? { format } : {})) out.push({ ...r });
  return out;
}

function sandbox(): CliSandbox {
  const s = cliSandbox();
  assert.equal(s.run(['init']).status, 0);
  return s;
}

function protect(s: CliSandbox, args: string[]): RunManifest {
  const r = s.run(['protect', ...args, '--json']);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as RunManifest;
}

/** Reveals every reversible column of `protectedRows` in-process and checks it against `originals`. */
async function assertReveals(s: CliSandbox, contractFile: string, protectedRows: readonly DatasetRecord[], originals: readonly DatasetRecord[]): Promise<void> {
  const contract = parseContract(readFileSync(s.path(contractFile), 'utf8'));
  const ws = await openWorkspace({ env: s.env, cwd: s.dir });
  try {
    const vault = await TokenVault.open(SqliteVaultStore.open(join(ws.home, 'vault.db')), ws.keyring);
    try {
      for (const column of ['full_name', 'email', 'card', 'dob']) {
        const values = protectedRows.map((r) => r[column]!);
        for (let i = 0; i < values.length; i++) assert.notEqual(values[i], originals[i]![column], `${column} is protected`);
        const back = await revealValues({ contract, column, purpose: 'qa', principal: 'test-user', policy: revealGrants({ 'test-user': ['qa'] }), values, keyring: ws.keyring, vault });
        assert.deepEqual(back, originals.map((r) => r[column]), `${column} reveals to the originals`);
      }
    } finally {
      await vault.close();
    }
  } finally {
    await ws.close();
  }
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

describe('cordon protect: round trips', () => {
  const cases: Array<[DatasetFormat, DatasetFormat]> = [['csv', 'csv'], ['jsonl', 'jsonl'], ['parquet', 'parquet'], ['csv', 'parquet'], ['parquet', 'jsonl']];
  for (const [inFmt, outFmt] of cases) {
    it(`${inFmt} → ${outFmt}: every reversible operator reveals back to exactly the originals`, async () => {
      const s = sandbox();
      try {
        const rows = customers(60);
        writeDataset(s.path(`customers.${inFmt}`), inFmt, rows);
        writeFileSync(s.path('c.yaml'), contractYaml('customers', CUSTOMER_SPEC));
        const m = protect(s, [`customers.${inFmt}`, '-c', 'c.yaml', '-o', `out.${outFmt}`]);
        const out = await readAll(s.path(`out.${outFmt}`));
        assert.equal(out.length, rows.length);
        assert.deepEqual(out.map((r) => Object.keys(r)), rows.map(() => [...COLUMNS]), 'columns kept in contract order');
        assert.deepEqual(out.map((r) => r.customer_id), rows.map((r) => r.customer_id), 'keep');
        assert.deepEqual(out.map((r) => r.note), rows.map((r) => r.note), 'keep');
        await assertReveals(s, 'c.yaml', out, rows);

        assert.deepEqual(m.rows, { in: 60, out: 60, quarantined: 0 });
        assert.equal(m.input.format, inFmt);
        assert.equal(m.output.format, outFmt);
        assert.equal(m.output.encrypted, false);
        assert.equal(m.output.sha256, sha256(s.path(`out.${outFmt}`)));
        assert.equal(m.input.sha256, sha256(s.path(`customers.${inFmt}`)));
        assert.deepEqual(m.columns.map((c) => c.operator), CUSTOMER_SPEC.map((c) => c.operator));
        assert.deepEqual(m.keys.map((k) => k.name).sort(), ['deterministic', 'field', 'fpe']);
        assert.equal(statSync(s.path(`out.${outFmt}`)).mode & 0o777, 0o600);
        const manifestText = readFileSync(s.path(`out.${outFmt}.manifest.json`), 'utf8');
        for (const r of rows) assert.equal(manifestText.includes(r.email!), false, 'no value in the manifest');
      } finally {
        s.cleanup();
      }
    });
  }

  it('--format overrides the output extension; --input-format names an unknown extension', async () => {
    const s = sandbox();
    try {
      const rows = customers(5);
      writeDataset(s.path('customers.dat'), 'csv', rows);
      writeFileSync(s.path('c.yaml'), contractYaml('customers', CUSTOMER_SPEC));
      const m = protect(s, ['customers.dat', '--input-format', 'csv', '-c', 'c.yaml', '-o', 'out.data', '--format', 'jsonl']);
      assert.equal(m.output.format, 'jsonl');
      assert.equal((await readAll(s.path('out.data'), 'jsonl')).length, 5);
      const bad = s.run(['protect', 'customers.dat', '-c', 'c.yaml', '-o', 'x.csv']);
      assert.equal(bad.status, 3);
      assert.match(bad.stderr, /ERR_FORMAT_UNSUPPORTED/);
    } finally {
      s.cleanup();
    }
  });

  it('deterministic e-mails join across datasets exactly where the plaintexts matched; vault tokens join within a namespace', async () => {
    const s = sandbox();
    try {
      const a = customers(30);
      const b = customers(30, 17); // overlaps a on some e-mails and names
      writeDataset(s.path('customers.csv'), 'csv', a);
      writeDataset(s.path('more-customers.parquet'), 'parquet', b);
      const orders = b.map((r, i) => ({ order_id: String(i), buyer_email: r.email!, buyer: r.full_name! }));
      writeDataset(s.path('orders.jsonl'), 'jsonl', orders, ['order_id', 'buyer_email', 'buyer']);
      writeFileSync(s.path('c.yaml'), contractYaml('customers', CUSTOMER_SPEC));
      writeFileSync(s.path('o.yaml'), contractYaml('orders', [
        { name: 'order_id', classification: 'internal', operator: 'keep' },
        { name: 'buyer_email', classification: 'confidential', operator: 'deterministic', entity: 'EMAIL_ADDRESS' },
        { name: 'buyer', classification: 'confidential', operator: 'tokenize', entity: 'PERSON' },
      ]));
      protect(s, ['customers.csv', '-c', 'c.yaml', '-o', 'a.csv']);
      protect(s, ['more-customers.parquet', '-c', 'c.yaml', '-o', 'b.parquet']);
      const o = protect(s, ['orders.jsonl', '-c', 'o.yaml', '-o', 'orders.out.jsonl']);
      const pa = await readAll(s.path('a.csv'));
      const pb = await readAll(s.path('b.parquet'));
      const po = await readAll(s.path('orders.out.jsonl'));

      let matches = 0;
      for (let i = 0; i < a.length; i++) {
        for (let j = 0; j < b.length; j++) {
          const same = a[i]!.email === b[j]!.email;
          if (same) matches++;
          assert.equal(pa[i]!.email === po[j]!.buyer_email, same, 'deterministic joins across datasets and column names');
          assert.equal(pa[i]!.email === pb[j]!.email, same);
          // Same dataset name → same vault namespace (`customers.full_name`) → tokens join.
          assert.equal(pa[i]!.full_name === pb[j]!.full_name, a[i]!.full_name === b[j]!.full_name, 'tokens join within a namespace');
        }
      }
      assert.ok(matches > 0, 'the datasets overlap');
      // Another dataset's tokenized column is another namespace (`orders.buyer`): no join on tokens.
      assert.equal(o.columns.find((c) => c.name === 'buyer')!.namespace, 'orders.buyer');
      for (let j = 0; j < b.length; j++) assert.notEqual(po[j]!.buyer, pb[j]!.full_name);
    } finally {
      s.cleanup();
    }
  });

  for (const format of ['csv', 'parquet'] as const) {
    it(`--encrypt (${format}): the output is a Cordon encrypted file that decrypts to the same protected data`, async () => {
      const s = sandbox();
      try {
        const rows = customers(40);
        writeDataset(s.path('customers.csv'), 'csv', rows);
        writeFileSync(s.path('c.yaml'), contractYaml('customers', CUSTOMER_SPEC));
        const plain = protect(s, ['customers.csv', '-c', 'c.yaml', '-o', `plain.${format}`]);
        const m = protect(s, ['customers.csv', '-c', 'c.yaml', '-o', `enc.${format}.cdn`, '--encrypt']);
        assert.equal(m.output.format, format, 'the format comes from the extension before .cdn');
        assert.equal(m.output.encrypted, true);
        assert.equal(m.output.encryption!.key.name, 'default');
        assert.ok(m.output.encryption!.key.version >= 1);
        assert.ok(m.keys.some((k) => k.name === 'default'));
        assert.equal(m.output.sha256, sha256(s.path(`enc.${format}.cdn`)), 'the SHA-256 of the file as written');
        assert.equal(statSync(s.path(`enc.${format}.cdn`)).mode & 0o777, 0o600);
        const raw = readFileSync(s.path(`enc.${format}.cdn`));
        for (const r of rows.slice(0, 5)) assert.equal(raw.includes(r.customer_id!), false, 'nothing readable in the encrypted file');
        assert.deepEqual(readdirSync(s.dir).filter((n) => n.includes('cordon-tmp')), [], 'no plaintext or temporary file left');

        const d = s.run(['decrypt', `enc.${format}.cdn`, '-o', `dec.${format}`]);
        assert.equal(d.status, 0, d.stderr);
        const dec = await readAll(s.path(`dec.${format}`));
        const ref = await readAll(s.path(`plain.${format}`));
        assert.equal(dec.length, rows.length);
        // Everything but the randomized `encrypt` column is identical to an unencrypted run's output.
        const strip = (r: DatasetRecord): DatasetRecord => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'dob'));
        assert.deepEqual(dec.map(strip), ref.map(strip));
        assert.equal(plain.output.encrypted, false);
        await assertReveals(s, 'c.yaml', dec, rows);

        const wrongKey = s.run(['protect', 'customers.csv', '-c', 'c.yaml', '-o', 'x.csv', '--encrypt', '--key', 'no-such-key']);
        assert.notEqual(wrongKey.status, 0);
        assert.deepEqual(readdirSync(s.dir).filter((n) => n.startsWith('x.csv') || n.startsWith('.x.csv')), [], 'a failed encrypted run leaves nothing');
      } finally {
        s.cleanup();
      }
    });
  }

  it('rows with undeclared personal data go to the quarantine file, in the input\'s format', async () => {
    const s = sandbox();
    try {
      const rows = customers(50).map((r, i) => (i % 10 === 3 ? { ...r, note: `call back at someone${i}@example.org` } : r));
      writeDataset(s.path('customers.csv'), 'csv', rows);
      writeFileSync(s.path('c.yaml'), contractYaml('customers', CUSTOMER_SPEC));
      const failing = s.run(['protect', 'customers.csv', '-c', 'c.yaml', '-o', 'out.csv']);
      assert.notEqual(failing.status, 0, 'without quarantine, undeclared personal data stops the run');

      const m = protect(s, ['customers.csv', '-c', 'c.yaml', '-o', 'out.parquet', '--on-violation', 'quarantine']);
      const bad = rows.filter((_, i) => i % 10 === 3);
      assert.deepEqual(m.rows, { in: 50, out: 45, quarantined: 5 });
      assert.equal(m.quarantine!.path, 'out.quarantine.csv');
      assert.equal(m.quarantine!.format, 'csv');
      assert.equal(m.quarantine!.sha256, sha256(s.path('out.quarantine.csv')));
      assert.equal(statSync(s.path('out.quarantine.csv')).mode & 0o777, 0o600);
      assert.deepEqual(await readAll(s.path('out.quarantine.csv')), bad, 'the original records, unchanged');
      const out = await readAll(s.path('out.parquet'));
      assert.deepEqual(out.map((r) => r.customer_id), rows.filter((_, i) => i % 10 !== 3).map((r) => r.customer_id));

      const named = protect(s, ['customers.csv', '-c', 'c.yaml', '-o', 'out2.jsonl', '--quarantine', 'held.csv', '--encrypt']);
      assert.equal(named.quarantine!.encrypted, true, 'with --encrypt the quarantine file is encrypted too');
      const d = s.run(['decrypt', 'held.csv', '-o', 'held.plain.csv']);
      assert.equal(d.status, 0, d.stderr);
      assert.deepEqual(await readAll(s.path('held.plain.csv')), bad);
    } finally {
      s.cleanup();
    }
  });

  const failures: Array<{ out: string; extra: string[]; input?: DatasetFormat; rows?: number; bad?: number }> = [
    { out: 'out.csv', extra: [] },
    { out: 'out.parquet', extra: ['--encrypt'] },
    { out: 'out.jsonl', extra: [], input: 'jsonl' },
    // Late enough that output and quarantine batches have already been written (and encrypted).
    { out: 'out.csv', extra: ['--encrypt'], rows: 5000, bad: 4500 },
  ];
  for (const variant of failures) {
    const n = variant.rows ?? 1000;
    const bad = variant.bad ?? 500;
    it(`a failure at row ${bad} of ${n} leaves no output, temporary or quarantine file (${variant.input ?? 'csv'} → ${variant.out} ${variant.extra.join(' ')})`, () => {
      const s = sandbox();
      try {
        const rows = customers(n).map((r, i) => (i === bad - 1 ? { ...r, card: 'not a card number' } : i % 3 === 1 ? { ...r, note: `reach me at x${i}@example.org` } : r));
        const inFmt = variant.input ?? 'csv';
        writeDataset(s.path(`customers.${inFmt}`), inFmt, rows);
        writeFileSync(s.path('c.yaml'), contractYaml('customers', CUSTOMER_SPEC));
        const before = readdirSync(s.dir).sort();
        const r = s.run(['protect', `customers.${inFmt}`, '-c', 'c.yaml', '-o', variant.out, '--quarantine', `q.${inFmt}`, ...variant.extra]);
        assert.equal(r.status, 3, r.stderr);
        assert.match(r.stderr, new RegExp(`row ${bad}\\b`));
        assert.deepEqual(readdirSync(s.dir).sort(), before, 'nothing new in the directory');
      } finally {
        s.cleanup();
      }
    });
  }
});
