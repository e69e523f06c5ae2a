// How every web process is started — `npm start`, `npm run start:web`, the systemd unit and the
// benchmark — so what is measured is what runs (docs/performance.md, "Memory"); a test checks they agree.
import path from 'node:path';

// The V8 heap settings:
// - a young generation of 2 × 8 MiB: on a machine with several GiB of memory V8 sizes it at up to
//   2 × 64 MiB, which a web process fills with request garbage and keeps resident;
// - an old generation capped at 512 MiB, which also makes V8 collect it once it has grown to about 1.6
//   times what survived the last collection instead of 4 times. What lives there is bounded (the read
//   cache by READ_CACHE_ENTRIES), well under the cap.
export const WEB_NODE_ARGS: readonly string[] = ['--max-semi-space-size=8', '--max-old-space-size=512'];

/**
 * The environment a web process adds to its own (DATA_DIR as the process sees it):
 * - NODE_COMPILE_CACHE: Node.js keeps the type-stripped JavaScript and V8's code of every module
 *   there, so a process whose files are all in it never loads the TypeScript stripper (amaro, a
 *   WebAssembly build of swc: about 17 MiB of a process's memory) and starts faster. A changed file
 *   misses the cache and is stripped again; the folder is only ever a cache.
 * - MALLOC_ARENA_MAX=2: glibc's malloc gives every thread that allocates (V8's compiler and GC
 *   helpers, libuv's pool) an arena of its own, each holding on to what it freed; two arenas hold less.
 */
export function webProcessEnv(dataDir: string): Record<string, string> {
  return { NODE_COMPILE_CACHE: path.join(dataDir, 'compile-cache'), MALLOC_ARENA_MAX: '2' };
}
