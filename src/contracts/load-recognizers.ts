// Custom recognizer files as contracts, scan, protect and the server use them: the YAML text (JSON
// is a subset) becomes a checked document — plain data, so it crosses to worker threads and into a
// contract — and a document becomes the recognizer list (the built-in ones plus the custom ones).
// The YAML parser lives here because detect/ imports no parser; detect/custom/parse-recognizers.ts
// checks the content. The built-in recognizers are joined in with-custom-recognizers.ts, so that
// loading a contract does not load them.
import { parse } from 'yaml';
import { CordonError } from '../errors.js';
import { sha256 } from '../crypto/hash.js';
import { parseRecognizers } from '../detect/custom/parse-recognizers.js';
import type { Recognizer } from '../detect/types.js';
import type { ContractRecognizers, RecognizerDoc } from './types.js';

/** Longest recognizer file accepted. */
export const MAX_RECOGNIZERS_FILE = 1024 * 1024;

const compiled = new WeakMap<RecognizerDoc, readonly Recognizer[]>();

/**
 * The recognizers a document defines, checked (ERR_RECOGNIZERS_INVALID). Cached per document.
 */
export function customOf(doc: RecognizerDoc): readonly Recognizer[] {
  let out = compiled.get(doc);
  if (out === undefined) compiled.set(doc, (out = parseRecognizers(doc)));
  return out;
}

/**
 * A recognizer file's text as a checked document. Throws ERR_RECOGNIZERS_INVALID.
 *
 * @example
 * ```ts
 * const doc = recognizerDocFromYaml(readFileSync('recognizers.yaml', 'utf8'));
 * ```
 */
export function recognizerDocFromYaml(text: string): RecognizerDoc {
  if (text.length > MAX_RECOGNIZERS_FILE) throw new CordonError('ERR_RECOGNIZERS_INVALID', `recognizer file larger than ${MAX_RECOGNIZERS_FILE} characters`);
  let doc: unknown;
  try {
    // No custom tags, no aliases beyond a small bound: a recognizer file is plain data.
    doc = parse(text, { maxAliasCount: 100, customTags: [] });
  } catch {
    throw new CordonError('ERR_RECOGNIZERS_INVALID', 'recognizer file is not valid YAML');
  }
  return checkedDoc(doc);
}

/** `doc` when it is a valid recognizer document; throws ERR_RECOGNIZERS_INVALID otherwise. */
export function checkedDoc(doc: unknown): RecognizerDoc {
  compiled.set(doc as RecognizerDoc, parseRecognizers(doc));
  return doc as RecognizerDoc;
}

/**
 * @example
 * ```ts
 * const custom = recognizersFromYaml(readFileSync('recognizers.yaml', 'utf8'));
 * ```
 */
export function recognizersFromYaml(text: string): Recognizer[] {
  return [...customOf(recognizerDocFromYaml(text))];
}

/** One document from two (a contract's and a command line's); a name both define is refused (ERR_RECOGNIZERS_INVALID). */
export function mergeRecognizerDocs(a: RecognizerDoc | undefined, b: RecognizerDoc | undefined): RecognizerDoc | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return checkedDoc({ recognizers: [...a.recognizers, ...b.recognizers] });
}

/** What a contract (or a run) records about its custom recognizers: the document, its digest, its source and entities. */
export function describeRecognizers(doc: RecognizerDoc, source: string): ContractRecognizers {
  return {
    doc,
    sha256: Buffer.from(sha256(new TextEncoder().encode(JSON.stringify(doc)))).toString('hex'),
    source,
    entities: [...new Set(customOf(doc).map((r) => r.entity as string))],
  };
}
