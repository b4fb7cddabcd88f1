// An AuditSink that appends one JSON line per event to a file opened with O_APPEND, so concurrent
// processes interleave whole lines. Each write is synchronous: an event is on disk (in the page
// cache, fsync'd on close) before the operation it records returns.
import { closeSync, fsyncSync, openSync, writeSync, constants } from 'node:fs';
import type { AuditEvent, AuditSink } from './event.js';

export class JsonlAuditSink implements AuditSink {
  readonly path: string;
  #fd: number | undefined;

  constructor(path: string) {
    this.path = path;
  }

  emit(event: AuditEvent): void {
    if (this.#fd === undefined) {
      this.#fd = openSync(this.path, constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND, 0o600);
    }
    writeSync(this.#fd, JSON.stringify(event) + '\n');
  }

  close(): void {
    if (this.#fd !== undefined) {
      fsyncSync(this.#fd);
      closeSync(this.#fd);
      this.#fd = undefined;
    }
  }
}

/** Collects events in memory (tests, dry runs). */
export class MemoryAuditSink implements AuditSink {
  readonly events: AuditEvent[] = [];
  emit(event: AuditEvent): void {
    this.events.push(event);
  }
}
