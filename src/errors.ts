// Cordon's one error type. Every failure a caller can act on is a CordonError with a stable `code`
// from the union below; programmer misuse (wrong argument types) throws TypeError instead.
// Messages never contain key material, plaintext or other sensitive input: failures that depend on a
// secret (decrypt, unwrap, verify) all share ERR_DECRYPTION_FAILED and one message.
// docs/errors.md documents every code; test/unit/errors.test.ts keeps the two in step.

/** Every error code Cordon can produce, with the category the shells map to exit codes and statuses. */
export const ERROR_CODES = {
  ERR_USAGE: 'usage',
  ERR_INPUT_INVALID: 'input',
  ERR_IO: 'input',
  ERR_OUTPUT_EXISTS: 'input',
  ERR_WORKSPACE_MISSING: 'unavailable',
  ERR_WORKSPACE_INVALID: 'input',
  ERR_CONFIG_INVALID: 'input',
  ERR_MASTER_KEY_UNAVAILABLE: 'unavailable',
  ERR_MASTER_KEY_INSECURE: 'denied',
  ERR_MASTER_KEY_MISMATCH: 'integrity',
  ERR_KMS_FAILED: 'unavailable',
  ERR_KEY_NOT_FOUND: 'unavailable',
  ERR_KEY_EXISTS: 'input',
  ERR_KEY_RETIRED: 'denied',
  ERR_KEY_VERSION_DISABLED: 'denied',
  ERR_KEY_VERSION_DESTROYED: 'unavailable',
  ERR_KEYSTORE_BUSY: 'internal',
  ERR_KEYSTORE_CORRUPT: 'integrity',
  ERR_AUDIT_CHAIN_BROKEN: 'integrity',
  ERR_AUDIT_LOG_MISSING: 'integrity',
  ERR_AUDIT_UNAVAILABLE: 'unavailable',
  ERR_STORE_UNAVAILABLE: 'unavailable',
  ERR_DEPENDENCY_UNAVAILABLE: 'unavailable',
  ERR_DECRYPTION_FAILED: 'integrity',
  ERR_FORMAT_UNSUPPORTED: 'input',
  ERR_CSV_DIALECT: 'input',
  ERR_CRYPTO_UNSUPPORTED: 'input',
  ERR_FPE_DOMAIN: 'input',
  ERR_LIST_UNSUPPORTED: 'input',
  ERR_CONTRACT_INVALID: 'input',
  ERR_RECOGNIZERS_INVALID: 'input',
  ERR_POLICY_DENIED: 'denied',
  ERR_POLICY_TEST_FAILED: 'integrity',
  ERR_UNDECLARED_PERSONAL_DATA: 'input',
  ERR_MANIFEST_MISMATCH: 'integrity',
  ERR_SIGNATURE_INVALID: 'integrity',
  ERR_SIGNING_KEY_INSECURE: 'denied',
  ERR_SIGNING_KEY_PLAINTEXT: 'denied',
  ERR_PRINCIPAL_RESERVED: 'input',
  ERR_UNAUTHENTICATED: 'denied',
  ERR_BUDGET_EXHAUSTED: 'denied',
  ERR_RISK_TARGET_UNMET: 'denied',
  ERR_RAG_INDEX_NOT_FOUND: 'input',
  ERR_RAG_CONTRACT_MISMATCH: 'input',
  ERR_RAG_PROFILE_MISMATCH: 'input',
  ERR_ERASURE_TARGET_CHANGED: 'integrity',
  ERR_ERASURE_INCOMPLETE: 'unavailable',
  ERR_RETENTION_INCOMPLETE: 'unavailable',
  ERR_CONSENT_MISSING: 'denied',
  ERR_SUBJECT_ERASED: 'denied',
  ERR_INJECTION_BLOCKED: 'input',
  ERR_UPSTREAM_FAILED: 'unavailable',
  ERR_INTERNAL: 'internal',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** How a shell should treat an error: the CLI maps these to exit codes, the server to HTTP statuses. */
export type ErrorCategory = (typeof ERROR_CODES)[ErrorCode];

/** The message every secret-dependent failure carries, whatever the cause. */
export const DECRYPTION_FAILED_MESSAGE = 'decryption failed: wrong key, wrong context, or the data was modified or truncated';

/**
 * The single error class Cordon throws for failures a caller can handle.
 *
 * @example
 * ```ts
 * try { await decryptFile(...) } catch (e) {
 *   if (e instanceof CordonError && e.code === 'ERR_DECRYPTION_FAILED') { ... }
 * }
 * ```
 */
export class CordonError extends Error {
  readonly code: ErrorCode;
  /** Non-sensitive details (names, counts, positions) safe to log and print. */
  readonly details: Readonly<Record<string, string | number | boolean>> | undefined;

  constructor(code: ErrorCode, message: string, options?: { details?: Record<string, string | number | boolean>; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CordonError';
    this.code = code;
    this.details = options?.details;
  }

  get category(): ErrorCategory {
    return ERROR_CODES[this.code];
  }
}

/** The one way to report a secret-dependent failure: same code, same message, no cause attached. */
export function decryptionFailed(): CordonError {
  return new CordonError('ERR_DECRYPTION_FAILED', DECRYPTION_FAILED_MESSAGE);
}

/**
 * Whether `e` is Node failing to load a native addon: a `.node` file built for another Node.js
 * (NODE_MODULE_VERSION), for another platform, or missing from the package (the `bindings` loader).
 */
export function isNativeLoadFailure(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown } | null;
  return err?.code === 'ERR_DLOPEN_FAILED' || (typeof err?.message === 'string' && /Could not locate the bindings file|\.node['"]?\s*$|was compiled against a different Node\.js version/m.test(err.message));
}

/**
 * ERR_DEPENDENCY_UNAVAILABLE for a package that is not installed or whose native module does not
 * load: the message names the package, what needs it and the fix, so a broken install is not
 * reported as the store or key that was being opened.
 */
export function dependencyUnavailable(pkg: string, neededFor: string, e: unknown): CordonError {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
    return new CordonError('ERR_DEPENDENCY_UNAVAILABLE', `${neededFor} needs the package ${pkg}, which is not installed: run npm install ${pkg}`, { details: { package: pkg }, cause: e });
  }
  const first = String((e as { message?: unknown } | null)?.message ?? '').split('\n')[0]!.slice(0, 300);
  return new CordonError('ERR_DEPENDENCY_UNAVAILABLE', `the native module of ${pkg} does not load in Node.js ${process.version} (${first}): rebuild it for this Node.js with npm rebuild ${pkg}`, { details: { package: pkg }, cause: e });
}

/**
 * Refuses a string that is not well-formed UTF-16 (it holds a lone surrogate such as "\ud800"). Such
 * a string has no UTF-8 form: encoders write U+FFFD instead, so "\ud800", "\udfff" and "\ufffd" would
 * become the same bytes, the same token, MAC or ciphertext, and come back as U+FFFD. Every place a
 * caller's string becomes bytes calls this first. The message names `what`, never the value.
 */
export function checkWellFormed(value: string, what: string, details?: Record<string, string | number | boolean>): void {
  // String.prototype.isWellFormed is ES2024 (Node 20 has it); the compiler's lib is ES2023.
  if (!(value as string & { isWellFormed(): boolean }).isWellFormed()) {
    throw new CordonError('ERR_INPUT_INVALID', `${what} is not well-formed Unicode: it holds a lone UTF-16 surrogate, which has no UTF-8 encoding`, details === undefined ? undefined : { details });
  }
}

export function isCordonError(e: unknown, code?: ErrorCode): e is CordonError {
  return e instanceof CordonError && (code === undefined || e.code === code);
}
