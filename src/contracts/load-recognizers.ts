// Reads a custom recognizer file's text (YAML, of which JSON is a subset) into recognizers. The YAML
// parser lives here because detect/ imports no parser; detect/custom/parse-recognizers.ts checks
// the content.
import { parse } from 'yaml';
import { CordonError } from '../errors.js';
import { parseRecognizers } from '../detect/custom/parse-recognizers.js';
import type { Recognizer } from '../detect/types.js';

/** Longest recognizer file accepted. */
export const MAX_RECOGNIZERS_FILE = 1024 * 1024;

/**
 * @example
 * ```ts
 * const custom = recognizersFromYaml(readFileSync('recognizers.yaml', 'utf8'));
 * ```
 */
export function recognizersFromYaml(text: string): Recognizer[] {
  if (text.length > MAX_RECOGNIZERS_FILE) throw new CordonError('ERR_RECOGNIZERS_INVALID', `recognizer file larger than ${MAX_RECOGNIZERS_FILE} characters`);
  let doc: unknown;
  try {
    // No custom tags, no aliases beyond a small bound: a recognizer file is plain data.
    doc = parse(text, { maxAliasCount: 100, customTags: [] });
  } catch {
    throw new CordonError('ERR_RECOGNIZERS_INVALID', 'recognizer file is not valid YAML');
  }
  return parseRecognizers(doc);
}
