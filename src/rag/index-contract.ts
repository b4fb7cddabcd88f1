// The contracts an index was ingested with. Ingestion records each one in the index's metadata
// (identity, the SHA-256 of its text, its custom recognizers); a query redacts with the recorded
// recognizers, so the question is redacted as the chunks were even when the caller names no contract.
// A query that names a contract must name one the index recorded (ERR_RAG_CONTRACT_MISMATCH): its
// recognizers then redact the question alone. Pure; no I/O.
import { checkedDoc, customOf } from '../contracts/load-recognizers.js';
import type { Contract, RecognizerDoc } from '../contracts/types.js';
import { withCustomRecognizers } from '../contracts/with-custom-recognizers.js';
import { DEFAULT_RECOGNIZERS } from '../detect/registry.js';
import type { Recognizer } from '../detect/types.js';
import { CordonError } from '../errors.js';
import type { IndexContract, IndexMeta } from './types.js';

/** What an index records of a contract it was ingested with. */
export function indexContract(c: Contract): IndexContract {
  return {
    id: c.id, ...(c.name !== undefined ? { name: c.name } : {}), version: c.version, sha256: c.sha256,
    ...(c.recognizers !== undefined ? { recognizers: c.recognizers.doc } : {}),
  };
}

/**
 * The contracts to record after an ingestion: `added` for a new index; the known ones with the new
 * digests appended; the same list (===) when none is new. An index that exists without a record
 * (built before contracts were recorded) stays without one: its earlier chunks' contract is unknown.
 */
export function withIndexContracts(known: IndexMeta | undefined, added: readonly IndexContract[] | undefined): readonly IndexContract[] | undefined {
  if (known === undefined) return added;
  const list = known.contracts;
  if (list === undefined || added === undefined) return list;
  const fresh = added.filter((c, i) => !list.some((k) => k.sha256 === c.sha256) && added.findIndex((d) => d.sha256 === c.sha256) === i);
  return fresh.length === 0 ? list : [...list, ...fresh];
}

/** A contract for a message: name (or id), version and a digest prefix; never its content. */
const describe = (c: Pick<Contract, 'id' | 'name' | 'version' | 'sha256'>): string => `${c.name ?? c.id} ${c.version} (sha256:${c.sha256.slice(0, 12)}…)`;

/**
 * The recognizers that redact a query of this index: the given contract's when the caller names
 * one (it must be one the index recorded, ERR_RAG_CONTRACT_MISMATCH otherwise), else the built-in
 * ones and every recorded contract's. An index built before contracts were recorded accepts any
 * contract, and without one redacts with the built-in recognizers only.
 */
export function queryRecognizers(index: string, meta: IndexMeta, given?: Contract): readonly Recognizer[] {
  const known = meta.contracts ?? [];
  if (given !== undefined) {
    if (known.length > 0 && !known.some((k) => k.sha256 === given.sha256)) {
      throw new CordonError('ERR_RAG_CONTRACT_MISMATCH', `index ${index} was not ingested with the contract ${describe(given)} (it was with ${known.map(describe).join(', ')}): name one of those, or leave --contract out`);
    }
    return withCustomRecognizers(given.recognizers?.doc);
  }
  const docs = known.flatMap((k) => (k.recognizers !== undefined ? [k.recognizers] : []));
  // One document: the cached list (detection caches per list); several: built-in followed by each one's.
  if (docs.length <= 1) return withCustomRecognizers(docs[0]);
  return [...DEFAULT_RECOGNIZERS, ...docs.flatMap((d: RecognizerDoc) => customOf(d))];
}

/** The recorded contracts read back from an index's metadata file, checked (ERR_CONFIG_INVALID when they are not). */
export function parseIndexContracts(v: unknown, where: string): IndexContract[] {
  const bad = (): never => { throw new CordonError('ERR_CONFIG_INVALID', `${where}: the recorded contracts are not valid`); };
  if (!Array.isArray(v)) return bad();
  return v.map((e: unknown) => {
    if (typeof e !== 'object' || e === null || Array.isArray(e)) return bad();
    const o = e as Record<string, unknown>;
    if (typeof o.id !== 'string' || typeof o.version !== 'string' || typeof o.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(o.sha256)) return bad();
    if (o.name !== undefined && typeof o.name !== 'string') return bad();
    let recognizers: RecognizerDoc | undefined;
    if (o.recognizers !== undefined) {
      try {
        recognizers = checkedDoc(o.recognizers);
      } catch {
        return bad();
      }
    }
    return {
      id: o.id, ...(typeof o.name === 'string' ? { name: o.name } : {}), version: o.version, sha256: o.sha256,
      ...(recognizers !== undefined ? { recognizers } : {}),
    };
  });
}
