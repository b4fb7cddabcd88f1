// The params of the tokenize operator, which the protect run provides itself (it needs the token
// vault, so it is not a transform/ operator). Parsed when the contract loads (parse-contract.ts)
// and again when the run plans its columns; the vault checks the format it is given once more.
// Its own file so that the protect workers plan columns without loading the contract parser.
import { CordonError } from '../errors.js';

/** tokenize's params, as the protect run passes them to the vault (docs/vault.md#token-formats). */
export interface TokenizeParams {
  readonly format: { readonly kind: 'token' | 'preserve'; readonly keepLast: number };
}

/** The most trailing characters a preserve token keeps (the vault's MAX_KEEP_LAST). */
const TOKENIZE_MAX_KEEP_LAST = 16;

/**
 * Parses tokenize's params: `format` ("token", the default, or "preserve": same length and
 * character class at each position) and, with "preserve", `keepLast` (0-16 trailing characters
 * kept). ERR_INPUT_INVALID names the param.
 */
export function parseTokenizeParams(params: Readonly<Record<string, unknown>>): TokenizeParams {
  const unknown = Object.keys(params).filter((k) => k !== 'format' && k !== 'keepLast');
  if (unknown.length > 0) throw new CordonError('ERR_INPUT_INVALID', `operator tokenize has no parameter ${unknown.map((k) => JSON.stringify(k)).join(', ')} (it takes "format" and "keepLast")`);
  const kind = params['format'] ?? 'token';
  if (kind !== 'token' && kind !== 'preserve') throw new CordonError('ERR_INPUT_INVALID', 'tokenize param "format" must be "token" (tok_… tokens) or "preserve" (the value\'s length and character classes)');
  const keepLast = params['keepLast'];
  if (keepLast !== undefined) {
    if (kind !== 'preserve') throw new CordonError('ERR_INPUT_INVALID', 'tokenize param "keepLast" needs "format: preserve"');
    if (typeof keepLast !== 'number' || !Number.isInteger(keepLast) || keepLast < 0 || keepLast > TOKENIZE_MAX_KEEP_LAST) throw new CordonError('ERR_INPUT_INVALID', `tokenize param "keepLast" must be an integer from 0 to ${TOKENIZE_MAX_KEEP_LAST}`);
  }
  return { format: { kind, keepLast: (keepLast as number | undefined) ?? 0 } };
}
