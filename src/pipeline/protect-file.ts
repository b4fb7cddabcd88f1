// `cordon protect` as a library call: stream a CSV or JSONL dataset through its contract's
// operators into a new file written atomically (temporary file, rename on success, nothing left
// on failure), and a run manifest beside it. No input value reaches the manifest or an error.
import { createReadStream, createWriteStream, renameSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import Papa from 'papaparse';
import { CordonError } from '../errors.js';
import { createSha256 } from '../crypto/hash.js';
import type { Contract } from '../contracts/types.js';
import { selectDataset } from '../contracts/select-dataset.js';
import { readRecords, type DatasetFormat } from '../io/dataset.js';
import type { Keyring } from '../keys/keyring.js';
import { loadOperatorKeys } from './operator-keys.js';
import { planColumns, planPurposes, protectRecords, type Tokenizer } from './protect-records.js';

export interface ProtectFileOptions {
  readonly input: string;
  readonly output: string;
  readonly contract: Contract;
  /** Which dataset of the contract (default: the only one). */
  readonly dataset?: string;
  readonly format?: DatasetFormat;
  readonly keyring: Keyring;
  readonly vault?: Tokenizer & { readonly description?: string };
  readonly vaultDescription?: string;
  readonly cordonVersion: string;
  readonly onProgress?: (rows: number) => void;
}

export interface RunManifest {
  readonly cordonVersion: string;
  readonly contract: { readonly id: string; readonly version: string; readonly sha256: string; readonly dataset: string };
  readonly input: { readonly path: string; readonly sha256: string; readonly rows: number };
  readonly output: { readonly path: string; readonly sha256: string; readonly rows: number; readonly format: string };
  readonly columns: ReadonlyArray<{ readonly name: string; readonly operator: string; readonly namespace?: string }>;
  readonly keys: ReadonlyArray<{ readonly name: string; readonly version: number }>;
  readonly vault?: string;
  readonly startedAt: string;
  readonly finishedAt: string;
}

async function fileSha256(path: string): Promise<string> {
  const h = createSha256();
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return Buffer.from(h.digest()).toString('hex');
}

function write(ws: WriteStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = ws.write(text, (e) => (e ? reject(e) : undefined));
    if (ok) resolve();
    else ws.once('drain', resolve);
  });
}

export async function protectFile(o: ProtectFileOptions): Promise<RunManifest> {
  const startedAt = new Date().toISOString();
  const format = o.format ?? (/\.(?:jsonl|ndjson)$/i.test(o.input) ? 'jsonl' : /\.tsv$/i.test(o.input) ? 'tsv' : /\.csv$/i.test(o.input) ? 'csv' : undefined);
  if (format === undefined || format === 'parquet') throw new CordonError('ERR_FORMAT_UNSUPPORTED', 'cordon protect reads and writes CSV, TSV and JSONL in this version (use --format)');
  const dataset = selectDataset(o.contract, o.dataset);
  const plan = planColumns(dataset);
  const keys = await loadOperatorKeys(o.keyring, planPurposes(plan));
  if (plan.some((p) => p.operator === 'tokenize') && o.vault === undefined) throw new CordonError('ERR_INTERNAL', 'the contract tokenizes but no vault was opened');
  const columns = plan.filter((p) => p.operator !== 'drop').map((p) => p.name);

  const tmp = `${o.output}.cordon-tmp-${process.pid}`;
  const ws = createWriteStream(tmp, { mode: 0o600 });
  let rowsIn = 0;
  let rowsOut = 0;
  try {
    const records = readRecords(o.input, { format, onError: 'fail' });
    const counted = (async function* () { for await (const r of records) { rowsIn++; yield r; } })();
    const delimiter = format === 'tsv' ? '\t' : ',';
    if (format !== 'jsonl') await write(ws, Papa.unparse([columns], { delimiter, newline: '\n' }) + '\n');
    let pending: Array<Record<string, string | null>> = [];
    const flushOut = async () => {
      if (pending.length === 0) return;
      if (format === 'jsonl') await write(ws, pending.map((r) => JSON.stringify(Object.fromEntries(columns.filter((c) => c in r).map((c) => [c, r[c]])))).join('\n') + '\n');
      else await write(ws, Papa.unparse(pending.map((r) => columns.map((c) => r[c] ?? '')), { delimiter, newline: '\n' }) + '\n');
      pending = [];
    };
    for await (const r of protectRecords(counted, { dataset, plan, keys, ...(o.vault ? { vault: o.vault } : {}), ...(o.onProgress ? { onBlock: () => o.onProgress!(rowsIn) } : {}) })) {
      pending.push(r);
      rowsOut++;
      if (pending.length >= 2000) await flushOut();
    }
    await flushOut();
    await new Promise<void>((resolve, reject) => ws.end((e?: Error | null) => (e ? reject(e) : resolve())));
    renameSync(tmp, o.output);
  } catch (e) {
    ws.destroy();
    rmSync(tmp, { force: true });
    throw e;
  }
  const manifest: RunManifest = {
    cordonVersion: o.cordonVersion,
    contract: { id: o.contract.id, version: o.contract.version, sha256: o.contract.sha256, dataset: dataset.name },
    input: { path: o.input, sha256: await fileSha256(o.input), rows: rowsIn },
    output: { path: o.output, sha256: await fileSha256(o.output), rows: rowsOut, format },
    columns: plan.map((p) => ({ name: p.name, operator: p.operator, ...(p.namespace ? { namespace: p.namespace } : {}) })),
    keys: [...keys.used].map(([name, version]) => ({ name, version })),
    ...(o.vaultDescription !== undefined ? { vault: o.vaultDescription } : {}),
    startedAt,
    finishedAt: new Date().toISOString(),
  };
  const mtmp = `${o.output}.manifest.json.cordon-tmp-${process.pid}`;
  writeFileSync(mtmp, JSON.stringify(manifest, null, 2) + '\n', { mode: 0o644 });
  renameSync(mtmp, `${o.output}.manifest.json`);
  return manifest;
}
