// Reveal: the original values behind protected ones, when the Cedar policies allow the caller the
// action `reveal` on the column (a Cordon::Column with the contract's classification, cordonPurposes
// as allowedPurposes, dataset, tenant and owner, as the service sees it) for the declared purpose.
// The policies decide alone (issue 14 item 6: one policy model for CLI and service); without them
// nothing is revealed (fail closed). Every attempt, allowed or denied, is an audit event with counts,
// ids and the deciding policy ids only.
import { checkWellFormed, CordonError, decryptionFailed } from '../errors.js';
import type { Contract } from '../contracts/types.js';
import { selectDataset } from '../contracts/select-dataset.js';
import { vaultNamespace } from '../contracts/vault-namespace.js';
import type { Keyring } from '../keys/keyring.js';
import { listElements, listOrUndefined, mapListText, relist } from '../io/list-text.js';
import { prepareOperator } from '../transform/registry.js';
import type { OperatorKeys } from '../transform/types.js';
import { numberValue, walkNumber, walksNumbers } from '../transform/number-walk.js';
import type { AuthzDecision, AuthzRequest, AttributeValue } from '../policy/types.js';
import { OPERATOR_PURPOSES } from './column-plan.js';
import { loadOperatorKeys } from './operator-keys.js';
import type { SubjectKeyLookup } from './subject-keys.js';
import { openForSubject, subjectKeyIdOf } from '../transform/operators/encrypt-subject.js';

/** Decides a reveal: src/policy's PolicyEngine (one method, so tests may pass their own). */
export interface RevealAuthorizer {
  authorize(request: AuthzRequest): AuthzDecision;
}

export interface Detokenizer {
  detokenize(namespace: string, tokens: readonly string[]): Promise<Array<string | undefined>>;
}

export interface RevealInput {
  readonly contract: Contract;
  readonly dataset?: string;
  readonly column: string;
  readonly purpose: string;
  readonly principal: string;
  /** The caller's roles (Cedar parents `Cordon::Role::"…"`); none by default. */
  readonly roles?: readonly string[];
  /** The caller's tenant (`principal.tenant`); none by default. */
  readonly tenant?: string;
  /** The Cedar policies; undefined when there are none: then every reveal is denied. */
  readonly policy: RevealAuthorizer | undefined;
  readonly values: readonly string[];
  /**
   * The data subject's consent to the purpose, from the consent registry (docs/consent.md): given to
   * the policies as context.consent; a dataset whose contract requires consent reveals nothing without it.
   */
  readonly consent?: boolean;
  /**
   * The named data subject's erasure is recorded (a tombstone in the dataset's scope, docs/erasure.md):
   * nothing is revealed, whatever the policies or the registry say.
   */
  readonly subjectErased?: boolean;
  readonly keyring: Keyring;
  readonly vault?: Detokenizer;
  /** Subject keys by key id, for a column encrypted with keyScope subject (src/erasure/subject-keys.ts). */
  readonly subjectKeys?: SubjectKeyLookup;
}

/** The column as the policies see it: the same attributes the service's resource catalog gives it. */
function columnResource(contract: Contract, dataset: string, column: { name: string; classification: string; purposes: readonly string[] }): AuthzRequest['resource'] {
  const attributes: Record<string, AttributeValue> = { classification: column.classification, allowedPurposes: [...column.purposes], dataset };
  if (contract.tenant !== undefined) attributes.tenant = contract.tenant;
  if (contract.owner !== undefined) attributes.owner = contract.owner;
  return { type: 'column', id: `${dataset}.${column.name}`, attributes };
}

/**
 * The original values, in order (undefined for a token the vault does not hold). Every attempt is
 * audited, refused ones too (an unknown column or dataset, a denied purpose, a failed reveal).
 */
