// Dataset identity for files, per the OpenLineage naming conventions (naming-conventions.md,
// "Remote file system"): namespace `file://{host}`, name the absolute path. Two runs on one host
// that write and then read the same file therefore name the same dataset, which is what joins
// runs into a lineage graph.
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DatasetRef } from './types.js';

export interface FileDatasetOptions {
  /** The host that holds the file (default: this machine's host name, lower-cased). */
  readonly host?: string;
  /** Base for relative paths (default: the process's working directory). */
  readonly cwd?: string;
}

/** This machine's name as used in dataset namespaces. */
export function localHost(): string {
  return hostname().toLowerCase() || 'localhost';
}

/**
 * The OpenLineage dataset for a file path.
 *
 * @example
 * ```ts
 * fileDataset('data/raw.csv', { host: 'ml-1', cwd: '/srv' }); // { namespace: 'file://ml-1', name: '/srv/data/raw.csv' }
 * ```
 */
export function fileDataset(path: string, options: FileDatasetOptions = {}): DatasetRef {
  if (typeof path !== 'string' || path === '') throw new TypeError('fileDataset: path must be a non-empty string');
  return { namespace: `file://${options.host ?? localHost()}`, name: resolve(options.cwd ?? process.cwd(), path) };
}

/** The dataset's location as a URI (`file://host/abs/path`, percent-encoded), for the dataSource facet. */
export function datasetUri(d: DatasetRef): string {
  return `${d.namespace}${pathToFileURL(d.name).pathname}`;
}
