// The recognizer list a run uses: the built-in recognizers followed by a recognizer document's own.
// Apart from load-recognizers.ts because it loads every built-in recognizer (and libphonenumber's
// metadata), which parsing a contract does not need.
import { DEFAULT_RECOGNIZERS } from '../detect/registry.js';
import type { Recognizer } from '../detect/types.js';
import { customOf } from './load-recognizers.js';
import type { RecognizerDoc } from './types.js';

const withBuiltIn = new WeakMap<RecognizerDoc, readonly Recognizer[]>();

/**
 * The built-in recognizers followed by the document's own, or the built-in ones alone. One list per
 * document (cached), so detection's per-list caches (profiles, custom entities) hold.
 *
 * @example
 * ```ts
 * analyze(text, withCustomRecognizers(contract.recognizers?.doc))
 * ```
 */
export function withCustomRecognizers(doc: RecognizerDoc | undefined): readonly Recognizer[] {
  if (doc === undefined) return DEFAULT_RECOGNIZERS;
  let out = withBuiltIn.get(doc);
  if (out === undefined) withBuiltIn.set(doc, (out = [...DEFAULT_RECOGNIZERS, ...customOf(doc)]));
  return out;
}
