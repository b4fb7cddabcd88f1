// customProperties cordonNullValues: the cell values that stand for a missing value in a column
// (io/null-values.ts reads them; docs/contracts.md). Pure validation, shared by the contract parser
// and the CLI's --null-values.

export const MAX_NULL_VALUES = 32;
export const MAX_NULL_VALUE_LENGTH = 32;

/**
 * Checks a list of null markers (a contract's cordonNullValues, a --null-values option): distinct
 * non-empty strings of at most MAX_NULL_VALUE_LENGTH characters, at most MAX_NULL_VALUES of them.
 * Returns the problem, or undefined when the list is valid.
 */
export function nullValuesProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'must be a list of strings (the text that stands for a missing value, e.g. ["NULL", "\\\\N"])';
  if (value.length > MAX_NULL_VALUES) return `at most ${MAX_NULL_VALUES} markers`;
  const seen = new Set<string>();
  for (const [i, v] of value.entries()) {
    if (typeof v !== 'string' || v === '') return `item ${i}: must be a non-empty string (an empty cell is always a missing value)`;
    if (v.length > MAX_NULL_VALUE_LENGTH) return `item ${i}: at most ${MAX_NULL_VALUE_LENGTH} characters`;
    if (v.trim() !== v) return `item ${i}: no leading or trailing whitespace`;
    if (seen.has(v)) return `item ${i}: ${JSON.stringify(v)} is listed twice`;
    seen.add(v);
  }
  return undefined;
}
