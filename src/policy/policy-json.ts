// policy.json, the reveal grants the CLI read before Cedar decided its reveals too (issue 14 item 6):
// parsing it, and turning every grant into a Cedar permit so `cordon policy migrate` keeps each one.
// A grant meant "this principal may declare these purposes", and a reveal also needed the purpose
// in the column's cordonPurposes; the permit says both, so a migrated workspace allows exactly the
// reveals it allowed before. Pure: the caller reads and writes the files (src/workspace/policies.ts).
import { checkWellFormed, CordonError } from '../errors.js';

/** `policy.json`: which purposes each principal may declare. */
export interface LegacyRevealPolicy {
  readonly principals: Readonly<Record<string, readonly string[]>>;
}

/** The file the migrated grants go to, inside a policy folder. */
export const MIGRATED_POLICY_FILE = 'policy-json.cedar';

/** Parses and checks a policy.json document (ERR_CONFIG_INVALID when it is not one). */
export function parsePolicyJson(text: string): LegacyRevealPolicy {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new CordonError('ERR_CONFIG_INVALID', 'the policy file is not valid JSON');
  }
  const principals = (doc as { principals?: unknown } | null)?.principals;
  if (typeof principals !== 'object' || principals === null || Array.isArray(principals)
    || !Object.values(principals).every((v) => Array.isArray(v) && v.every((x) => typeof x === 'string'))) {
    throw new CordonError('ERR_CONFIG_INVALID', 'the policy file must be {"principals": {"<principal>": ["<purpose>", …]}}');
  }
  return { principals: principals as Record<string, string[]> };
}

/**
 * A Cedar string literal for any well-formed string: `\` and `"` escaped, control characters as
 * `\u{…}` (Cedar's escape syntax), everything else as it is.
 */
export function cedarString(s: string): string {
  checkWellFormed(s, 'a name in the policy file');
  return `"${s.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => (c === '\\' || c === '"' ? `\\${c}` : `\\u{${c.charCodeAt(0).toString(16)}}`))}"`;
}

/**
 * The Cedar policies for every grant of `policy`, one permit per principal with at least one
 * purpose, with ids `policy-json.1`, `policy-json.2`, … in the file's order.
 *
 * @example
 * ```ts
 * policyJsonToCedar(parsePolicyJson('{"principals":{"analyst:ada":["fraud-investigation"]}}'))
 * // @id("policy-json.1") permit (principal == Cordon::User::"analyst:ada", action == Cordon::Action::"reveal", …)
 * ```
 */
export function policyJsonToCedar(policy: LegacyRevealPolicy): { text: string; grants: number } {
  const parts = [
    '// Migrated from the workspace\'s policy.json by `cordon policy migrate` (docs/reveal.md). Each permit',
    '// lets one principal reveal a column for a purpose policy.json granted it and the column\'s',
    '// contract allows (cordonPurposes), as policy.json did. The guardrails in forbids.cedar still apply.',
  ];
  let n = 0;
  for (const [principal, purposes] of Object.entries(policy.principals)) {
    const unique = [...new Set(purposes)];
    if (unique.length === 0) continue;
    n += 1;
    parts.push('', `@id("policy-json.${n}")`, 'permit (',
      `  principal == Cordon::User::${cedarString(principal)},`,
      '  action == Cordon::Action::"reveal",',
      '  resource is Cordon::Column',
      ')',
      'when {',
      `  context has purpose && [${unique.map(cedarString).join(', ')}].contains(context.purpose) &&`,
      '  resource has allowedPurposes && resource.allowedPurposes.contains(context.purpose)',
      '};');
  }
  return { text: `${parts.join('\n')}\n`, grants: n };
}
