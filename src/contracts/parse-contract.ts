// Parses an Open Data Contract Standard v3.1.0 YAML document, validates it against the standard's
// JSON schema, then reads Cordon's settings from each property's customProperties:
//   cordonEntity   — string, the column's entity (PERSON, EMAIL_ADDRESS, …)
//   cordonProtect  — { operator: string, params?: object }, how to protect the column
//   cordonPurposes — string[], purposes allowed to reveal the column
//   cordonRisk     — { role: quasi|sensitive|none, hierarchy? }, re-identification risk (docs/privacy.md)
//   cordonNullValues — ["NA"]: cells of this column that stand for a missing value (io/null-values.ts)
// and from the contract's own customProperties:
//   cordonPrivacyBudget — differential-privacy budget (docs/privacy.md), also per schema object
//   cordonConsent — { required: true }: rows need their subject's consent (docs/consent.md), also per schema object
//   cordonRetention — an ISO 8601 duration (P90D): how long the dataset's data may be kept, also per schema object
//   cordonNullValues — ["NULL", "\\N"]: cells that stand for a missing value (io/null-values.ts), also per schema object
//   cordonRecognizers — custom recognizers (docs/detect.md), inline `{ recognizers: [...] }` or a
//                       file path relative to the contract's folder (read by the caller's readFile)
// Every problem is reported at once with its path, in one ERR_CONTRACT_INVALID, before any data
// is read. Pure: the caller reads the file.
import { parseDocument } from 'yaml';
import { CordonError } from '../errors.js';
import { sha256 } from '../crypto/hash.js';
import { validate as validateOdcs } from './schema/odcs-v3.1.0-validate.js';
import { prepareOperator } from '../transform/registry.js';
import { parseTokenizeParams } from './tokenize-params.js';
import { nullValuesProblem } from './null-values-spec.js';
import { parseTextParams, textSpanOperators } from '../transform/operators/text.js';
import { ENTITIES } from '../detect/types.js';
import { PROFILE_NAMES } from '../detect/profiles/table.js';
import { checkedDoc, customOf, describeRecognizers, mergeRecognizerDocs, recognizerDocFromYaml } from './load-recognizers.js';
import { parseRiskRole } from './risk-spec.js';
import { parsePrivacyBudget } from './privacy-budget.js';
import { parseConsentSpec } from './consent-spec.js';
import { VAULT_NAMESPACE_RE } from './vault-namespace.js';
import { parseRetentionSpec, shorterRetention } from './retention-spec.js';
import { CLASSIFICATIONS, type Classification, type Contract, type ContractColumn, type ContractDataset, type ContractRecognizers, type ProtectSpec, type RecognizerDoc } from './types.js';

/** The keys a column's cordonProtect may hold; any other is refused when the contract loads. */
const PROTECT_KEYS: ReadonlySet<string> = new Set(['operator', 'params', 'keyScope', 'namespace']);

/** Contracts are small documents; anything larger is refused before parsing. */
export const MAX_CONTRACT_BYTES = 4 * 1024 * 1024;
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_.\-]{0,127}$/;

/** The ODCS schema's validator as ajv would compile it, generated at build time (scripts/build-odcs-validator.mjs): compiling the schema cost ~370 ms of CPU in every process that loaded a contract. */
const validator = validateOdcs as unknown as { (doc: unknown): boolean; errors?: ReadonlyArray<{ instancePath: string; message?: string }> | null };

