// cordonConsent: whether a dataset's rows may be processed only with the data subject's consent for
// the purpose at hand (issue 18 item 7; docs/consent.md). On the schema object's customProperties,
// or on the contract's for every dataset without its own. Pure parsing; the registry is src/consent/.
// Shape: { required: true }. A dataset that requires consent needs a subject (a primaryKey column).

export interface ConsentSpec {
  /** Protect runs need --purpose and keep only rows whose subject granted it; reveal and the server check it too. */
  readonly required: boolean;
}

/** Parses a cordonConsent value, pushing problems (with `path`) and returning undefined when invalid. */
export function parseConsentSpec(value: unknown, path: string, problems: string[]): ConsentSpec | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`${path}: must be an object such as { required: true }`);
    return undefined;
  }
  const v = value as Record<string, unknown>;
  const unknown = Object.keys(v).filter((k) => k !== 'required');
  if (unknown.length > 0) problems.push(`${path}: unknown field ${JSON.stringify(unknown[0])} (only "required")`);
  if (typeof v['required'] !== 'boolean') {
    problems.push(`${path}/required: must be true or false`);
    return undefined;
  }
  return unknown.length > 0 ? undefined : { required: v['required'] };
}
