// The demo's data contract: the draft `cordon contract init` would write for the scanned columns,
// with the edits a reviewer would make by hand. One allowed purpose on one tokenized column, so a
// reveal can be shown. Edits go through the YAML document, keeping comments. Pure: scan results in, YAML text out.
import { isMap, isSeq, parseDocument, type Document, type YAMLMap } from 'yaml';
import { draftContract } from '../contracts/draft-contract.js';
import { parseContract } from '../contracts/parse-contract.js';
import { selectDataset } from '../contracts/select-dataset.js';
import type { Contract } from '../contracts/types.js';
import { randomId } from '../crypto/random.js';
import type { ColumnClassification } from '../detect/columns/index.js';
import { CordonError } from '../errors.js';

export interface DemoContract {
  readonly text: string;
  readonly contract: Contract;
  /** The tokenized column given the allowed purpose. */
  readonly revealColumn: string;
}

/**
 * Columns preferred for the reveal, in order; otherwise the first tokenized column that is not
 * restricted: revealing restricted data needs MFA (forbid.restricted-reveal-without-mfa in the
 * example policies), which a CLI caller cannot assert.
 */
const REVEAL_PREFERENCE = ['phone', 'last_name'];

function _customProperty(doc: Document, column: string, property: string): YAMLMap | undefined {
  const props = doc.getIn(['schema', 0, 'properties']);
  if (!isSeq(props)) return undefined;
  for (const p of props.items) {
    if (!isMap(p) || p.get('name') !== column) continue;
    const custom = p.get('customProperties');
    if (!isSeq(custom)) return undefined;
    return custom.items.find((c): c is YAMLMap => isMap(c) && c.get('property') === property);
  }
  return undefined;
}

/**
 * Drafts the contract for `columns` (as `cordon contract init` does) and grants `purpose` on one
 * tokenized column.
 *
 * @example
 * ```ts
 * const c = draftDemoContract({ dataset: 'customers', columns, purpose: 'fraud-investigation', source: 'customers.csv' });
 * c.revealColumn // 'ssn'
 * ```
 */
export function draftDemoContract(input: { dataset: string; columns: readonly ColumnClassification[]; purpose: string; source: string }): DemoContract {
  const draft = draftContract({ dataset: input.dataset, id: randomId(), columns: input.columns, source: input.source });
  const drafted = selectDataset(parseContract(draft));
  const tokenized = drafted.columns.filter((c) => c.protect?.operator === 'tokenize' && c.classification !== 'restricted').map((c) => c.name);
  const revealColumn = REVEAL_PREFERENCE.find((n) => tokenized.includes(n)) ?? tokenized[0];
  if (revealColumn === undefined) throw new CordonError('ERR_INTERNAL', 'the demo draft tokenizes no column that is not restricted');

  const doc = parseDocument(draft);
  const purposes = _customProperty(doc, revealColumn, 'cordonPurposes');
  if (purposes === undefined) throw new CordonError('ERR_INTERNAL', `the demo draft has no cordonPurposes for ${revealColumn}`);
  purposes.set('value', doc.createNode([input.purpose]));
  purposes.commentBefore = ` cordon demo: ${input.purpose} may reveal this column (the workspace's Cedar policies must also allow it)`;

  const text = doc.toString({ lineWidth: 0 });
  return { text, contract: parseContract(text), revealColumn };
}
