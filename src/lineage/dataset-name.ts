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

/** The path that means a standard stream (`cordon protect - … -o -`). */
export const STREAM_PATH = '-';

/**
 * A standard stream as a dataset: namespace `stdio://{host}`, name `stdin` or `stdout` — a pipe has
 * no path, and a file literally named "-" in the working directory is not what was read.
 *
 * @example
 * ```ts
 * streamDataset('stdin', { host: 'ml-1' }); // { namespace: 'stdio://ml-1', name: 'stdin' }
 * ```
 */
export function streamDataset(which: 'stdin' | 'stdout', options: FileDatasetOptions = {}): DatasetRef {
  return { namespace: `stdio://${options.host ?? localHost()}`, name: which };
}

/** The dataset for a path a command was given: a file, or `-` for the standard stream `which`. */
export function pathDataset(path: string, which: 'stdin' | 'stdout', options: FileDatasetOptions = {}): DatasetRef {
  return path === STREAM_PATH ? streamDataset(which, options) : fileDataset(path, options);
}

/** The dataset's location as a URI (`file://host/abs/path`, percent-encoded; `stdio://host/stdin`), for the dataSource facet. */
export function datasetUri(d: DatasetRef): string {
  if (d.namespace.startsWith('stdio://')) return `${d.namespace}/${d.name}`;
  return `${d.namespace}${pathToFileURL(d.name).pathname}`;
}
