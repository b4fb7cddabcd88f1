// A chunk's tags from its detected entities and the contract: the tenant is the contract's; the
// classification is the highest of the document's base and of each entity's column in the contract
// (an entity the contract does not declare counts as confidential, fail closed, as a column without
// a classification does); allowedPurposes is what every declared entity's column allows (the
// intersection: a purpose reaches the chunk only if it may reach each value in it). A chunk with no
// entity may be used for any purpose some column of the dataset declares. Pure.
import { CLASSIFICATIONS, type Classification, type ContractDataset } from '../contracts/types.js';
import type { ChunkTags } from './types.js';

const RANK = new Map<Classification, number>(CLASSIFICATIONS.map((c, i) => [c, i]));
const higher = (a: Classification, b: Classification): Classification => (RANK.get(a)! >= RANK.get(b)! ? a : b);

export interface ClassifyOptions {
  /** The contract's tenant. */
  readonly tenant?: string;
  /** The lowest classification any chunk gets (default 'internal'). */
  readonly base?: Classification;
}

/**
 * @example
 * classifyChunk(['EMAIL_ADDRESS'], dataset, { tenant: 'acme' })
 * // { tenant: 'acme', classification: 'confidential', allowedPurposes: ['support'], entities: ['EMAIL_ADDRESS'] }
 */
export function classifyChunk(entities: readonly string[], dataset: ContractDataset, options: ClassifyOptions = {}): ChunkTags {
  const kinds = [...new Set(entities)].sort();
  let classification: Classification = options.base ?? 'internal';
  let purposes: Set<string> | undefined;
  for (const kind of kinds) {
    const columns = dataset.columns.filter((c) => c.entity === kind);
    if (columns.length === 0) {
      classification = higher(classification, 'confidential');
      purposes = new Set();
      continue;
    }
    for (const c of columns) {
      classification = higher(classification, c.classification);
      const allowed = new Set(c.purposes);
      purposes = purposes === undefined ? allowed : new Set([...purposes].filter((p) => allowed.has(p)));
    }
  }
  if (kinds.length === 0) purposes = new Set(dataset.columns.flatMap((c) => c.purposes));
  return {
    ...(options.tenant !== undefined ? { tenant: options.tenant } : {}),
    classification,
    allowedPurposes: [...(purposes ?? [])].sort(),
    entities: kinds,
  };
}
