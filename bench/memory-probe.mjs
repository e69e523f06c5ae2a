// A preload that tells what a process's memory is made of, for finding causes (docs/performance.md,
// "Memory"): `BENCH_WEB_NODE_ARGS="--import ./bench/memory-probe.mjs" npm run bench`, or the same flag
// on a process started by hand. It writes one JSON file per probe to MEMORY_PROBE_DIR (default /tmp):
// shortly after start (MEMORY_PROBE_START_MS, default 3000), on SIGUSR2, and when the process is asked
// to stop (SIGTERM/SIGINT: after the run). Each holds process.memoryUsage(), V8's heap spaces, the
// resident memory by kind of mapping (/proc/self/smaps), the garbage collections so far and the
// modules loaded. MEMORY_PROBE_SNAPSHOT=1 also writes a heap snapshot beside it (it collects first,
// so it is the live heap; read it with `node bench/heap-summary.mjs <file>`).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';

// Settings from the environment, or from the import's query string, for processes started with an
// environment of their own (the benchmark's): --import ./bench/memory-probe.mjs?dir=/tmp/x&snapshot=1
const query = new URL(import.meta.url).searchParams;
const setting = (name, env) => query.get(name) ?? process.env[env];
const dir = setting('dir', 'MEMORY_PROBE_DIR') ?? '/tmp';
const snapshot = setting('snapshot', 'MEMORY_PROBE_SNAPSHOT') === '1';
// gdb=1: when stopping, glibc's own account (malloc_stats() on stderr) and what malloc_trim(0) gives back.
const gdb = setting('gdb', 'MEMORY_PROBE_GDB') === '1';
let modules = 0;
// Source characters loaded per package (node_modules/<name>, or the workspace's own files).
const sourceByPackage = new Map();
// modules=1: count modules and their source per package. Off by default: a load hook makes Node.js
// strip TypeScript again instead of taking it from the compile cache (it loads amaro, ~17 MiB).
if (setting('modules', 'MEMORY_PROBE_MODULES') === '1')
  registerHooks({
    load(url, context, next) {
      modules++;
      const result = next(url, context);
      const where =
        /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url.startsWith('node:') ? 'node:' : 'own');
      const size = result.source ? result.source.length : 0;
      const e = sourceByPackage.get(where) ?? { modules: 0, chars: 0 };
      e.modules++;
      e.chars += size;
      sourceByPackage.set(where, e);
      return result;
    },
  });

const gc = { count: 0, ms: 0, byKind: {} };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gc.count++;
    gc.ms += e.duration;
    const kind = String(e.detail?.kind ?? '?');
    gc.byKind[kind] = (gc.byKind[kind] ?? 0) + 1;
  }
}).observe({ entryTypes: ['gc'] });

const MiB = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** Resident KiB by kind of mapping, from /proc/self/smaps. */
function mappings() {
  const out = {};
  const add = (kind, rss) => (out[kind] = (out[kind] ?? 0) + rss);
  let current = null;
  const lines = readFileSync('/proc/self/smaps', 'utf8').split('\n');
  const regions = [];
  for (const line of lines) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      current = {
        start: BigInt('0x' + head[1]),
        end: BigInt('0x' + head[2]),
        perms: head[3],
        name: head[4],
        rss: 0,
      };
      regions.push(current);
    } else if (current && line.startsWith('Rss:')) current.rss = Number(/\d+/.exec(line)[0]);
  }
  const anon = [];
  for (const r of regions) {
    if (r.rss === 0) continue;
    if (!r.name)
      anon.push(
        `${r.start.toString(16)} ${r.perms} size ${Math.round(Number(r.end - r.start) / 1024)} KiB rss ${r.rss} KiB`,
      );
    const size = Number(r.end - r.start) / 1024;
    if (r.name === process.execPath || r.name.endsWith('/node')) add('node binary', r.rss);
    else if (r.name.includes('sharp') || r.name.includes('vips')) add('sharp/libvips', r.rss);
    else if (r.name.startsWith('/')) add('other files', r.rss);
    else if (r.name === '[heap]') add('malloc main arena ([heap])', r.rss);
    else if (r.name.startsWith('[stack')) add('stacks', r.rss);
    else if (r.name.startsWith('[')) add(r.name, r.rss);
    // glibc thread arenas: a heap inside a 64 MiB-aligned 64 MiB reservation.
    else if (r.start % (64n << 20n) === 0n && size <= 65536)
      add('anonymous, 64 MiB-aligned (thread arenas)', r.rss);
    else add(`anonymous ${r.perms}`, r.rss);
  }
  for (const k of Object.keys(out)) out[k] = MiB(out[k] * 1024);
  out.largestAnonymous = anon
    .sort((a, b) => Number(b.split(' rss ')[1].split(' ')[0]) - Number(a.split(' rss ')[1].split(' ')[0]))
    .slice(0, 25);
  return out;
}

