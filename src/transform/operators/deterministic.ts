// deterministic: AES-SIV (RFC 5297) under a `deterministic` key. Equal values give equal tokens, so
// joins and group-bys still work on the protected column, and the key holder can invert. The only
// context in the associated data is the key version and a stable `scope` label (default
// `default`), not dataset or field: tokens must match across datasets to join. Tokens name the key
// version (`det_v<version>_<base64url>`) so they can still be inverted after rotation.
// Leaks equality (by design) and length (the ciphertext is as long as the value plus 16 bytes).
import { aesSivOpen, aesSivSeal, aesSivSealEach } from '../../crypto/index.js';
import { checkWellFormed } from '../../errors.js';
import type { ColumnResult, Operator, OperatorContext } from '../types.js';
import { encodeParts, fromUtf8, parseVersionedToken, toBase64url, utf8 } from '../encoding.js';
import { paramObject, scopeParam } from '../params.js';

export interface DeterministicParams {
  /** Join scope: only tokens made under the same scope (and key) are equal and invertible. Default `default`. */
  readonly scope: string;
}

const PREFIX = 'det_';

/** Associated data per (scope, version): public, a handful per run, built once instead of per value. */
const ADS = new Map<string, readonly Uint8Array[]>();
const ADS_LIMIT = 256;

function ad(scope: string, version: number): readonly Uint8Array[] {
  const k = `${version}\u0000${scope}`;
  let a = ADS.get(k);
  if (a === undefined) {
    if (ADS.size >= ADS_LIMIT) ADS.clear();
    ADS.set(k, (a = [encodeParts('cordon/deterministic/v1', scope, String(version))]));
  }
  return a;
}

function apply(value: string, params: DeterministicParams, ctx: OperatorContext): string {
  const { version, material } = ctx.keys.material('deterministic');
  return `${PREFIX}v${version}_${toBase64url(aesSivSeal(material, utf8(value), ad(params.scope, version)))}`;
}

/**
 * `apply` over a column: the first value goes through `apply` itself (so a key or value it refuses
 * fails as apply fails), the others are checked in order (utf8's well-formedness rule, the only
 * per-value failure left) and sealed together by aesSivSealEach (a few ECB calls for the batch; the
 * same bytes as aesSivSeal value by value).
 */
function applyColumn(values: readonly string[], params: DeterministicParams, ctx: OperatorContext): ColumnResult {
  if (values.length === 0) return { out: [] };
  const out: string[] = [];
  try {
    out.push(apply(values[0]!, params, ctx));
  } catch (e) {
    return { out, error: { index: 0, error: e } };
  }
  let stop = values.length;
  let error: ColumnResult['error'];
  for (let i = 1; i < values.length; i++) {
    try {
      checkWellFormed(values[i]!, 'the value');
    } catch (e) {
      error = { index: i, error: e };
      stop = i;
      break;
    }
  }
  if (stop > 1) {
    const { version, material } = ctx.keys.material('deterministic');
    const { ivs, ciphertexts } = aesSivSealEach(material, ad(params.scope, version), values.slice(1, stop));
    const head = `${PREFIX}v${version}_`;
    ciphertexts.forEach((c, k) => {
      const vc = Buffer.allocUnsafe(16 + c.length);
      ivs.copy(vc, 0, k * 16, k * 16 + 16);
      vc.set(c, 16);
      out.push(head + toBase64url(vc));
    });
  }
  return { out, ...(error !== undefined ? { error } : {}) };
}

/** @example deterministic.apply('Ann', {scope:'default'}, ctx) // 'det_v1_…' (same every time) */
export const deterministic: Operator<DeterministicParams> = {
  name: 'deterministic',
  reversible: true,
  parseParams(raw) {
    const o = paramObject('deterministic', raw, ['scope']);
    return { scope: scopeParam('deterministic', o, 'default') };
  },
  apply,
  applyColumn,
  invert(token, params, ctx) {
    const { version, body } = parseVersionedToken(PREFIX, token);
    const material = ctx.keys.materialVersion('deterministic', version);
    return fromUtf8(aesSivOpen(material, body, ad(params.scope, version)));
  },
};
