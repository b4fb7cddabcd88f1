// A CLI sandbox with an initialised workspace and an in-memory DuckDB (@duckdb/node-api), the
// independent implementation the typed-data tests write inputs with and read outputs back with;
// plus the contract snippets those tests build and a `protect` through the library with the
// workspace keyring. Shared by the protect-decimal, protect-types and protect-json tests.
import assert from 'node:assert/strict';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { cliSandbox, type CliSandbox } from './cli.js';
import { parseContract } from '../../src/contracts/parse-contract.js';
import { protectFile } from '../../src/pipeline/protect-file.js';
import { openWorkspace } from '../../src/workspace/workspace.js';

/** One contract column as a flow-style YAML line: its type, class, operator (params) and entity. */
export const contractColumn = (name: string, logicalType: string, classification: string, operator: string, params = '{}', entity?: string): string =>
  `      - { name: ${JSON.stringify(name)}, logicalType: ${logicalType}, classification: ${classification}, customProperties: [${entity ? `{ property: cordonEntity, value: ${entity} }, ` : ''}{ property: cordonProtect, value: { operator: ${operator}, params: ${params} } }] }\n`;

/** A one-dataset contract holding the given `contractColumn` lines. */
export const contractYaml = (id: string, dataset: string, columns: readonly string[]): string =>
  `apiVersion: v3.1.0\nkind: DataContract\nid: ${id}\nversion: 1.0.0\nstatus: active\nschema:\n  - name: ${dataset}\n    properties:\n${columns.join('')}`;

export interface QueryResult {
  readonly rows: Array<Record<string, unknown>>;
  /** Column name → DuckDB type as DuckDB spells it (`DECIMAL(9,2)`, `VARCHAR[]`). */
  readonly types: Record<string, string>;
}

export interface DuckSandbox {
  readonly s: CliSandbox;
  readonly c: DuckDBConnection;
  /** Run a query; rows as JSON-friendly objects (BIGINT and DECIMAL as text). */
  query(sql: string): Promise<QueryResult>;
  /** `protect` input → output (paths in the sandbox) with the contract text and the workspace keyring. */
  protect(input: string, output: string, contract: string): Promise<void>;
  close(): void;
}

/** Use in `before`; call `close()` in `after`. */
export async function duckSandbox(): Promise<DuckSandbox> {
  const s = cliSandbox();
  assert.equal(s.run(['init']).status, 0);
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  return {
    s,
    c,
    async query(sql) {
      const r = await c.runAndReadAll(sql);
      const names = r.columnNames();
      const types = r.columnTypes();
      return { rows: r.getRowObjectsJson() as Array<Record<string, unknown>>, types: Object.fromEntries(names.map((n, i) => [n, String(types[i])])) };
    },
    async protect(input, output, contract) {
      const ws = await openWorkspace({ env: s.env, cwd: s.dir });
      try {
        await protectFile({ input: s.path(input), output: s.path(output), contract: parseContract(contract), keyring: ws.keyring, cordonVersion: '0.0.0' });
      } finally {
        await ws.close();
      }
    },
    close() {
      c.closeSync();
      s.cleanup();
    },
  };
}