export async function revealValues(input: RevealInput): Promise<Array<string | undefined>> {
  let dataset = input.dataset;
  let operator = 'none';
  let policies: readonly string[] = [];
  // Every event of this reveal (the reveal itself, the key unwraps it needs) names the principal
  // the decision was made for, not the identity the keyring was opened with.
  const keyring = input.keyring.as(input.principal);
  const audit = (outcome: 'success' | 'failure', reason?: string): void => keyring.record('token.reveal', outcome, { name: operator }, {
    ...(reason ? { reason } : {}),
    attributes: {
      ...(dataset !== undefined ? { dataset } : {}), column: input.column, purpose: input.purpose, count: input.values.length, contract: input.contract.id,
      ...(policies.length > 0 ? { policies: policies.join(',') } : {}), ...(input.consent !== undefined ? { consent: input.consent } : {}),
    },
  });
  try {
    input.values.forEach((v, i) => checkWellFormed(v, `protected value ${i + 1}`, { index: i }));
    const ds = selectDataset(input.contract, input.dataset);
    dataset = ds.name;
    const col = ds.columns.find((c) => c.name === input.column);
    if (col === undefined) throw new CordonError('ERR_USAGE', `the contract has no column ${JSON.stringify(input.column)} in ${ds.name}`);
    operator = col.protect?.operator ?? 'none';
    if (input.subjectErased === true) throw new CordonError('ERR_SUBJECT_ERASED', 'the data subject was erased (docs/erasure.md): nothing of theirs is revealed');
    // Fail closed, before the policies: the contract, not a policy, says consent is needed.
    if (ds.consent?.required === true && input.consent !== true) {
      throw new CordonError('ERR_CONSENT_MISSING', input.consent === undefined
        ? `dataset ${ds.name} requires the data subject's consent (cordonConsent): name the subject (--subject) so the consent registry can be checked`
        : `the data subject has not granted purpose ${JSON.stringify(input.purpose)} (never granted, or withdrawn): nothing is revealed`);
    }
    if (input.policy === undefined) {
      throw new CordonError('ERR_POLICY_DENIED', 'no policies: nothing can be revealed until the workspace has a policy folder (docs/reveal.md)');
    }
    const decision = input.policy.authorize({
      principal: { id: input.principal, kind: 'user', roles: input.roles ?? [], attributes: {}, ...(input.tenant !== undefined ? { tenant: input.tenant } : {}) },
      action: 'reveal',
      resource: columnResource(input.contract, ds.name, col),
      context: { purpose: input.purpose, ...(input.consent !== undefined ? { consent: input.consent } : {}), time: new Date().toISOString() },
    });
    policies = decision.policies;
    if (!decision.allowed) {
      const why = decision.policies.length > 0 ? ` (forbidden by ${decision.policies.join(', ')})` : decision.errors.length > 0 ? ` (${decision.errors.join('; ')})` : ' (no policy permits it)';
      throw new CordonError('ERR_POLICY_DENIED', `the policies do not allow ${input.principal} to reveal ${ds.name}.${col.name} for purpose ${JSON.stringify(input.purpose)}${why}`);
    }
    const spec = col.protect;
    // A list column was protected element by element (io/list-text.ts): a value given as a list
    // (its JSON text) is revealed element by element and comes back as a list; one element alone as a value.
    const lists = col.logicalType === 'array' ? input.values.map(listOrUndefined) : undefined;
    const values = lists === undefined ? input.values : input.values.flatMap((v, i) => (lists[i] === undefined ? [v] : listElements(lists[i]!)));
    let out: Array<string | undefined>;
    if (spec?.operator === 'tokenize') {
      if (input.vault === undefined) throw new CordonError('ERR_INTERNAL', 'revealing tokens needs the vault');
      out = await input.vault.detokenize(vaultNamespace(ds.name, col), values);
    } else if (spec?.keyScope === 'subject') {
      // Each value names its subject's key; a destroyed key is an erased subject (crypto-shredded).
      if (input.subjectKeys === undefined) throw new CordonError('ERR_INTERNAL', 'revealing subject-keyed values needs the subject index');
      const kids = values.map(subjectKeyIdOf);
      const keys = await input.subjectKeys.byIds(kids);
      const where = { dataset: ds.name, field: col.name };
      out = values.map((v, i) => {
        const k = keys.get(Buffer.from(kids[i]!).toString('hex'));
        if (k === 'destroyed') throw new CordonError('ERR_SUBJECT_ERASED', `value ${i + 1}: the data subject was erased, its key is destroyed (docs/erasure.md#subject-keys)`, { details: { index: i } });
        if (k === undefined) throw decryptionFailed();
        return openForSubject(v, where, k);
      });
    } else {
      const op = spec === undefined ? undefined : prepareOperator(spec.operator, spec.params);
      if (op?.invert === undefined) throw new CordonError('ERR_INPUT_INVALID', `column ${JSON.stringify(col.name)} is protected with ${spec?.operator ?? 'no operator'}, which cannot be reversed`);
      const keys: OperatorKeys = await loadOperatorKeys(keyring, OPERATOR_PURPOSES[op.name] ?? [], { allVersions: true });
      const ctx = { dataset: ds.name, field: col.name, keys };
      // fpe on a number column walked the cycle on the way in (transform/number-walk.ts): walk back.
      const type = col.logicalType;
      const invert = (v: string): string => (op.name === 'fpe' && walksNumbers(type) ? walkNumber((t) => op.invert!(t, ctx), v, type) : op.invert!(v, ctx));
      if (op.name === 'fpe' && lists !== undefined) {
        // fpe walked a list's number elements on the way in (apply-block.ts): walk them back, list by list.
        const back = (v: string): string => mapListText(v, (e, num) => (num ? numberValue(walkNumber((t) => op.invert!(t, ctx), e, 'number')) : op.invert!(e, ctx)));
        out = input.values.map((v, i) => (lists[i] === undefined ? invert(v) : back(v)));
        audit('success');
        return out;
      }
      out = values.map(invert);
    }
    if (lists !== undefined) out = relist(input.values, lists, out);
    audit('success');
    return out;
  } catch (e) {
    audit('failure', e instanceof CordonError ? e.code : 'ERR_INTERNAL');
    throw e;
  }
}
