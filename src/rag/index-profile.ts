// The detection profile an index's chunks were redacted with before they were embedded. Ingestion
// records it in the index's metadata (null: no profile, every entity); ingesting with another one is
// refused (ERR_RAG_PROFILE_MISMATCH), because one index whose chunks were redacted under two profiles
// holds values one of them left in clear (a `pci` chunk keeps the names a `hipaa` one redacted) and
// no query could be redacted the way its chunks were. A query redacts with the recorded profile
// unless it names one, which must be that one. An index built before profiles were recorded keeps
// recording none: the profile of its earlier chunks is unknown. Pure; no I/O.
import type { ProfileName } from '../detect/profiles/table.js';
import { PROFILE_NAMES } from '../detect/profiles/table.js';
import { CordonError } from '../errors.js';
import type { IndexMeta } from './types.js';

/** What an index records of an ingestion's profile: its name, or null for none (every entity). */
export type IndexProfile = ProfileName | null;

const describe = (p: IndexProfile): string => (p === null ? 'no profile (every entity)' : `the profile ${p}`);

/**
 * Throws ERR_RAG_PROFILE_MISMATCH when the index recorded a profile other than `profile`. An index
 * that does not exist yet, or recorded none (built before profiles were recorded), accepts any.
 */
export function checkIngestProfile(index: string, known: IndexMeta | undefined, profile: IndexProfile): void {
  if (known?.profile === undefined || known.profile === profile) return;
  throw new CordonError('ERR_RAG_PROFILE_MISMATCH', `index ${index} was redacted with ${describe(known.profile)}, not ${describe(profile)}: ingest with that one, or into a new index`);
}

/**
 * The profile that redacts a query of this index: the recorded one, or the given one, which must be
 * the recorded one (ERR_RAG_PROFILE_MISMATCH); an index that recorded none uses the given one.
 */
export function queryProfile(index: string, meta: IndexMeta, given?: ProfileName): ProfileName | undefined {
  if (meta.profile === undefined) return given;
  if (given !== undefined && given !== meta.profile) {
    throw new CordonError('ERR_RAG_PROFILE_MISMATCH', `index ${index} was redacted with ${describe(meta.profile)}, not ${describe(given)}: leave --profile out (the index's own is used)`);
  }
  return meta.profile ?? undefined;
}

/** The recorded profile read back from an index's metadata file (ERR_CONFIG_INVALID when it is not one). */
export function parseIndexProfile(v: unknown, where: string): IndexProfile {
  if (v === null || (typeof v === 'string' && (PROFILE_NAMES as readonly string[]).includes(v))) return v as IndexProfile;
  throw new CordonError('ERR_CONFIG_INVALID', `${where}: the recorded profile is not valid`);
}
