// `cordon demo` as a library call: Cordon's main job end to end on generated data, narrated. Opens
// the workspace as every command does (creating it on first run), writes a customer dataset, scans
// it, drafts its contract, protects it with the workspace's keys and embedded vault, shows rows
// before and after, reveals one token for an allowed purpose, shows a denied reveal, and lists
// where everything went. Only generated, fictional data is ever printed; everything the demo writes
// goes to `dir`, except what belongs to the workspace (vault, audit log, keys, policies).
import { existsSync, mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Contract } from '../contracts/types.js';
import { classifyColumns, type ColumnClassification } from '../detect/columns/index.js';
import { DEFAULT_RECOGNIZERS } from '../detect/registry.js';
import { CordonError } from '../errors.js';
import { writeFileAtomic } from '../io/write-file-atomic.js';
import { readRecords } from '../io/dataset.js';
import type { DatasetRecord } from '../io/record.js';
import { defaultMasterKeyPath } from '../keys/kek/local.js';
import { protectFile, type RunManifest } from '../pipeline/protect-file.js';
import { revealValues } from '../pipeline/reveal.js';
import { SqliteVaultStore } from '../vault/store/sqlite.js';
import { TokenVault } from '../vault/vault.js';
import { AUDIT_DB_FILE, initWorkspace, openWorkspace, resolveHome, type Workspace } from '../workspace/workspace.js';
import { heading, hint, table, truncate, type DemoStyle } from './demo-output.js';
import { draftDemoContract } from './draft-demo-contract.js';
import { ensureDemoGrant } from './ensure-demo-grant.js';
import { formatCsv } from './format-csv.js';
import { CUSTOMER_COLUMNS, generateCustomers } from './generate-customers.js';

/** Who the demo reveals as, and the purpose its contract and policy allow. */
export const DEMO_PRINCIPAL = 'demo:analyst';
export const DEMO_PURPOSE = 'fraud-investigation';
/** A purpose the demo's contract does not allow: the denied reveal. */
export const DEMO_DENIED_PURPOSE = 'marketing';
export const DEMO_DEFAULT_ROWS = 200;
export const DEMO_DEFAULT_SEED = 42;

const SCAN_SAMPLE = 1000;
const SHOW_ROWS = 3;
const CELL_WIDTH = 34;
const TEXT_WIDTH = 100;

export interface RunDemoOptions {
  /** Folder for the dataset, contract and protected copy (created if missing). */
  readonly dir: string;
  readonly rows?: number;
  readonly seed?: number;
  /** Receives the narrative, a line or a block at a time. */
  readonly write: (text: string) => void;
  readonly style?: DemoStyle;
  /** Plain-language notices from the workspace (e.g. a development master key was created). */
  readonly onNotice?: (message: string) => void;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  readonly cordonVersion: string;
}

export interface DemoResult {
  readonly home: string;
  readonly workspaceCreated: boolean;
  readonly rows: number;
  readonly seed: number;
  readonly paths: {
    readonly dataset: string; readonly contract: string; readonly protected: string; readonly manifest: string;
    readonly vault: string; readonly audit: string; readonly keys: string; readonly policy: string; readonly masterKey: string;
  };
  readonly policyStatus: 'created' | 'present' | 'added';
  readonly reveal: { readonly column: string; readonly protectedValue: string; readonly value: string | undefined; readonly original: string };
  readonly denied: { readonly code: string; readonly message: string };
  readonly manifest: RunManifest;
  readonly durationMs: number;
}

/** The demo's own files are regenerated on every run. */
function _writeAtomic(path: string, text: string): void {
  writeFileAtomic(path, text, { force: true, mode: 0o644 });
}

async function _head(path: string, limit: number, onColumns?: (c: readonly string[]) => void): Promise<DatasetRecord[]> {
  const out: DatasetRecord[] = [];
  for await (const r of readRecords(path, { limit, onError: 'fail', ...(onColumns ? { onColumns } : {}) })) out.push(r);
  return out;
}

