// Durable commits without an fsync on the event loop. A connection in WAL mode with
// synchronous=NORMAL commits without syncing; FULL is NORMAL plus one sync of the WAL per commit
// (https://sqlite.org/pragma.html#pragma_synchronous). This does that sync itself, on libuv's
// thread pool (`sync`) or inline (`syncSync`): once either returns, every commit made before the
// call is on disk, exactly as under FULL. It must never be skipped before a caller is told a write
// is durable, and it never touches the database's contents: the WAL is opened read-only (fsync and
// fdatasync act on the file, whatever the descriptor's access mode, on Linux and macOS).
import { closeSync, fdatasync, fdatasyncSync, fstatSync, openSync, statSync } from 'node:fs';

export class WalSync {
  readonly #path: string;
  /** The WAL file's descriptor, reopened when the file at the path is another one (SQLite recreated it). */
  #wal: { fd: number; ino: number } | undefined;

  /** `database`: the SQLite file; its WAL is `<database>-wal`, which a commit has created. */
  constructor(database: string) {
    this.#path = `${database}-wal`;
  }

  #fd(): number {
    const ino = statSync(this.#path).ino;
    if (this.#wal !== undefined && this.#wal.ino === ino) return this.#wal.fd;
    this.close();
    const fd = openSync(this.#path, 'r');
    this.#wal = { fd, ino: fstatSync(fd).ino };
    return fd;
  }

  /** fdatasync of the WAL on the thread pool: commits made before the call are durable when it resolves. */
  sync(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let fd: number;
      try {
        fd = this.#fd();
      } catch (e) {
        reject(e);
        return;
      }
      fdatasync(fd, (e) => (e === null ? resolve() : reject(e)));
    });
  }

  /** The same, on the calling thread (for synchronous APIs that promise durability on return). */
  syncSync(): void {
    fdatasyncSync(this.#fd());
  }

  close(): void {
    if (this.#wal !== undefined) closeSync(this.#wal.fd);
    this.#wal = undefined;
  }
}
