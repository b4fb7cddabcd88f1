#!/usr/bin/env node
// Entry point for the `cordon` command (built output in dist/).
import module from 'node:module';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

// Node 22.1+ keeps the V8 code of the modules it compiles between runs (module.enableCompileCache;
// Node 20 has none): a process then skips parsing ~2 MB of modules, the word lists' literals among
// them (issue 13, start-up). The cache goes to the user's own cache directory, never to Node's
// default under the shared temp directory: a tool that holds keys must not run code that another
// local user could have planted there. NODE_COMPILE_CACHE=DIR (read by Node first) chooses another
// directory, NODE_DISABLE_COMPILE_CACHE=1 turns it off. Without a cache nothing changes but speed.
if (typeof module.enableCompileCache === 'function') {
  try {
    // The same base as the development master key's ~/.config/cordon (src/keys/kek/local.ts).
    const env = process.env;
    const base = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(env.HOME || homedir(), '.cache');
    module.enableCompileCache(join(base, 'cordon', 'compile-cache'));
  } catch {
    // No home directory or no cache directory: run uncached.
  }
}

const { main } = await import('../dist/src/cli/main.js');
process.exitCode = await main(process.argv);
