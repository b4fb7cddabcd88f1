// Writes a manifest, bundle or other small output atomically through io/write-file-atomic.ts, so a
// reader never sees half a file; an existing file is replaced only when asked, an input never.
import { writeFileAtomic } from '../io/write-file-atomic.js';

/** Manifests and bundles are published next to the artifact: mode 0644 unless `mode` says otherwise. */
export function writeOutputFile(path: string, text: string, options: { overwrite?: boolean; mode?: number; inputs?: readonly string[] } = {}): void {
  writeFileAtomic(path, text, { force: options.overwrite === true, mode: options.mode ?? 0o644, ...(options.inputs !== undefined ? { inputs: options.inputs } : {}) });
}
