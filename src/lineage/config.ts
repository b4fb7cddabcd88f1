// Where lineage goes besides the local store: an OpenLineage HTTP endpoint, from the environment
// (CORDON_LINEAGE_URL, CORDON_LINEAGE_API_KEY, CORDON_LINEAGE_NAMESPACE) or from the workspace's
// config.json (`"lineage": { "url", "apiKeyEnv", "namespace" }`; the file names the variable that
// holds the API key, never the key). The environment wins.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CordonError } from '../errors.js';

export interface LineageConfig {
  /** The OpenLineage endpoint's base URL; absent: events stay in the local store only. */
  readonly url?: string;
  readonly apiKey?: string;
  /** Job namespace of protect runs (default `cordon`). */
  readonly namespace?: string;
}

function fail(msg: string): never {
  throw new CordonError('ERR_CONFIG_INVALID', `config.json: ${msg}`);
}

/** The lineage settings for a workspace (`home`), or from the environment alone when `home` is undefined. */
export function resolveLineageConfig(home: string | undefined, env: NodeJS.ProcessEnv = process.env): LineageConfig {
  let file: Record<string, unknown> = {};
  let text: string | undefined;
  try {
    text = home === undefined ? undefined : readFileSync(join(home, 'config.json'), 'utf8');
  } catch {
    text = undefined;
  }
  if (text !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      fail('not valid JSON');
    }
    const l = (parsed as Record<string, unknown> | null)?.lineage;
    if (l !== undefined) {
      if (typeof l !== 'object' || l === null || Array.isArray(l)) fail('"lineage" must be an object');
      file = l as Record<string, unknown>;
      for (const k of ['url', 'apiKeyEnv', 'namespace']) {
        if (file[k] !== undefined && (typeof file[k] !== 'string' || file[k] === '')) fail(`"lineage.${k}" must be a non-empty string`);
      }
    }
  }
  const nonEmpty = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const url = nonEmpty(env.CORDON_LINEAGE_URL) ?? nonEmpty(file.url);
  const apiKey = nonEmpty(env.CORDON_LINEAGE_API_KEY) ?? (nonEmpty(file.apiKeyEnv) ? nonEmpty(env[file.apiKeyEnv as string]) : undefined);
  const namespace = nonEmpty(env.CORDON_LINEAGE_NAMESPACE) ?? nonEmpty(file.namespace);
  return { ...(url ? { url } : {}), ...(apiKey ? { apiKey } : {}), ...(namespace ? { namespace } : {}) };
}
