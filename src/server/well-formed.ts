// Refuses a request whose body, query or path parameters hold a string that is not well-formed
// UTF-16. JSON can spell a lone surrogate ("\ud800"); it has no UTF-8 form, so every later step that
// turns it into bytes (vault MAC and seal, field encryption, data-key context, the protect writer)
// would see U+FFFD, and "\ud800", "\udfff" and "\ufffd" would get the same token or unwrap the same
// data key. One check here covers every route; the library checks again where strings become bytes.
// The error names the part of the request, never the string.
import { checkWellFormed } from '../errors.js';

/** Throws ERR_INPUT_INVALID when any string (or object key) in `value` holds a lone surrogate. */
export function checkWellFormedDeep(value: unknown, where: string): void {
  // An explicit stack: a body's depth is bounded by its schema, but recursion should not depend on it.
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') checkWellFormed(v, `a string in the ${where}`);
    else if (Array.isArray(v)) stack.push(...v);
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        checkWellFormed(k, `a name in the ${where}`);
        stack.push(x);
      }
    }
  }
}

/** The body, query string and path parameters of a validated request. */
export function checkRequestWellFormed(request: { body?: unknown; query?: unknown; params?: unknown }): void {
  checkWellFormedDeep(request.body, 'request body');
  checkWellFormedDeep(request.query, 'query string');
  checkWellFormedDeep(request.params, 'path');
}