function validate(doc: unknown): string[] {
  if (validator(doc)) return [];
  return (validator.errors ?? []).slice(0, 20).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

/** Operators the protect run itself provides (they need the vault), with their params' parser. */
const RUN_OPERATORS: Readonly<Record<string, (params: Readonly<Record<string, unknown>>) => unknown>> = { tokenize: parseTokenizeParams };

/** Parameters are checked when the contract loads, never mid-run: the operator's own parser decides. */
function operatorProblem(spec: ProtectSpec, entities: readonly string[]): string | undefined {
  try {
    const run = RUN_OPERATORS[spec.operator];
    if (run !== undefined) {
      run(spec.params);
      return undefined;
    }
    // text maps detector entities to operators: its names are checked against the detector's list.
    if (spec.operator === 'text') parseTextParams(spec.params, { entities, profiles: PROFILE_NAMES });
    else prepareOperator(spec.operator, spec.params);
    return undefined;
  } catch (e) {
    if (e instanceof CordonError) return e.message;
    throw e;
  }
}

function usesDateShift(spec: ProtectSpec, entities: readonly string[]): boolean {
  if (spec.operator === 'date-shift') return true;
  if (spec.operator !== 'text') return false;
  try {
    return textSpanOperators(parseTextParams(spec.params, { entities })).includes('date-shift');
  } catch {
    return false; // reported by operatorProblem
  }
}

interface RawProperty {
  name?: string;
  logicalType?: string;
  required?: boolean;
  primaryKey?: boolean;
  classification?: string;
  customProperties?: Array<{ property?: string; value?: unknown }>;
}

function columnOf(p: RawProperty, path: string, problems: string[], entities: readonly string[]): ContractColumn | undefined {
  if (typeof p.name !== 'string' || p.name === '') {
    problems.push(`${path}: a property needs a name`);
    return undefined;
  }
  const custom = new Map<string, unknown>();
  for (const c of p.customProperties ?? []) if (typeof c.property === 'string') custom.set(c.property, c.value);
  let classification: Classification = 'confidential';
  if (p.classification !== undefined) {
    const c = p.classification.toLowerCase();
    if ((CLASSIFICATIONS as readonly string[]).includes(c)) classification = c as Classification;
    else problems.push(`${path}/classification: ${JSON.stringify(p.classification)} is not one of ${CLASSIFICATIONS.join(', ')}`);
  }
  const entity = custom.get('cordonEntity');
  if (entity !== undefined && (typeof entity !== 'string' || !/^[A-Z][A-Z0-9_]{1,40}$/.test(entity))) problems.push(`${path}/customProperties/cordonEntity: must be an entity name such as PERSON`);
  let protect: ProtectSpec | undefined;
  const raw = custom.get('cordonProtect');
  if (raw !== undefined) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || typeof (raw as { operator?: unknown }).operator !== 'string') {
      problems.push(`${path}/customProperties/cordonProtect: must be an object with an "operator" string and optional "params"`);
    } else {
      // Fail closed on a misspelt key (`namepsace:`, `keyscope:`): ignoring it would protect the column
      // otherwise than the contract's author meant, silently.
      for (const k of Object.keys(raw)) {
        if (!PROTECT_KEYS.has(k)) problems.push(`${path}/customProperties/cordonProtect/${k}: unknown key (allowed: ${[...PROTECT_KEYS].join(', ')})`);
      }
      const params = (raw as { params?: unknown }).params ?? {};
      if (typeof params !== 'object' || params === null || Array.isArray(params)) problems.push(`${path}/customProperties/cordonProtect/params: must be an object`);
      else {
        const keyScope = (raw as { keyScope?: unknown }).keyScope;
        const namespace = (raw as { namespace?: unknown }).namespace;
        protect = {
          operator: (raw as { operator: string }).operator, params: params as Record<string, unknown>, ...(keyScope === 'subject' ? { keyScope } : {}),
          ...(typeof namespace === 'string' && VAULT_NAMESPACE_RE.test(namespace) ? { namespace } : {}),
        };
        // Fail closed: a namespace that cannot be honoured is refused, never dropped (the tokens would land elsewhere than declared).
        if (namespace !== undefined && (typeof namespace !== 'string' || !VAULT_NAMESPACE_RE.test(namespace))) problems.push(`${path}/customProperties/cordonProtect/namespace: must be 1-128 letters, digits, ".", "_", ":" or "-", starting with a letter or digit`);
        else if (namespace !== undefined && protect.operator !== 'tokenize') problems.push(`${path}/customProperties/cordonProtect/namespace: is for the tokenize operator only (the vault namespace of its tokens)`);
        if (keyScope !== undefined && keyScope !== 'subject' && keyScope !== 'workspace') problems.push(`${path}/customProperties/cordonProtect/keyScope: must be "subject" or "workspace"`);
        if (keyScope === 'subject' && protect.operator !== 'encrypt') problems.push(`${path}/customProperties/cordonProtect/keyScope: "subject" is for the encrypt operator only`);
        const problem = operatorProblem(protect, entities);
        if (problem !== undefined) problems.push(`${path}/customProperties/cordonProtect: ${problem}`);
      }
    }
  }
  const purposes = custom.get('cordonPurposes') ?? [];
  if (!Array.isArray(purposes) || !purposes.every((x) => typeof x === 'string' && x !== '')) problems.push(`${path}/customProperties/cordonPurposes: must be a list of purpose names`);
  const riskValue = custom.get('cordonRisk');
  const risk = riskValue === undefined ? undefined : parseRiskRole(riskValue, `${path}/customProperties/cordonRisk`, problems);
  const retentionValue = custom.get('cordonRetention');
  const retention = retentionValue === undefined ? undefined : parseRetentionSpec(retentionValue, `${path}/customProperties/cordonRetention`, problems);
  const nullsValue = custom.get('cordonNullValues');
  const nullValues = nullsValue === undefined ? undefined : nullValuesOf(nullsValue, `${path}/customProperties/cordonNullValues`, problems);
  return {
    name: p.name,
    ...(risk !== undefined ? { risk } : {}),
    ...(p.logicalType !== undefined ? { logicalType: p.logicalType } : {}),
    required: p.required === true,
    ...(p.primaryKey === true ? { primaryKey: true } : {}),
    classification,
    ...(typeof entity === 'string' ? { entity } : {}),
    ...(protect ? { protect } : {}),
    purposes: Array.isArray(purposes) ? (purposes as string[]) : [],
    ...(retention !== undefined ? { retention } : {}),
    ...(nullValues !== undefined ? { nullValues } : {}),
  };
}

