// Issue 14 item 3: `cordon protect` reads stdin (`-`) and writes stdout (`-o -`) — data on stdout,
// the manifest to --manifest FILE or a summary on stderr, no file named "-" and no dataset named "-"
// in lineage — and writes .gz and .zst by the output's name (zstd where node:zlib has it; on
// older Node ERR_FORMAT_UNSUPPORTED with the version it needs).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as zlib from 'node:zlib';
import { cliSandbox, type CliSandbox } from '../helpers/cli.js';

const CONTRACT = `apiVersion: v3.1.0
kind: DataContract
id: pipes-test
version: 1.0.0
status: active
schema:
  - name: people
    properties:
      - { name: id, logicalType: integer, classification: internal, customProperties: [{ property: cordonProtect, value: { operator: keep } }] }
      - { name: full_name, logicalType: string, classification: restricted, customProperties: [{ property: cordonEntity, value: PERSON }, { property: cordonProtect, value: { operator: redact } }] }
      - { name: email, logicalType: string, classification: restricted, customProperties: [{ property: cordonEntity, value: EMAIL_ADDRESS }, { property: cordonProtect, value: { operator: hash } }] }
`;
const CSV = 'id,full_name,email\n1,Maria Gonzalez,maria@example.com\n2,James Smith,james@example.org\n';
const SENSITIVE = ['Maria Gonzalez', 'James Smith', 'maria@example.com', 'james@example.org'];
const zstdDecompress = (zlib as { zstdDecompressSync?: (b: Buffer) => Buffer }).zstdDecompressSync;

describe('cordon protect: pipes and compressed output', () => {
  let s: CliSandbox;
  let expected: string;
  before(() => {
    s = cliSandbox();
    assert.equal(s.run(['init']).status, 0);
    writeFileSync(s.path('c.yaml'), CONTRACT);
    writeFileSync(s.path('in.csv'), CSV);
    const r = s.run(['protect', 'in.csv', '-c', 'c.yaml', '-o', 'plain.csv']);
    assert.equal(r.status, 0, r.stderr);
    expected = readFileSync(s.path('plain.csv'), 'utf8');
    for (const v of SENSITIVE) assert.equal(expected.includes(v), false);
  });
  after(() => s.cleanup());

  it('stdin to stdout: the data on stdout, a summary on stderr, no file named "-", no "-" in lineage', () => {
    const r = s.run(['protect', '-', '--input-format', 'csv', '-c', 'c.yaml', '-o', '-'], { input: CSV });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, expected, 'the same bytes as a file output');
    assert.match(r.stderr, /protected 2 of 2 row\(s\) → stdout \(csv; sha256 [0-9a-f]{64}; input sha256 [0-9a-f]{64}\)/);
    for (const v of SENSITIVE) assert.equal(r.stderr.includes(v), false);
    assert.equal(existsSync(s.path('-')), false);
    assert.equal(existsSync(s.path('-.manifest.json')), false);
    const events = s.run(['lineage', 'export']).stdout.trim().split('\n').map((l) => JSON.parse(l) as { inputs: Array<{ namespace: string; name: string }>; outputs: Array<{ namespace: string; name: string }> });
    const last = events.slice(-2);
    for (const e of last) {
      assert.deepEqual(e.inputs.map((d) => [d.namespace.split('://')[0], d.name]), [['stdio', 'stdin']]);
      assert.deepEqual(e.outputs.map((d) => [d.namespace.split('://')[0], d.name]), [['stdio', 'stdout']]);
    }
    assert.equal(JSON.stringify(events).includes('"name":"-"'), false);
  });

  it('--manifest FILE: the manifest names the streams and hashes the bytes that passed', () => {
    const r = s.run(['protect', '-', '--input-format', 'csv', '-c', 'c.yaml', '-o', '-', '--manifest', 'run.json'], { input: CSV });
    assert.equal(r.status, 0, r.stderr);
    const m = JSON.parse(readFileSync(s.path('run.json'), 'utf8')) as { input: { path: string; sha256: string; bytes: number }; output: { path: string; sha256: string; rows: number } };
    assert.equal(m.input.path, '-');
    assert.equal(m.input.sha256, createHash('sha256').update(CSV).digest('hex'));
    assert.equal(m.input.bytes, Buffer.byteLength(CSV));
    assert.equal(m.output.sha256, createHash('sha256').update(r.stdoutBytes).digest('hex'));
    assert.equal(m.output.rows, 2);
  });

  it('misuse is a usage error before anything runs', () => {
    for (const args of [
      ['protect', '-', '-c', 'c.yaml', '-o', 'x.csv'], // stdin without --input-format
      ['protect', 'in.csv', '-c', 'c.yaml', '-o', '-', '--json'], // the manifest and the data both on stdout
      ['protect', 'in.csv', '-c', 'c.yaml', '-o', '-', '--on-violation', 'quarantine'], // no quarantine file named
      ['protect', 'in.csv', '-c', 'c.yaml', '-o', 'y.csv', '--manifest', '-'],
    ]) {
      const r = s.run(args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /ERR_USAGE|--input-format|--manifest|--quarantine/);
    }
    assert.equal(existsSync(s.path('x.csv')), false);
  });

  it('.gz output: gzip of the same bytes; read back by protect; the manifest hashes the compressed file', () => {
    const r = s.run(['protect', 'in.csv', '-c', 'c.yaml', '-o', 'out.csv.gz']);
    assert.equal(r.status, 0, r.stderr);
    const gz = readFileSync(s.path('out.csv.gz'));
    assert.equal(zlib.gunzipSync(gz).toString('utf8'), expected);
    const m = JSON.parse(readFileSync(s.path('out.csv.gz.manifest.json'), 'utf8')) as { output: { sha256: string; format: string; compression: string } };
    assert.equal(m.output.sha256, createHash('sha256').update(gz).digest('hex'));
    assert.deepEqual([m.output.format, m.output.compression], ['csv', 'gzip']);
    // Compressed input is read by its magic bytes; JSONL out, gzip in again.
    const again = s.run(['protect', 'in.csv', '-c', 'c.yaml', '-o', 'out.jsonl.gz']);
    assert.equal(again.status, 0, again.stderr);
    const lines = zlib.gunzipSync(readFileSync(s.path('out.jsonl.gz'))).toString('utf8').trim().split('\n');
    assert.equal(lines.length, 2);
    assert.equal((JSON.parse(lines[0]!) as { full_name: string }).full_name, '<REDACTED>');
  });

  it('.zst output where node:zlib has zstd, else ERR_FORMAT_UNSUPPORTED naming the Node version it needs; nothing left behind', () => {
    const r = s.run(['protect', 'in.csv', '-c', 'c.yaml', '-o', 'out.csv.zst']);
    if (zstdDecompress !== undefined) {
      assert.equal(r.status, 0, r.stderr);
      assert.equal(zstdDecompress(readFileSync(s.path('out.csv.zst'))).toString('utf8'), expected);
    } else {
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, /\.zst needs Node 22\.15 or later/);
      assert.equal(existsSync(s.path('out.csv.zst')), false);
      assert.equal(existsSync(s.path('out.csv.zst.manifest.json')), false);
    }
  });

  it('Parquet is not wrapped in .gz: ERR_FORMAT_UNSUPPORTED', () => {
    const r = s.run(['protect', 'in.csv', '-c', 'c.yaml', '-o', 'out.parquet.gz']);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /Parquet compresses its own pages/);
    assert.equal(existsSync(s.path('out.parquet.gz')), false);
  });
});
