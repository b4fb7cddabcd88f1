// A data contract as Cordon uses it: the ODCS document reduced to what protection needs, per
// dataset (an ODCS schema object) and column (an ODCS property). Pure data.
import type { PrivacyBudget } from './privacy-budget.js';
import type { ConsentSpec } from './consent-spec.js';
import type { RetentionSpec } from './retention-spec.js';
import type { RiskRole } from './risk-spec.js';

export const CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** A column's protection: an operator name and its raw parameters (validated by the operator). */
export interface ProtectSpec {
  readonly operator: string;
  readonly params: Readonly<Record<string, unknown>>;
  /**
   * `subject`: `encrypt` under the data subject's own key (crypto-shredding, docs/erasure.md#subject-keys);
   * absent: the workspace's key for the operator.
   */
  readonly keyScope?: 'subject';
  /** tokenize only: the vault namespace (vault-namespace.ts); absent: `<dataset>.<column>`. */
  readonly namespace?: string;
}

export interface ContractColumn {
  readonly name: string;
  readonly logicalType?: string;
  readonly required: boolean;
  /** ODCS `primaryKey`: the first such column identifies the data subject (date-shift). */
  readonly primaryKey?: boolean;
  /** ODCS `classification`; a column without one is treated as confidential (fail closed). */
  readonly classification: Classification;
  /** customProperties cordonEntity: the detected or declared entity (PERSON, EMAIL_ADDRESS…). */
  readonly entity?: string;
  /** customProperties cordonProtect. */
  readonly protect?: ProtectSpec;
  /** customProperties cordonPurposes: purposes allowed to reveal this column's values. */
  readonly purposes: readonly string[];
  /** customProperties cordonRisk: quasi-identifier (with its generalization hierarchy) or sensitive (docs/privacy.md). */
  readonly risk?: RiskRole;
  /** customProperties cordonRetention on the property: how long this column's values may be kept (shorter than its dataset's). */
  readonly retention?: RetentionSpec;
  /**
   * customProperties cordonNullValues — the column's own, else its schema object's, else the
   * contract's: a cell that is exactly one of these holds no value (io/null-values.ts). Absent: only
   * an empty cell is empty.
   */
  readonly nullValues?: readonly string[];
}

/**
 * The contract's custom recognizers (top-level customProperties cordonRecognizers): a recognizer
 * document, plain data (it crosses to worker threads; compile it with withCustomRecognizers), the
 * digest of its text, and where it came from ('inline' or the file as the contract names it).
 */
export interface ContractRecognizers {
  readonly doc: RecognizerDoc;
  readonly sha256: string;
  readonly source: string;
  /** The custom entity names it defines. */
  readonly entities: readonly string[];
}

/** A recognizer file's content as data: `{ recognizers: [...] }` (docs/detect.md). */
export interface RecognizerDoc {
  readonly recognizers: readonly unknown[];
}

export interface ContractDataset {
  readonly name: string;
  readonly columns: readonly ContractColumn[];
  /** The contract's custom recognizers, when it has some: protect's checks and the text operator use them. */
  readonly recognizers?: ContractRecognizers;
  /** The column holding the data subject's id (the first `primaryKey` column), for date-shift. */
  readonly subject?: string;
  /** customProperties cordonPrivacyBudget (the schema object's, else the contract's): DP queries spend it. */
  readonly privacyBudget?: PrivacyBudget;
  /** customProperties cordonConsent (the schema object's, else the contract's): docs/consent.md. */
  readonly consent?: ConsentSpec;
  /** customProperties cordonRetention (the schema object's, else the contract's): an ISO 8601 duration. */
  readonly retention?: RetentionSpec;
}

export interface Contract {
  readonly id: string;
  readonly name?: string;
  readonly version: string;
  readonly status: string;
  /** ODCS `tenant`: the organisation the data belongs to (authorization keeps tenants apart). */
  readonly tenant?: string;
  /**
   * Who owns the data: the ODCS v3.1 `team` object's `name`, else (the older team array) the
   * `username` of the first member whose `role` is `owner`.
   */
  readonly owner?: string;
  readonly datasets: readonly ContractDataset[];
  /** Custom recognizers the contract carries (every dataset has the same). */
  readonly recognizers?: ContractRecognizers;
  /** SHA-256 (hex) of the contract text as loaded: what run manifests record. */
  readonly sha256: string;
}
