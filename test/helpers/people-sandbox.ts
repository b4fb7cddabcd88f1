// The sandbox the subject-tier CLI tests share (erase, erase-crash, retention, consent): a workspace
// made with `cordon init`, a contract whose one dataset `people` has the data subject's id (primaryKey,
// kept) and a tokenized email, and the input CSV; plus the two checks they all make, a file's SHA-256
// and what the vault still resolves. (Review mend D4: each test built these itself.)
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { cliSandbox, type CliSandbox } from './cli.js';
import { openWorkspace } from '../../src/workspace/workspace.js';
import { createSha256 } from '../../src/crypto/hash.js';

export interface PeopleContractOptions {
  /** The contract id (and so the subject scope `<id>/people`). */
  readonly id: string;
  /** The email column's vault namespace, when the contract names one. */
  readonly namespace?: string;
  /** Contract-level customProperties entries, e.g. `{ property: cordonRetention, value: P30D }`. */
  readonly contractProperties?: readonly string[];
  /** The dataset's customProperties entries, e.g. `{ property: cordonConsent, value: { required: true } }`. */
  readonly datasetProperties?: readonly string[];
  /** More columns after id and email, as YAML flow mappings. */
  readonly columns?: readonly string[];
}

/** The contract text: dataset `people` with `id` (primaryKey, keep), `email` (EMAIL_ADDRESS, tokenize) and `columns`. */
export function peopleContract(o: PeopleContractOptions): string {
  const list = (xs: readonly string[] | undefined) => (xs === undefined || xs.length === 0 ? undefined : `[${xs.join(', ')}]`);
  const contractProps = list(o.contractProperties);
  const datasetProps = list(o.datasetProperties);
  const tokenize = o.namespace === undefined ? '{ operator: tokenize }' : `{ operator: tokenize, namespace: ${o.namespace} }`;
  return [
    'apiVersion: v3.1.0', 'kind: DataContract', `id: ${o.id}`, 'version: 1.0.0', 'status: active',
    ...(contractProps !== undefined ? [`customProperties: ${contractProps}`] : []),
    'schema:', '  - name: people',
    ...(datasetProps !== undefined ? [`    customProperties: ${datasetProps}`] : []),
    '    properties:',
    '      - { name: id, logicalType: string, primaryKey: true, classification: internal, customProperties: [{ property: cordonProtect, value: { operator: keep } }] }',
    `      - { name: email, logicalType: string, classification: restricted, customProperties: [{ property: cordonEntity, value: EMAIL_ADDRESS }, { property: cordonProtect, value: ${tokenize} }] }`,
    ...(o.columns ?? []).map((c) => `      - ${c}`),
  ].join('\n') + '\n';
}

/** A CLI sandbox with an initialised workspace, the contract as c.yaml and the input as in.csv. The caller cleans it up. */
export function peopleSandbox(contract: string, csv: string): CliSandbox {
  const s = cliSandbox();
  try {
    const init = s.run(['init']);
    assert.equal(init.status, 0, init.stderr);
    writeFileSync(s.path('c.yaml'), contract);
    writeFileSync(s.path('in.csv'), csv);
    return s;
  } catch (e) {
    s.cleanup();
    throw e;
  }
}

/** SHA-256 (hex) of bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  const h = createSha256();
  h.update(bytes);
  return Buffer.from(h.digest()).toString('hex');
}

/** What the sandbox's vault resolves `tokens` to in `namespace` (undefined: not held), through a workspace opened in-process. */
export async function vaultValues(s: CliSandbox, namespace: string, tokens: readonly string[]): Promise<Array<string | undefined>> {
  const ws = await openWorkspace({ env: s.env, cwd: s.dir });
  try {
    const vault = await ws.openVault();
    try {
      return await vault.detokenize(namespace, tokens);
    } finally {
      await vault.close();
    }
  } finally {
    await ws.close();
  }
}

/** The first column (the subject id) of each data row of a CSV. */
export const csvIds = (csv: string): string[] => csv.trim().split('\n').slice(1).map((l) => l.split(',')[0]!);