function _masterKeyWhere(ws: Workspace, env: NodeJS.ProcessEnv, cwd: string): string {
  const kek = ws.config.kek;
  switch (kek.kind) {
    case 'local':
      if (env.CORDON_MASTER_KEY) return 'CORDON_MASTER_KEY (environment variable)';
      if (env.CORDON_MASTER_KEY_FILE) return resolve(cwd, env.CORDON_MASTER_KEY_FILE);
      return `${defaultMasterKeyPath(env)} (development key; see docs/keys.md)`;
    case 'passphrase':
      return `derived from the passphrase in $${kek.passphraseEnv} (Argon2id)`;
    case 'pkcs11':
      return `PKCS#11 token "${kek.tokenLabel}", key "${kek.keyLabel}" (non-extractable)`;
  }
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

function _scanTable(results: readonly ColumnClassification[]): string {
  return table(['COLUMN', 'ENTITY', 'CATEGORY', 'CLASSIFICATION', 'MATCHED', 'FOUND IN TEXT'], results.map((c) => [
    c.name,
    c.entity ?? (c.freeText ? '(free text)' : '-'),
    c.category,
    c.classification,
    c.entity !== null || c.freeText ? pct(c.matchedShare) : '-',
    c.freeText ? c.textEntities.slice(0, 6).join(', ') : '',
  ]));
}

function _contractTable(contract: Contract): string {
  const ds = contract.datasets[0]!;
  return table(['COLUMN', 'OPERATOR', 'PARAMS', 'REVEAL PURPOSES'], ds.columns.map((c) => [
    c.name,
    c.protect?.operator ?? '(default)',
    c.protect && Object.keys(c.protect.params).length > 0 ? JSON.stringify(c.protect.params) : '',
    c.purposes.join(', '),
  ]));
}

/**
 * Runs the demo and returns what it did (paths, the reveal, the denial) for callers and tests.
 *
 * @example
 * ```ts
 * const r = await runDemo({ dir: 'cordon-demo', write: (t) => process.stdout.write(t), cordonVersion: '0.1.0' });
 * r.reveal.value === r.reveal.original // true
 * ```
 */
export async function runDemo(o: RunDemoOptions): Promise<DemoResult> {
  const t0 = Date.now();
  const env = o.env ?? process.env;
  const cwd = o.cwd ?? process.cwd();
  const style = o.style ?? { color: false };
  const rows = o.rows ?? DEMO_DEFAULT_ROWS;
  const seed = o.seed ?? DEMO_DEFAULT_SEED;
  const w = o.write;
  const dir = resolve(cwd, o.dir);
  const rel = (p: string): string => (relative(cwd, p).startsWith('..') ? p : relative(cwd, p) || '.');
  const paths = {
    dataset: join(dir, 'customers.csv'),
    contract: join(dir, 'customers.odcs.yaml'),
    protected: join(dir, 'customers.protected.csv'),
    manifest: join(dir, 'customers.protected.csv.manifest.json'),
  };

  // 1. Workspace
  const wsOptions = { env, cwd, ...(o.onNotice ? { onNotice: o.onNotice } : {}) };
  const home = resolveHome(wsOptions);
  const workspaceCreated = !existsSync(join(home, 'config.json'));
  w(heading(style, 1, 'Workspace'));
  const ws = workspaceCreated ? await initWorkspace(wsOptions) : await openWorkspace(wsOptions);
  try {
    const masterKey = _masterKeyWhere(ws, env, cwd);
    w(`   ${workspaceCreated ? 'created' : 'using'} ${rel(home)} (CORDON_HOME${env.CORDON_HOME ? '' : ' not set, so ./.cordon'}); key "${ws.config.defaultKey}"; master key: ${masterKey}\n`);
    if (workspaceCreated) w(hint(style, 'cordon init'));

    // 2. Dataset
    w(heading(style, 2, 'Generate a customer dataset'));
    mkdirSync(dir, { recursive: true });
    const customers = generateCustomers({ rows, seed });
    _writeAtomic(paths.dataset, formatCsv(CUSTOMER_COLUMNS, customers));
    w(`   ${rel(paths.dataset)}: ${rows} fictional customers (seed ${seed}; --seed changes them), ${CUSTOMER_COLUMNS.length} columns:\n`);
    w(`   ${CUSTOMER_COLUMNS.join(', ')}\n`);
    w('   Phones are 555-01xx, e-mails at example.* domains, cards on test BINs, SSNs in never-allocated areas.\n');

    // 3. Scan
    w(heading(style, 3, 'Scan: what each column holds'));
    let columns: readonly string[] = [];
    const sample = await _head(paths.dataset, SCAN_SAMPLE, (c) => { columns = c; });
    const scanned = classifyColumns({ columns, records: sample }, { recognizers: DEFAULT_RECOGNIZERS });
    w(_scanTable(scanned));
    w(`   ${sample.length} row(s) sampled; values decide, the column name only confirms. No cell value is printed by a scan.\n`);
    w(hint(style, `cordon scan ${rel(paths.dataset)}`));

    // 4. Contract
    w(heading(style, 4, 'Draft the data contract'));
    const drafted = draftDemoContract({ dataset: 'customers', columns: scanned, purpose: DEMO_PURPOSE, source: 'customers.csv' });
    _writeAtomic(paths.contract, drafted.text);
    w(`   ${rel(paths.contract)} (Open Data Contract Standard v3.1.0): an operator per column from the scan.\n`);
    w(`   Edited as a reviewer would: purpose "${DEMO_PURPOSE}" may reveal ${drafted.revealColumn}.\n`);
    w(_contractTable(drafted.contract));
    w(hint(style, `cordon contract init ${rel(paths.dataset)} -o ${rel(paths.contract)}`));

    // 5. Policy
    w(heading(style, 5, 'Grant the purpose (a Cedar policy)'));
    const grant = await ensureDemoGrant(ws.home, DEMO_PRINCIPAL, DEMO_PURPOSE);
    if (grant.migratedGrants > 0) w(`   the workspace's policy.json grants (${grant.migratedGrants}) were migrated to Cedar policies beside it (cordon policy migrate).\n`);
    switch (grant.status) {
      case 'created':
        w(`   created the workspace's policy folder (the example policies) and ${rel(grant.path)}: ${DEMO_PRINCIPAL} may reveal for "${DEMO_PURPOSE}" where the contract allows it.\n`);
        break;
      case 'present':
        w(`   ${rel(grant.path)} is there already; left unchanged.\n`);
        break;
      case 'added':
        w(`   added ${rel(grant.path)}: ${DEMO_PRINCIPAL} may reveal for "${DEMO_PURPOSE}" where the contract allows it. Delete it to undo.\n`);
        break;
    }

    // 6. Protect
    w(heading(style, 6, 'Protect'));
    const vaultPath = join(ws.home, 'vault.db');
    const vault = await TokenVault.open(SqliteVaultStore.open(vaultPath), ws.keyring);
    try {
      const manifest = await protectFile({
        input: paths.dataset, output: paths.protected, contract: drafted.contract, keyring: ws.keyring, vault,
        vaultDescription: 'sqlite:vault.db', cordonVersion: o.cordonVersion, force: true, inputs: [paths.contract],
      });
      w(`   protected ${manifest.input.rows} row(s) → ${rel(paths.protected)} (manifest ${rel(paths.manifest)})\n`);
      w(`   keys used: ${manifest.keys.map((k) => `${k.name} v${k.version}`).join(', ') || 'none'}; tokens in ${rel(vaultPath)}\n`);
      w(hint(style, `cordon protect ${rel(paths.dataset)} -c ${rel(paths.contract)} -o ${rel(paths.protected)}`));

      // 7. Before and after
      w(heading(style, 7, `Before and after (first ${SHOW_ROWS} rows)`));
      const before = await _head(paths.dataset, SHOW_ROWS);
      const after = await _head(paths.protected, SHOW_ROWS);
      const ops = new Map(drafted.contract.datasets[0]!.columns.map((c) => [c.name, c.protect?.operator ?? '']));
      const freeText = new Set(scanned.filter((c) => c.freeText).map((c) => c.name));
      const cell = (r: DatasetRecord | undefined, c: string, width: number): string => (r !== undefined && c in r ? truncate(r[c] ?? '', width) : '(dropped)');
      before.forEach((b, i) => {
        w(`   row ${i + 1}\n`);
        w(table(['COLUMN', 'BEFORE', 'AFTER', 'OPERATOR'], CUSTOMER_COLUMNS.filter((c) => !freeText.has(c)).map((c) => [
          c, cell(b, c, CELL_WIDTH), cell(after[i], c, CELL_WIDTH), ops.get(c) ?? '',
        ])).replace(/^(?=.)/gm, '   '));
        for (const c of freeText) {
          const label = `${c} (${ops.get(c) ?? ''}) `;
          w(`      ${label}before: ${cell(b, c, TEXT_WIDTH)}\n`);
          w(`      ${' '.repeat(label.length + 1)}after: ${cell(after[i], c, TEXT_WIDTH)}\n`);
        }
      });

      // 8. Allowed reveal
      const column = drafted.revealColumn;
      const protectedValue = after[0]?.[column] ?? '';
      const original = before[0]?.[column] ?? '';
      w(heading(style, 8, `Reveal ${column} of row 1 for "${DEMO_PURPOSE}"`));
      const [value] = await revealValues({
        contract: drafted.contract, column, purpose: DEMO_PURPOSE, principal: DEMO_PRINCIPAL, policy: grant.policy,
        values: [protectedValue], keyring: ws.keyring, vault,
      });
      w(`   ${DEMO_PRINCIPAL}: ${protectedValue} → ${value ?? '(not in the vault)'}${value === original ? ` (the original in ${rel(paths.dataset)})` : ' (DIFFERS from the original)'}\n`);
      w('   Allowed: the Cedar policy demo.reveal permits it (the contract lists the purpose for this column); the audit log records it.\n');
      w(hint(style, `CORDON_PRINCIPAL=${DEMO_PRINCIPAL} cordon reveal ${protectedValue} -c ${rel(paths.contract)} --column ${column} --purpose ${DEMO_PURPOSE}`));

      // 9. Denied reveal
      w(heading(style, 9, `Reveal the same value for "${DEMO_DENIED_PURPOSE}"`));
      let denied: { code: string; message: string } | undefined;
      try {
        await revealValues({
          contract: drafted.contract, column, purpose: DEMO_DENIED_PURPOSE, principal: DEMO_PRINCIPAL, policy: grant.policy,
          values: [protectedValue], keyring: ws.keyring, vault,
        });
      } catch (e) {
        if (!(e instanceof CordonError) || e.code !== 'ERR_POLICY_DENIED') throw e;
        denied = { code: e.code, message: e.message };
      }
      if (denied === undefined) throw new CordonError('ERR_INTERNAL', 'the demo\'s reveal for a purpose the contract does not allow was not denied');
      w(`   denied: error ${denied.code}: ${denied.message}\n`);
      w('   Nothing was revealed (the CLI exits 4); the attempt is in the audit log too.\n');

      // 10. Where everything went
      const result = {
        home, workspaceCreated, rows, seed,
        paths: { ...paths, vault: vaultPath, audit: join(ws.home, AUDIT_DB_FILE), keys: join(ws.home, 'keys.db'), policy: grant.path, masterKey },
        policyStatus: grant.status,
        reveal: { column, protectedValue, value, original }, denied, manifest,
        durationMs: Date.now() - t0,
      };
      w(heading(style, 10, 'Where everything went'));
      w(table(['WHAT', 'WHERE'], [
        ['dataset (generated)', rel(paths.dataset)],
        ['data contract', rel(paths.contract)],
        ['protected copy', rel(paths.protected)],
        ['run manifest', rel(paths.manifest)],
        ['token vault', rel(vaultPath)],
        ['audit log (tamper-evident; cordon audit verify)', rel(result.paths.audit)],
        ['key store (wrapped keys)', rel(result.paths.keys)],
        ['reveal policy (Cedar)', rel(grant.path)],
        ['master key', masterKey],
      ]));
      w(`\n   Done in ${(result.durationMs / 1000).toFixed(1)} s. Run it again any time; docs/demo.md explains each step.\n`);
      return result;
    } finally {
      await vault.close();
    }
  } finally {
    await ws.close();
  }
}