let n = 0;
function probe(label) {
  const file = path.join(dir, `memory-${process.pid}-${++n}-${label}`);
  const status = readFileSync('/proc/self/status', 'utf8');
  const kib = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  const usage = Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, MiB(v)]));
  const spaces = Object.fromEntries(
    v8
      .getHeapSpaceStatistics()
      .map((s) => [
        s.space_name,
        { size: MiB(s.space_size), used: MiB(s.space_used_size), physical: MiB(s.physical_space_size) },
      ]),
  );
  const heap = v8.getHeapStatistics();
  const report = {
    label,
    at: new Date().toISOString(),
    uptime: Math.round(process.uptime()),
    vmRss: MiB(kib('VmRSS') * 1024),
    vmHwm: MiB(kib('VmHWM') * 1024),
    rssAnon: MiB(kib('RssAnon') * 1024),
    rssFile: MiB(kib('RssFile') * 1024),
    threads: kib('Threads'),
    usage,
    heap: {
      total: MiB(heap.total_heap_size),
      physical: MiB(heap.total_physical_size),
      used: MiB(heap.used_heap_size),
      limit: MiB(heap.heap_size_limit),
      malloced: MiB(heap.malloced_memory),
      peakMalloced: MiB(heap.peak_malloced_memory),
      external: MiB(heap.external_memory),
      contexts: heap.number_of_native_contexts,
    },
    spaces,
    mappings: mappings(),
    gc: { ...gc, ms: Math.round(gc.ms) },
    // Whether Node.js's TypeScript stripper was loaded (a cold compile cache, or none).
    amaroLoaded: process.moduleLoadList.some((m) => m.includes('amaro')),
    modulesLoaded: modules,
    sourceByPackage: [...sourceByPackage]
      .sort((a, b) => b[1].chars - a[1].chars)
      .slice(0, 30)
      .map(([name, e]) => `${name}: ${e.modules} modules, ${MiB(e.chars)} MiB`),
    commonjsModules: Object.keys((globalThis.require ?? { cache: {} }).cache ?? {}).length,
    handles: process.getActiveResourcesInfo().length,
    cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
  };
  writeFileSync(`${file}.json`, JSON.stringify(report, null, 2));
  if (snapshot) v8.writeHeapSnapshot(`${file}.heapsnapshot`);
  if (gdb && label !== 'start') {
    const rss = () => readFileSync('/proc/self/status', 'utf8').match(/VmRSS:\s+(\d+)/)[1];
    const before = rss();
    execFileSync(
      'gdb',
      [
        '-p',
        String(process.pid),
        '-batch',
        '-ex',
        'call (void)malloc_stats()',
        '-ex',
        'call (int)malloc_trim(0)',
      ],
      { stdio: 'ignore' },
    );
    writeFileSync(`${file}.trim.txt`, `VmRSS ${before} KiB before malloc_trim(0), ${rss()} KiB after\n`);
  }
}

setTimeout(() => probe('start'), Number(setting('start', 'MEMORY_PROBE_START_MS') ?? 3000)).unref();
process.on('SIGUSR2', () => probe('signal'));
for (const signal of ['SIGTERM', 'SIGINT']) process.prependListener(signal, () => probe('stop'));
