// Reveal: the original values behind protected ones, for a caller whose declared purpose both the
// contract (the column's cordonPurposes) and the local policy file (principal → purposes) allow.
// Until the policy engine arrives, that file decides; without it nothing is revealed (fail closed).
// Every attempt, allowed or denied, is an audit event with counts and ids only.
import { checkWellFormed, CordonError } from '../errors.js';
import type { Contract } from '../contracts/types.js';
import { selectDataset } from '../contracts/select-dataset.js';
import type { Keyring } from '../keys/keyring.js';
import { prepareOperator } from '../transform/registry.js';
import type { OperatorKeys } from '../transform/types.js';
import { OPERATOR_PURPOSES } from './protect-records.js';
import { loadOperatorKeys } from './operator-keys.js';

/** `policy.json`: which purposes each principal may declare. */
export interface RevealPolicy {
  readonly principals: Readonly<Record<string, readonly string[]>>;
}

export interface Detokenizer {
  detokenize(namespace: string, tokens: readonly string[]): Promise<Array<string | undefined>>;
}

/** Parses and checks a policy document. */
export function parseRevealPolicy(text: string): RevealPolicy {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new CordonError('ERR_CONFIG_INVALID', 'the policy file is not valid JSON');
  }
  const principals = (doc as { principals?: unknown }).principals;
  if (typeof principals !== 'object' || principals === null || Array.isArray(principals)
    || !Object.values(principals).every((v) => Array.isArray(v) && v.every((x) => typeof x === 'string'))) {
    throw new CordonError('ERR_CONFIG_INVALID', 'the policy file must be {"principals": {"<principal>": ["<purpose>", …]}}');
  }
  return { principals: principals as Record<string, string[]> };
}

export interface RevealInput {
  readonly contract: Contract;
  readonly dataset?: string;
  readonly column: string;
  readonly purpose: string;
  readonly principal: string;
  /** Undefined when there is no policy file: then every reveal is denied. */
  readonly policy: RevealPolicy | undefined;
  readonly values: readonly string[];
  readonly keyring: Keyring;
  readonly vault?: Detokenizer;
}

/** The purposes `policy` grants `principal`: own entries only, so "__proto__" or "constructor" grant nothing. */
function grantedPurposes(policy: RevealPolicy | undefined, principal: string): readonly string[] {
  if (policy === undefined || !Object.hasOwn(policy.principals, principal)) return [];
  const granted = policy.principals[principal];
  return Array.isArray(granted) ? granted : [];
}

/**
 * The original values, in order (undefined for a token the vault does not hold). Every attempt is
 * audited, refused ones too (an unknown column or dataset, a denied purpose, a failed reveal).
 */
export async function revealValues(input: RevealInput): Promise<Array<string | undefined>> {
  let dataset = input.dataset;
  let operator = 'none';
  // Every event of this reveal (the reveal itself, the key unwraps it needs) names the principal
  // the decision was made for, not the identity the keyring was opened with.
  const keyring = input.keyring.as(input.principal);
  const audit = (outcome: 'success' | 'failure', reason?: string): void => keyring.record('token.reveal', outcome, { name: operator }, {
    ...(reason ? { reason } : {}),
    attributes: { ...(dataset !== undefined ? { dataset } : {}), column: input.column, purpose: input.purpose, count: input.values.length, contract: input.contract.id },
  });
  try {
    input.values.forEach((v, i) => checkWellFormed(v, `protected value ${i + 1}`, { index: i }));
    const ds = selectDataset(input.contract, input.dataset);
    dataset = ds.name;
    const col = ds.columns.find((c) => c.name === input.column);
    if (col === undefined) throw new CordonError('ERR_USAGE', `the contract has no column ${JSON.stringify(input.column)} in ${ds.name}`);
    operator = col.protect?.operator ?? 'none';
    const allowedByContract = col.purposes.includes(input.purpose);
    const allowedByPolicy = grantedPurposes(input.policy, input.principal).includes(input.purpose);
    if (!allowedByContract || !allowedByPolicy) {
      throw new CordonError('ERR_POLICY_DENIED', !allowedByContract
        ? `the contract does not allow purpose ${JSON.stringify(input.purpose)} to reveal ${ds.name}.${col.name}`
        : input.policy === undefined
          ? 'no policy file: nothing can be revealed until the data owner writes one (docs/reveal.md)'
          : `the policy does not allow ${input.principal} to declare purpose ${JSON.stringify(input.purpose)}`);
    }
    const spec = col.protect;
    let out: Array<string | undefined>;
    if (spec?.operator === 'tokenize') {
      if (input.vault === undefined) throw new CordonError('ERR_INTERNAL', 'revealing tokens needs the vault');
      out = await input.vault.detokenize(`${ds.name}.${col.name}`, input.values);
    } else {
      const op = spec === undefined ? undefined : prepareOperator(spec.operator, spec.params);
      if (op?.invert === undefined) throw new CordonError('ERR_INPUT_INVALID', `column ${JSON.stringify(col.name)} is protected with ${spec?.operator ?? 'no operator'}, which cannot be reversed`);
      const keys: OperatorKeys = await loadOperatorKeys(keyring, OPERATOR_PURPOSES[op.name] ?? [], { allVersions: true });
      out = input.values.map((v) => op.invert!(v, { dataset: ds.name, field: col.name, keys }));
    }
    audit('success');
    return out;
  } catch (e) {
    audit('failure', e instanceof CordonError ? e.code : 'ERR_INTERNAL');
    throw e;
  }
}
