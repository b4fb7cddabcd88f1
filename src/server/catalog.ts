// What the policy engine knows about a resource comes from Cordon's own metadata, never from the
// request (docs/policy.md): the contracts in the server's contracts folder give each column its
// classification, allowed purposes and dataset, and the contract's tenant and owner, looked up by
// the vault namespace the protect pipeline uses for it (`<dataset>.<column>`); each contract file
// (by stem, as POST /v1/protect names it) gives its tenant and owner. Loaded once at start; an
// invalid contract, or two contracts declaring one column, stops it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CordonError } from '../errors.js';
import { parseContract, type ParseContractOptions } from '../contracts/parse-contract.js';
import { readInsideFolder } from '../io/read-inside.js';
import { vaultNamespace } from '../contracts/vault-namespace.js';
import type { AttributeValue } from '../policy/types.js';

/**
 * How a contract of the contracts folder reads a recognizer file it names: from the contract's own
 * folder (parseContract keeps the path inside it by text: relative, no ".."; readInsideFolder through symlinks too).
 */
export function contractFolderOptions(folder: string): ParseContractOptions {
  return {
    readFile: (ref) => readInsideFolder(folder, ref),
  };
}

export type ResourceAttributes = Readonly<Record<string, AttributeValue>>;

export class ResourceCatalog {
  readonly #columns: ReadonlyMap<string, ResourceAttributes>;
  readonly #contracts: ReadonlyMap<string, ResourceAttributes>;
  readonly #consent: ReadonlySet<string>;
  readonly #byId: ReadonlyMap<string, ResourceAttributes>;
  readonly #scopes: ReadonlyMap<string, readonly string[]>;

  constructor(columns: ReadonlyMap<string, ResourceAttributes>, contracts: ReadonlyMap<string, ResourceAttributes> = new Map(), consent: ReadonlySet<string> = new Set(), byId: ReadonlyMap<string, ResourceAttributes> = new Map(), scopes: ReadonlyMap<string, readonly string[]> = new Map()) {
    this.#columns = columns;
    this.#contracts = contracts;
    this.#consent = consent;
    this.#byId = byId;
    this.#scopes = scopes;
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
    const contracts = new Map<string, ResourceAttributes>();
    const consent = new Set<string>();
    const scopes = new Map<string, string[]>();
    const scoped = (key: string, scope: string) => { const l = scopes.get(key) ?? []; if (!l.includes(scope)) l.push(scope); scopes.set(key, l); };
    const byId = new Map<string, ResourceAttributes>();
    for (const n of names) {
      let contract;
      try {
        contract = parseContract(readFileSync(join(dir, n), 'utf8'), contractFolderOptions(dir));
      } catch (e) {
        if (e instanceof CordonError) throw new CordonError(e.code, `${n}: ${e.message}`);
        throw e;
      }
      // The tenant decides who may reach the data at all (forbid.cross-tenant): a column or contract
      // stem that two contracts give different tenants would get whichever loaded last, so it is refused.
      const owned = { ...(contract.tenant !== undefined ? { tenant: contract.tenant } : {}), ...(contract.owner !== undefined ? { owner: contract.owner } : {}) };
      const put = (map: Map<string, ResourceAttributes>, key: string, value: ResourceAttributes) => {
        const before = map.get(key);
        if (before !== undefined && before['tenant'] !== value['tenant']) throw new CordonError('ERR_CONTRACT_INVALID', `${n}: ${key} is declared by another contract with another tenant`);
        map.set(key, value);
      };
      put(contracts, n.replace(/\.(?:ya?ml|json)$/, ''), owned);
      put(byId, contract.id, owned);
      for (const d of contract.datasets) {
        for (const c of d.columns) {
          // docs/consent.md: the PEP reads the subject's consent from the registry for these columns.
          if (d.consent?.required === true) consent.add(`${d.name}.${c.name}`);
          // The subject scope (<contract id>/<dataset>) whose tombstones a request naming a subject on this column checks.
          if (d.subject !== undefined) scoped(`${d.name}.${c.name}`, `${contract.id}/${d.name}`);
          const attributes = { classification: c.classification, allowedPurposes: [...c.purposes], dataset: d.name, ...owned };
          put(columns, `${d.name}.${c.name}`, attributes);
          // A tokenized column's tokens live in its vault namespace, which the contract may name
          // (vault-namespace.ts): /v1/tokenize and /v1/detokenize name that, so it gets the column's
          // attributes and consent rule too. Columns sharing a namespace must agree on what the
          // policy sees (else whichever loaded last would decide); consent is required if any requires it.
          const ns = c.protect?.operator === 'tokenize' ? vaultNamespace(d.name, c) : undefined;
          if (ns !== undefined && ns !== `${d.name}.${c.name}`) {
            if (d.consent?.required === true) consent.add(ns);
            if (d.subject !== undefined) scoped(ns, `${contract.id}/${d.name}`);
            const before = columns.get(ns);
            if (before !== undefined && (before['classification'] !== attributes.classification || JSON.stringify(before['allowedPurposes']) !== JSON.stringify(attributes.allowedPurposes))) {
              throw new CordonError('ERR_CONTRACT_INVALID', `${n}: vault namespace ${ns} is shared by columns with different classifications or purposes`);
            }
            if (before === undefined) columns.set(ns, attributes);
            else if (before['tenant'] !== (attributes as ResourceAttributes)['tenant']) throw new CordonError('ERR_CONTRACT_INVALID', `${n}: ${ns} is declared by another contract with another tenant`);
          }
        }
      }
    }
    return new ResourceCatalog(columns, contracts, consent, byId, scopes);
  }

  /** Whether the column's contract requires the data subject's consent (cordonConsent). */
  consentRequired(namespace: string): boolean {
    return this.#consent.has(namespace);
  }

  /** The subject scopes (`<contract id>/<dataset>`) of the datasets declaring the column or vault namespace; none for one without a subject column. */
  subjectScopes(namespace: string): readonly string[] {
    return this.#scopes.get(namespace) ?? [];
  }

  /** A column's attributes by its namespace (`dataset.column`); just `{}` for one no contract declares. */
  column(namespace: string): ResourceAttributes {
    return this.#columns.get(namespace) ?? {};
  }

  /** A contract's `tenant` and `owner` by its `id` (POST /v1/erase names contracts so); `{}` for an unknown contract or one without them. */
  contractById(id: string): ResourceAttributes {
    return this.#byId.get(id) ?? {};
  }

  /** A contract's `tenant` and `owner` by its file stem; `{}` for an unknown contract or one without them. */
  contract(name: string): ResourceAttributes {
    return this.#contracts.get(name) ?? {};
  }
}
