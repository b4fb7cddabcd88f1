// The operator contract (STYLE pattern 8): each operator is a typed object whose params are parsed
// once, when the contract loads, and whose apply/invert are pure functions of (value, params, ctx).
// Operators never look keys up themselves: the pipeline resolves key material from the keyring and
// hands it over as plain bytes through OperatorContext, so this folder stays free of I/O.

/** What a key is for; mirrors `keys/` purposes (AES-SIV `deterministic` material is 64 bytes, others 32). */
export type KeyPurpose = 'mac' | 'deterministic' | 'fpe' | 'envelope';

/** One version of a key's material. */
export interface KeyMaterial {
  readonly version: number;
  readonly material: Uint8Array;
}

/**
 * The keys an operator may use, already resolved by the caller (synchronous on purpose: the pipeline
 * loads material before a run). Implementations throw the keyring's own errors (ERR_KEY_NOT_FOUND, …).
 */
export interface OperatorKeys {
  /** The primary version, for apply (new outputs). */
  material(purpose: KeyPurpose): KeyMaterial;
  /** A given version, for invert of outputs that name their key version (`encrypt`, `deterministic`). */
  materialVersion(purpose: KeyPurpose, version: number): Uint8Array;
}

/** Per-record memory for indexed redaction: entity → (value → index). One per record or document. */
export type PlaceholderIndex = Map<string, Map<string, number>>;

/**
 * A sensitive span found in a free-text value: UTF-16 offsets [start, end), the detector's entity
 * name (PERSON, EMAIL_ADDRESS, …) and its score in [0, 1].
 */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
  readonly entity: string;
  readonly score: number;
}

/** Everything an operator may know about where a value comes from. */
export interface OperatorContext {
  /** Dataset name; bound into `encrypt` AAD and into `hash` with `scope: 'field'`. */
  readonly dataset: string;
  /** Field (column) name; bound like `dataset`. */
  readonly field: string;
  readonly keys: OperatorKeys;
  /** Data-subject id (e.g. patient id) for `date-shift`: one offset per subject. */
  readonly subject?: string;
  /** Memory for `redact` with `indexed: true`; the pipeline makes one per record. */
  readonly placeholders?: PlaceholderIndex;
  /**
   * The detector, for `text`: every span it finds in a value, whatever its score (the operator
   * applies its own threshold). Supplied by the pipeline so this folder never imports `detect/`.
   */
  readonly findSpans?: (text: string) => ReadonlyArray<TextSpan>;
}

/** What `applyColumn` gives: the outputs of the values before the first failure, and that failure. */
export interface ColumnResult {
  /** One output per value; when `error` is set, only the values before `error.index`. */
  readonly out: ReadonlyArray<string | null>;
  /** The first value that failed (its index in `values`) and what `apply` would have thrown. */
  readonly error?: { readonly index: number; readonly error: unknown };
}

/**
 * The type of an operator's output, declared so a typed input keeps its type where the operator says
 * so: `string` makes it text (redact, mask, hash, tokenize, encrypt, …); `input` keeps the input
 * value's type, the text parsed back (fpe on a number stays a number of the same width, date-shift
 * on a date stays a date, generalize of a date to its month the first of that month); `integer` a
 * whole number (generalize of a date to its year). Null and empty values are never given to an
 * operator, so they stay as they are.
 */
export type OutputType = 'string' | 'input' | 'integer';

/**
 * A field operator. `parseParams` validates raw contract params (throwing CordonError
 * ERR_INPUT_INVALID naming the param) and returns the typed params `apply`/`invert` take.
 *
 * @example
 * ```ts
 * const p = mask.parseParams({ keepLast: 4 });
 * mask.apply('4111111111111111', p, ctx); // '************1111'
 * ```
 */
export interface Operator<P> {
  readonly name: string;
  /** True when `invert` recovers the original value from the output (given the same keys and params). */
  readonly reversible: boolean;
  parseParams(raw: unknown): P;
  /** The type of the output (default `string`). */
  output?(params: P): OutputType;
  /** The protected value, or null to drop the field. */
  apply(value: string, params: P, ctx: OperatorContext): string | null;
  /**
   * Optional, for operators whose output is a function of the value alone: `apply` on each of
   * `values` in order, stopping at the first that throws, with the same outputs and the same error,
   * at less cost per value (fpe: one AES call per round for the whole column). `ctx` carries no
   * per-record fields.
   */
  applyColumn?(values: readonly string[], params: P, ctx: OperatorContext): ColumnResult;
  invert?(token: string, params: P, ctx: OperatorContext): string;
}
