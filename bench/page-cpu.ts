// `node bench/page-cpu.ts [regexp]`: CPU milliseconds one web process spends per page, measured in
// process (Fastify's inject, no sockets, one request at a time) on the bench seed. On a machine
// shared with other work requests per second swing widely; CPU time per request barely does, so
// this is the tool for before/after comparisons of a page's own cost. The writes (create status,
// favourite) run too, one after another, with PostgreSQL's CPU per request beside the web's.
// Settings: the seed sizes of bench/seed/sizes.ts (BENCH_ACCOUNTS…), PAGE_CPU_SECONDS (default 3),
// PAGE_CPU_PROFILE=<dir> writes a CPU profile of each page's measured loop there (read it with
// `node bench/top-functions.ts <file>`) and a sampled profile of its allocations, freed ones too
// (<key>.heapprofile; open it in Chrome's DevTools, Memory tab).
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { connect, freePort, migrate, startTemporaryPostgres } from '@microposts/db';
import { bootstrap, loadConfig } from '@microposts/runtime';
import { buildApp } from '../apps/web/src/app.ts';
import { logIn, oauthToken } from './clients.ts';
import { postgresCpuMsOf } from './processes.ts';
import { scenarios } from './scenarios.ts';
import { BENCH_PASSWORD, seed, seedSizes } from './seed/index.ts';

const only = new RegExp(process.argv[2] ?? '.', 'i');
const seconds = Number(process.env.PAGE_CPU_SECONDS ?? 3);
const profileDir = process.env.PAGE_CPU_PROFILE;
const inspector = profileDir ? new Session() : null;
inspector?.connect();
const server = await startTemporaryPostgres('microposts-page-cpu-', 'bench');
try {
  const db = connect(server.url, { max: 1 });
  await migrate(db);
  await db.destroy();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const { fixtures } = await seed(server.url, seedSizes(process.env, {}), { baseUrl: base });
  const dataDir = path.join(server.dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const config = loadConfig({
    PATH: process.env.PATH,
    DATABASE_URL: server.url,
    PUBLIC_URL: base,
    PORT: String(port),
    DATA_DIR: dataDir,
    SECRET_KEY: 'bench-secret-key-that-is-long-enough-1234',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_AUTH: '1000000',
    RATE_LIMIT_API: '1000000',
  });
  const app = await bootstrap(config, { name: 'web', cache: true });
  const fastify = await buildApp(app);
  await fastify.listen({ port, host: '127.0.0.1' });
  try {
    const { light, heavy, filtered } = fixtures.named;
    const sessions = {
      light: await logIn(base, light.username, BENCH_PASSWORD),
      heavy: await logIn(base, heavy.username, BENCH_PASSWORD),
      filtered: await logIn(base, filtered.username, BENCH_PASSWORD),
    };
    const token = {
      light: await oauthToken(base, sessions.light),
      heavy: await oauthToken(base, sessions.heavy),
      filtered: await oauthToken(base, sessions.filtered),
      poster: '',
      favMicroposts: '',
    };
    // As bench/run.ts: posts from several accounts, favourites of distinct public statuses.
    const posterNames = Array.from({ length: 8 }, (_, i) => `user${22 + i}`);
    const posterTokens = [];
    for (const name of posterNames)
      posterTokens.push(await oauthToken(base, await logIn(base, name, BENCH_PASSWORD)));
    token.favMicroposts = posterTokens[0]!;
    const targets = await app.db
      .selectFrom('statuses')
      .select('id')
      .where('visibility', '=', 'public')
      .where('reblog_of_id', 'is', null)
      .orderBy('id', 'desc')
      .limit(50_000)
      .execute();
    const list = scenarios({
      fixtures,
      cookie: {
        light: sessions.light.cookie,
        heavy: sessions.heavy.cookie,
        filtered: sessions.filtered.cookie,
      },
      token,
      favouriteTargets: targets.map((t) => t.id),
      posterTokens,
      posterIds: [],
    }).filter((s) => only.test(s.name));
    const pgData = path.join(server.dir, 'pg');
    let sent = 0;
    for (const s of list) {
      const e = s.microposts;
      const once = async () => {
        const varied = e.vary?.(sent++);
        const res = await fastify.inject({
          method: e.method,
          url: varied?.path ?? e.path,
          headers: { ...e.headers, ...varied?.headers },
          ...(varied?.body !== undefined ? { payload: varied.body } : {}),
        });
        if (res.statusCode !== 200) throw new Error(`${s.name}: ${res.statusCode}`);
        return res.rawPayload.length;
      };
      for (let i = 0; i < 200; i++) await once(); // warm: caches, JIT
      let n = 0;
      let bytes = 0;
      if (inspector) {
        await inspector.post('Profiler.enable');
        await inspector.post('Profiler.start');
        // Every allocation sampled, also what the collector has freed since: where the garbage comes from.
        await inspector.post('HeapProfiler.enable');
        await inspector.post('HeapProfiler.startSampling', {
          samplingInterval: 16384,
          includeObjectsCollectedByMajorGC: true,
          includeObjectsCollectedByMinorGC: true,
        });
      }
      const cpu = process.cpuUsage();
      const pgCpu = postgresCpuMsOf(pgData);
      const end = performance.now() + seconds * 1000;
      while (performance.now() < end) {
        bytes = await once();
        n++;
      }
      const used = process.cpuUsage(cpu);
      const pgMs = (postgresCpuMsOf(pgData) - pgCpu) / n;
      if (inspector && profileDir) {
        const { profile } = await inspector.post('Profiler.stop');
        const { profile: allocations } = await inspector.post('HeapProfiler.stopSampling');
        mkdirSync(profileDir, { recursive: true });
        writeFileSync(path.join(profileDir, `${s.key}.cpuprofile`), JSON.stringify(profile));
        writeFileSync(path.join(profileDir, `${s.key}.heapprofile`), JSON.stringify(allocations));
      }
      const ms = (used.user + used.system) / 1000 / n;
      console.log(
        `${s.name}: ${ms.toFixed(3)} CPU ms per page + PostgreSQL ${pgMs.toFixed(3)} (${n} pages, ${bytes} bytes)`,
      );
    }
  } finally {
    await fastify.close();
    await app.close();
  }
} finally {
  await server.stop();
}