/** ODCS v3.1 `team: { name }`, or in the older array form the first member with role `owner`. */
function ownerOf(team: unknown): string | undefined {
  if (Array.isArray(team)) {
    const m = team.find((x: { role?: unknown; username?: unknown }) => typeof x?.role === 'string' && x.role.toLowerCase() === 'owner' && typeof x.username === 'string');
    return (m as { username?: string } | undefined)?.username;
  }
  const name = (team as { name?: unknown } | null | undefined)?.name;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** A recognizer file a contract names: a relative path of plain segments (no "..", no absolute path) ending .yaml, .yml or .json. */
const RECOGNIZER_REF = /^(?:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\/){0,8}[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\.(?:ya?ml|json)$/;

/** True for a recognizer file path a contract may name (relative, inside the contract's folder). */
export function isRecognizerRef(ref: string): boolean {
  return RECOGNIZER_REF.test(ref);
}

export interface ParseContractOptions {
  /**
   * Reads a recognizer file the contract names (cordonRecognizers: path), the path as written and
   * already checked to be relative without "..": the caller resolves it against the contract's
   * folder. Without it, such a contract is refused (a contract sent over the network carries its
   * recognizers inline).
   */
  readonly readFile?: (ref: string) => string;
  /** Recognizers given beside the contract (`cordon protect --recognizers FILE`), joined to the contract's own; `source` names them. */
  readonly recognizers?: { readonly doc: RecognizerDoc; readonly source: string };
}

/** The contract's custom recognizers joined to options.recognizers, or undefined; problems go to `problems`. */
function recognizersOf(value: unknown, options: ParseContractOptions, problems: string[]): ContractRecognizers | undefined {
  const own = ownRecognizers(value, options, problems);
  const extra = options.recognizers;
  if (own === undefined || extra === undefined) return own ?? (extra === undefined ? undefined : describeRecognizers(extra.doc, extra.source));
  try {
    return describeRecognizers(mergeRecognizerDocs(own.doc, extra.doc)!, `${own.source} + ${extra.source}`);
  } catch (e) {
    if (!(e instanceof CordonError)) throw e;
    problems.push(`/customProperties/cordonRecognizers with ${extra.source}: ${e.message}`);
    return undefined;
  }
}

function ownRecognizers(value: unknown, options: ParseContractOptions, problems: string[]): ContractRecognizers | undefined {
  if (value === undefined) return undefined;
  const path = '/customProperties/cordonRecognizers';
  try {
    if (typeof value === 'string') {
      if (!RECOGNIZER_REF.test(value)) {
        problems.push(`${path}: a recognizer file is a relative path inside the contract's folder ending .yaml, .yml or .json (no "..")`);
        return undefined;
      }
      if (options.readFile === undefined) {
        problems.push(`${path}: names a file, which only a contract read from a file can use; put the recognizers inline`);
        return undefined;
      }
      return describeRecognizers(recognizerDocFromYaml(options.readFile(value)), value);
    }
    return describeRecognizers(checkedDoc(value), 'inline');
  } catch (e) {
    if (!(e instanceof CordonError)) throw e;
    problems.push(`${path}: ${e.message}`);
    return undefined;
  }
}

/**
 * @example
 * ```ts
 * const contract = parseContract(readFileSync('customers.odcs.yaml', 'utf8'));
 * contract.datasets[0].columns.find((c) => c.name === 'email')?.protect // { operator: 'deterministic', params: {} }
 * ```
 */
export function parseContract(text: string, options: ParseContractOptions = {}): Contract {
  if (Buffer.byteLength(text) > MAX_CONTRACT_BYTES) throw new CordonError('ERR_CONTRACT_INVALID', `a contract is at most ${MAX_CONTRACT_BYTES} bytes`);
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new CordonError('ERR_CONTRACT_INVALID', `the contract is not valid YAML: ${e.message.split('\n')[0]}`, { details: { problems: doc.errors.map((x) => x.message.split('\n')[0]!).join('; ') } });
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch {
    // yaml throws a ReferenceError past maxAliasCount (an alias bomb): a bad contract, not a crash.
    throw new CordonError('ERR_CONTRACT_INVALID', 'the contract expands too many YAML aliases (at most 100)');
  }
  const problems = validate(data);
  if (problems.length > 0) throw new CordonError('ERR_CONTRACT_INVALID', `the contract does not follow ODCS v3.1.0: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, { details: { problems: problems.join('; ') } });
  const c = data as { id: string; name?: string; version: string; status: string; tenant?: string; team?: unknown; schema?: Array<{ name?: string; properties?: RawProperty[]; customProperties?: Array<{ property?: string; value?: unknown }> }>; customProperties?: Array<{ property?: string; value?: unknown }> };
  const recognizers = recognizersOf(c.customProperties?.find((x) => x.property === 'cordonRecognizers')?.value, options, problems);
  // A custom entity is a name the text operator may map, and its file's operator must load like a column's.
  const entities: readonly string[] = [...ENTITIES, ...(recognizers?.entities ?? [])];
  if (recognizers !== undefined) {
    for (const r of customOf(recognizers.doc)) {
      const problem = r.handling?.protect === undefined ? undefined : operatorProblem(r.handling.protect, entities);
      if (problem !== undefined) problems.push(`/customProperties/cordonRecognizers: ${r.id} protect: ${problem}`);
    }
  }
  if (c.tenant !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/.test(c.tenant)) problems.push('/tenant: a tenant is 1-128 letters, digits, ".", "_", ":", "/" or "-"');
  const owner = ownerOf(c.team);
  const budgetValue = c.customProperties?.find((x) => x.property === 'cordonPrivacyBudget')?.value;
  const defaultBudget = budgetValue === undefined ? undefined : parsePrivacyBudget(budgetValue, '/customProperties/cordonPrivacyBudget', problems);
  const consentValue = c.customProperties?.find((x) => x.property === 'cordonConsent')?.value;
  const defaultConsent = consentValue === undefined ? undefined : parseConsentSpec(consentValue, '/customProperties/cordonConsent', problems);
  const retentionValue = c.customProperties?.find((x) => x.property === 'cordonRetention')?.value;
  const defaultRetention = retentionValue === undefined ? undefined : parseRetentionSpec(retentionValue, '/customProperties/cordonRetention', problems);
  const nullsValue = c.customProperties?.find((x) => x.property === 'cordonNullValues')?.value;
  const defaultNulls = nullsValue === undefined ? undefined : nullValuesOf(nullsValue, '/customProperties/cordonNullValues', problems);
  const datasets: ContractDataset[] = [];
  (c.schema ?? []).forEach((s, i) => {
    const path = `/schema/${i}`;
    if (typeof s.name !== 'string' || !NAME_RE.test(s.name)) {
      problems.push(`${path}/name: a schema object needs a name of letters, digits, "_", "." or "-"`);
      return;
    }
    const columns: ContractColumn[] = [];
    const seen = new Set<string>();
    (s.properties ?? []).forEach((p, j) => {
      const col = columnOf(p, `${path}/properties/${j}`, problems, entities);
      if (col === undefined) return;
      if (seen.has(col.name)) problems.push(`${path}/properties/${j}: duplicate column ${JSON.stringify(col.name)}`);
      seen.add(col.name);
      columns.push(col);
    });
    // date-shift moves all dates of one data subject by one offset: the subject is the primary key.
    const subject = columns.find((col) => col.primaryKey === true)?.name;
    const shifting = columns.filter((col) => col.protect !== undefined && usesDateShift(col.protect, entities));
    if (subject === undefined && shifting.length > 0) {
      problems.push(`${path}: column ${JSON.stringify(shifting[0]!.name)} uses date-shift, which needs the data subject's id: mark the id column with primaryKey: true`);
    }
    // keyScope subject encrypts under the subject's own key: the subject must be known.
    const subjectKeyed = columns.find((col) => col.protect?.keyScope === 'subject');
    if (subject === undefined && subjectKeyed !== undefined) {
      problems.push(`${path}: column ${JSON.stringify(subjectKeyed.name)} is encrypted with keyScope: subject, which needs the data subject's id: mark the id column with primaryKey: true`);
    }
    const ownBudget = s.customProperties?.find((x) => x.property === 'cordonPrivacyBudget')?.value;
    const privacyBudget = ownBudget === undefined ? defaultBudget : parsePrivacyBudget(ownBudget, `${path}/customProperties/cordonPrivacyBudget`, problems);
    const ownConsent = s.customProperties?.find((x) => x.property === 'cordonConsent')?.value;
    const consent = ownConsent === undefined ? defaultConsent : parseConsentSpec(ownConsent, `${path}/customProperties/cordonConsent`, problems);
    // Consent is recorded per data subject: without a subject column no row can be matched to it.
    if (consent?.required === true && subject === undefined) problems.push(`${path}: cordonConsent requires the data subject's id: mark the id column with primaryKey: true`);
    const ownRetention = s.customProperties?.find((x) => x.property === 'cordonRetention')?.value;
    const retention = ownRetention === undefined ? defaultRetention : parseRetentionSpec(ownRetention, `${path}/customProperties/cordonRetention`, problems);
    // A column's retention only ages its values earlier than the dataset's: one as long or longer is refused.
    if (retention !== undefined) {
      columns.forEach((col, j) => {
        if (col.retention !== undefined && !shorterRetention(col.retention, retention)) {
          problems.push(`${path}/properties/${j}/customProperties/cordonRetention: ${col.retention.duration} is not shorter than the dataset's ${retention.duration}: a column's retention must be shorter (or removed)`);
        }
      });
    }
    const ownNulls = s.customProperties?.find((x) => x.property === 'cordonNullValues')?.value;
    const nullValues = ownNulls === undefined ? defaultNulls : nullValuesOf(ownNulls, `${path}/customProperties/cordonNullValues`, problems);
    // Each column holds its markers: its own list, else the schema object's, else the contract's ([] is none).
    const withNulls = columns.map((col): ContractColumn => {
      const list = col.nullValues ?? nullValues;
      const rest: { -readonly [K in keyof ContractColumn]: ContractColumn[K] } = { ...col };
      delete rest.nullValues;
      return list !== undefined && list.length > 0 ? { ...rest, nullValues: list } : rest;
    });
    datasets.push({
      name: s.name, columns: withNulls, ...(subject !== undefined ? { subject } : {}), ...(recognizers !== undefined ? { recognizers } : {}),
      ...(privacyBudget !== undefined ? { privacyBudget } : {}), ...(consent !== undefined ? { consent } : {}),
      ...(retention !== undefined ? { retention } : {}),
    });
  });
  if (datasets.length === 0) problems.push('/schema: the contract describes no dataset');
  if (problems.length > 0) throw new CordonError('ERR_CONTRACT_INVALID', `the contract has ${problems.length} problem(s): ${problems[0]}`, { details: { problems: problems.join('; ') } });
  return {
    id: c.id, ...(c.name !== undefined ? { name: c.name } : {}), version: c.version, status: c.status,
    ...(c.tenant !== undefined ? { tenant: c.tenant } : {}), ...(owner !== undefined ? { owner } : {}), datasets,
    ...(recognizers !== undefined ? { recognizers } : {}), sha256: Buffer.from(sha256(new TextEncoder().encode(text))).toString('hex') };
}

function nullValuesOf(value: unknown, path: string, problems: string[]): readonly string[] | undefined {
  const problem = nullValuesProblem(value);
  if (problem !== undefined) { problems.push(`${path}: ${problem}`); return undefined; }
  return value as string[];
}
