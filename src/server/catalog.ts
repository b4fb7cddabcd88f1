// What the policy engine knows about a resource comes from Cordon's own metadata, never from the
// request (docs/policy.md): the contracts in the server's contracts folder give each column its
// classification, allowed purposes and dataset, looked up by the vault namespace the protect
// pipeline uses for it (`<dataset>.<column>`). Loaded once at start; an invalid contract stops it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CordonError } from '../errors.js';
import { parseContract } from '../contracts/parse-contract.js';
import type { AttributeValue } from '../policy/types.js';

export type ResourceAttributes = Readonly<Record<string, AttributeValue>>;

export class ResourceCatalog {
  readonly #columns: ReadonlyMap<string, ResourceAttributes>;

  constructor(columns: ReadonlyMap<string, ResourceAttributes>) {
    this.#columns = columns;
  }

  /** Every column of every contract (`*.yaml`, `*.yml`, `*.json`) in `dir`. */
  static load(dir: string): ResourceCatalog {
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => /\.(?:ya?ml|json)$/.test(n)).sort();
    } catch (e) {
      throw new CordonError('ERR_IO', `cannot read the contracts folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    const columns = new Map<string, ResourceAttributes>();
    for (const n of names) {
      let contract;
      try {
        contract = parseContract(readFileSync(join(dir, n), 'utf8'));
      } catch (e) {
        if (e instanceof CordonError) throw new CordonError(e.code, `${n}: ${e.message}`);
        throw e;
      }
      for (const d of contract.datasets) {
        for (const c of d.columns) {
          columns.set(`${d.name}.${c.name}`, { classification: c.classification, allowedPurposes: [...c.purposes], dataset: d.name });
        }
      }
    }
    return new ResourceCatalog(columns);
  }

  /** A column's attributes by its namespace (`dataset.column`); just `{}` for one no contract declares. */
  column(namespace: string): ResourceAttributes {
    return this.#columns.get(namespace) ?? {};
  }
}
