// Column names as words: "GivenName", "given-name", "GIVEN_NAME" and "person.givenName" all become
// snake case ("given_name", "person_given_name"), so name hints are one set of patterns.

/**
 * @example
 * ```ts
 * normalizeColumnName('CCNumber') // 'cc_number'
 * normalizeColumnName('WesternUnionMTCN') // 'western_union_mtcn'
 * normalizeColumnName('D.O.B.') // 'dob'
 * ```
 */
export function normalizeColumnName(name: string): string {
  return name
    // Dotted initialisms are one word: "D.O.B." is dob, "S.S.N" is ssn (not d_o_b).
    .replace(/(?<![\p{L}\p{N}])(?:\p{L}\.){2,}(?:\p{L}(?![\p{L}\p{N}]))?/gu, (m) => m.replace(/\./g, ''))
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1_$2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1_$2')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}
