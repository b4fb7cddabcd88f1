// What every lineage store offers, whatever holds it (SQLite file, PostgreSQL): events kept whole
// with their delivery state, and the edges of completed runs as an async graph for `trace`. One
// interface, one file per backend (sqlite.ts, postgres.ts); `open.ts` picks one from a location.
// Implementations make one `append` one transaction and keep `seq` in commit order, since delivery
// goes oldest first and `trace` shows the latest run of a step (highest seq).
import type { LineageEmitter, RunEvent } from '../types.js';

/** A field (column) or, without `field`, a whole dataset. */
export interface LineageNode {
  readonly namespace: string;
  readonly name: string;
  readonly field?: string;
}

/** One step of lineage recorded by a completed run: `from` flowed into `to`. */
export interface LineageEdge {
  readonly runId: string;
  readonly job: string;
  readonly eventTime: string;
  readonly from: LineageNode;
  readonly to: LineageNode;
  /** Column edges: the operator applied (e.g. `hash`), and the columnLineage transformation. */
  readonly operator?: string;
  readonly transformation?: { readonly type: string; readonly subtype?: string; readonly masking?: boolean };
}

/** What a lineage query walks: edges into and out of a dataset or column, newest run first. */
export interface LineageGraph {
  edgesInto(node: LineageNode): Promise<LineageEdge[]>;
  edgesFrom(node: LineageNode): Promise<LineageEdge[]>;
  /** Column edges of one run between two datasets (the operators of a dataset-level step), in event order. */
  columnEdgesOfRun(runId: string, from: LineageNode, to: LineageNode): Promise<LineageEdge[]>;
  /** Every dataset the store has seen as an input or output of a completed run. */
  datasets(): Promise<LineageNode[]>;
}

/** local: no endpoint was configured; rejected: the endpoint refused it (HTTP 4xx), not retried. */
export type LineageDelivery = 'local' | 'pending' | 'delivered' | 'rejected';

export interface StoredLineageEvent {
  readonly seq: number;
  readonly event: RunEvent;
  readonly delivery: LineageDelivery;
}

/**
 * A lineage store. `emit` (the LineageEmitter method) keeps events as `pending` when the store was
 * opened with `pending: true`, else as `local`; `append` says so per call and returns the seqs.
 */
export interface LineageStore extends LineageEmitter {
  readonly kind: 'sqlite' | 'postgres';
  /** Stores events in one transaction; returns their sequence numbers, in the events' order. */
  append(events: readonly RunEvent[], options?: { readonly pending?: boolean }): Promise<number[]>;
  /** Events waiting for delivery, oldest first, at most `limit`. */
  pending(limit: number): Promise<StoredLineageEvent[]>;
  countPending(): Promise<number>;
  markDelivered(seqs: readonly number[], at?: string): Promise<void>;
  markRejected(seqs: readonly number[]): Promise<void>;
  /** Every stored event, oldest first (optionally of one run). */
  events(options?: { readonly runId?: string }): Promise<StoredLineageEvent[]>;
  /** The store as a graph for lineage queries. */
  graph(): LineageGraph;
  /** Releases what the store opened (a pool handed in by the caller stays open). */
  close(): Promise<void>;
}
