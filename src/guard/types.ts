// The LLM guard's shared shapes: what every scanner reports (input injection scanners, output
// scanners) and the one-method extension point for injection classifiers. Pure types and one
// constant; no I/O, no crypto. Offsets are UTF-16 code unit indices into the ORIGINAL text the
// caller passed in (before sanitising), as String.prototype.slice uses, so a finding can always be
// shown or cut out of what the caller holds.

/** Where a text comes from. Retrieved chunks (RAG, tool results, e-mails) are data, never instructions. */
export type GuardSource = 'user' | 'retrieved';

export const GUARD_SOURCES: readonly GuardSource[] = ['user', 'retrieved'];

/**
 * One reason a scanner raised. `scanner` names the layer ("sanitise", "injection.rules",
 * "injection.classifier", "output.secrets", ...), `rule` the rule inside it ("override",
 * "tag-characters", ...). `score` is in [0, 1]. `start`/`end` span the evidence in the original text
 * (a whole-text verdict such as the classifier's spans the whole text). Never carries the matched
 * value itself: callers cut it from their own text if they may see it.
 */
export interface Finding {
  readonly scanner: string;
  readonly rule: string;
  readonly score: number;
  readonly start: number;
  readonly end: number;
}

/**
 * A scanner's verdict on one text: `flagged` when `score` reaches the scanner's threshold; `score`
 * in [0, 1] (the highest evidence, combined as the scanner documents); findings sorted by start.
 * This is the stable contract printed by `cordon guard scan` (docs/guard.md).
 */
export interface ScanResult {
  readonly flagged: boolean;
  readonly score: number;
  readonly findings: readonly Finding[];
}

/** What a classifier is told besides the text. */
export interface ClassifyContext {
  readonly source: GuardSource;
}

/**
 * The extension point for a prompt-injection model: one method returning the probability, in [0, 1],
 * that `text` carries an injection. The built-in one is a hashed n-gram logistic regression shipped
 * with its weights (src/guard/injection/); a user can plug in a local model (for example an ONNX
 * export of a fine-tuned classifier run with onnxruntime-node, weights they supply) by implementing
 * this. Cordon never downloads a model. May be async; the text it gets is already sanitised and
 * bounded in length by the caller.
 *
 * @example
 * const classifier: InjectionClassifier = {
 *   id: 'my-onnx',
 *   async classify(text) { return runMyModel(text); },
 * };
 */
export interface InjectionClassifier {
  /** A short name reported in findings' `rule` ("linear-v1", "my-onnx"). */
  readonly id: string;
  classify(text: string, context: ClassifyContext): number | Promise<number>;
}
