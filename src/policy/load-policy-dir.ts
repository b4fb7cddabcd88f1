// Reads a policy folder: every `*.cedar` file (sorted by name, not recursive) and the Cedar schema
// from `*.cedarschema` when there is one. Bounded: a policy folder is configuration, not data.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CordonError } from '../errors.js';
import type { PolicySource } from './parse-policies.js';

const MAX_FILE_BYTES = 1024 * 1024;
const MAX_FILES = 1000;

function readText(path: string): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new CordonError('ERR_IO', `cannot read ${path}`);
  }
  if (size > MAX_FILE_BYTES) throw new CordonError('ERR_CONFIG_INVALID', `${path} is larger than ${MAX_FILE_BYTES} bytes`);
  return readFileSync(path, 'utf8');
}

export function readPolicyDir(dir: string): { sources: PolicySource[]; schema: string | undefined } {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    throw new CordonError('ERR_IO', `cannot read policy folder ${dir}`);
  }
  const cedar = names.filter((n) => n.endsWith('.cedar'));
  const schemas = names.filter((n) => n.endsWith('.cedarschema'));
  if (cedar.length === 0) throw new CordonError('ERR_CONFIG_INVALID', `${dir} holds no .cedar policy files`);
  if (cedar.length > MAX_FILES) throw new CordonError('ERR_CONFIG_INVALID', `${dir} holds more than ${MAX_FILES} policy files`);
  if (schemas.length > 1) throw new CordonError('ERR_CONFIG_INVALID', `${dir} holds more than one .cedarschema file`);
  const sources = cedar.map((n) => ({ name: n, text: readText(join(dir, n)) }));
  const schema = schemas.length === 1 ? readText(join(dir, schemas[0]!)) : undefined;
  return { sources, schema };
}
