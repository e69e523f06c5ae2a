// `npm run bench`: seeds one throw-away embedded PostgreSQL (bench/seed/), starts the reference server
// (bench/reference.ts) and the real web process(es) on it, drives every scenario (bench/scenarios.ts)
// on both, measures mail and statistics, and writes bench/RESULTS.md (report.ts).
// `npm run bench -- --smoke`: a tiny seed and about a second per scenario; exits non-zero if any
// request fails or the harness breaks; judges no target and writes no file (CI runs it).
// Settings: BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_CONNECTIONS, BENCH_WEB_PROCESSES, BENCH_MAIL_RATE,
// BENCH_MAIL_SECONDS, BENCH_MAIL_DRAIN, BENCH_POSTERS, BENCH_WORKER_CONCURRENCY, BENCH_MEDIA_UPLOADS,
// BENCH_SETTLE_SECONDS (idle time before the settled RSS), and the seed sizes of bench/seed/sizes.ts (BENCH_ACCOUNTS…).
// For finding causes: BENCH_ONLY=<regexp> runs only the scenarios whose names match (no statistics, no
// RESULTS.md; the web processes' RSS is printed; the mail part only if the regexp matches "mail", so BENCH_ONLY=mail runs just that), and
// BENCH_WEB_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" (BENCH_WORKER_NODE_ARGS for the worker)
// gives the web processes node options (read the profile with `node bench/top-functions.ts <file>`);
// BENCH_DUMP=<dir> keeps the pages both sides answered, to compare what they render.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { connect, freePort, migrate, startTemporaryPostgres } from '@microposts/db';
import { bootstrap, loadConfig, WEB_NODE_ARGS, webProcessEnv } from '@microposts/runtime';
import { logIn, oauthToken } from './clients.ts';
import { drive, type DriveOptions } from './drive.ts';
import { measureMail } from './mail.ts';
import { measureStreaming } from './streaming.ts';
import { measureMedia } from './media.ts';
import { postgresCpuMsOf, startNode, stopAll, type Running } from './processes.ts';
import { renderReport, type RunFacts, type ScenarioResult } from './report.ts';
import { scenarios as allScenarios } from './scenarios.ts';
import { BENCH_PASSWORD, seed, seedSizes } from './seed/index.ts';

const smoke = process.argv.includes('--smoke');
const env = process.env;
const num = (name: string, full: number, small: number) => Number(env[name] ?? (smoke ? small : full));
const drivingOptions: DriveOptions = {
  seconds: num('BENCH_SECONDS', 8, 1),
  warmupSeconds: num('BENCH_WARMUP_SECONDS', 2, 0.3),
  connections: num('BENCH_CONNECTIONS', 16, 16),
};
const webProcesses = num('BENCH_WEB_PROCESSES', 1, 1);
const only = env.BENCH_ONLY ? new RegExp(env.BENCH_ONLY, 'i') : null;
/** BENCH_ONLY's scenarios have run: the rest of the run is skipped. */
class OnlyDone extends Error {}
const webNodeArgs = env.BENCH_WEB_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
/** BENCH_DUMP=<dir>: each read scenario's page, as both sides answered it, is written there. */
const dumpDir = env.BENCH_DUMP ? path.resolve(env.BENCH_DUMP) : null;
const workerNodeArgs = env.BENCH_WORKER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
const mailRate = num('BENCH_MAIL_RATE', 100, 100);
const mailSeconds = num('BENCH_MAIL_SECONDS', 10, 1);
const mailDrain = num('BENCH_MAIL_DRAIN', 2000, 100);
const streamSockets = num('BENCH_STREAM_SOCKETS', 1000, 50);
const streamPosts = num('BENCH_STREAM_POSTS', 50, 5);
const posterCount = num('BENCH_POSTERS', 10, 10);
const settleSeconds = num('BENCH_SETTLE_SECONDS', 6, 4);
const sizes = seedSizes(
  env,
  smoke
    ? {
        accounts: Number(env.BENCH_ACCOUNTS ?? 300),
        statuses: Number(env.BENCH_STATUSES ?? 5000),
        favourites: Number(env.BENCH_FAVOURITES ?? 5000),
      }
    : {},
);
const root = path.resolve(import.meta.dirname, '..');
const SECRET_KEY = 'bench-secret-key-that-is-long-enough-1234';

/**
 * Ports for n processes of one kind, and the base URLs to drive. Today each process has its own
 * port and autocannon spreads its connections over them. When web processes can share one port
 * (listening with reusePort), this is the one line to change: `Array(n).fill(await freePort())`
 * for the ports and one base URL.
 */
async function listenPorts(n: number): Promise<{ ports: number[]; bases: string[] }> {
  const ports = await Promise.all(Array.from({ length: n }, () => freePort()));
  return { ports, bases: ports.map((p) => `http://127.0.0.1:${p}`) };
}

const loadAtStart = os.loadavg()[0]!;
const server = await startTemporaryPostgres('microposts-bench-', 'bench');
let failed = false;
try {
  const db = connect(server.url, { max: 1 });
  await migrate(db);
  await db.destroy();
  const web = await listenPorts(webProcesses);
  const ref = await listenPorts(webProcesses);
  const publicUrl = web.bases[0]!;
  console.log(`Seeding ${sizes.accounts} accounts, ${sizes.statuses} statuses…`);
  const seeded = await seed(server.url, sizes, { baseUrl: publicUrl });
  console.log(`Seeded in ${seeded.seconds.toFixed(1)} s:`, seeded.rows);
  const { fixtures } = seeded;

  const dataDir = path.join(server.dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  if (dumpDir) mkdirSync(dumpDir, { recursive: true });
  const appEnv = {
    PATH: env.PATH,
    DATABASE_URL: server.url,
    PUBLIC_URL: publicUrl,
    DATA_DIR: dataDir,
    SECRET_KEY,
    LOG_LEVEL: 'warn',
    MENTION_EMAIL_DELAY: '0',
    RATE_LIMIT_AUTH: '1000000',
    RATE_LIMIT_POSTS: '1000000',
    RATE_LIMIT_API: '1000000',
  };
  const references: Running[] = await Promise.all(
    ref.ports.map((port, i) =>
      startNode(
        `reference ${i + 1}`,
        path.join(root, 'bench/reference.ts'),
        { ...appEnv, PORT: String(port) },
        {
          url: ref.bases[i]!,
          health: '/health',
        },
      ),
    ),
  );
  const startWeb = (name: string, i: number, nodeArgs: string[]) =>
    startNode(
      name,
      path.join(root, 'apps/web/src/main.ts'),
      // The compile cache in the repository's var/ (as npm start's), not the throw-away DATA_DIR: a
      // web process in production restarts with its cache warm.
      { ...appEnv, ...webProcessEnv(path.join(root, 'var')), PORT: String(web.ports[i]) },
      // As npm start and the systemd unit run them (packages/runtime/src/web-node-args.ts).
      { url: web.bases[i]!, health: '/health', nodeArgs: [...WEB_NODE_ARGS, ...nodeArgs] },
    );
  // The first start after a code change strips the changed files' TypeScript in the process, which
  // then keeps Node.js's stripper (amaro, about 20 MiB) for its life; every later start finds them in
  // the compile cache. One throw-away start fills it, so the processes measured are started as a
  // production web process is restarted (docs/performance.md, "Web RSS, this round").
  await (await startWeb('web (filling the compile cache)', 0, [])).stop();
  const webs: Running[] = await Promise.all(
    web.ports.map((_port, i) => startWeb(`web ${i + 1}`, i, webNodeArgs)),
  );
  const webAfterStart = webs.map((w) => w.memory().rss);

  // Real sessions (the log-in form) and real OAuth tokens (the authorize page), as people and apps get them.
  const named = fixtures.named;
  const sessions = {
    light: await logIn(publicUrl, named.light.username, BENCH_PASSWORD),
    heavy: await logIn(publicUrl, named.heavy.username, BENCH_PASSWORD),
    poster: await logIn(publicUrl, named.poster.username, BENCH_PASSWORD),
    favMicroposts: await logIn(publicUrl, named.favMicroposts.username, BENCH_PASSWORD),
    filtered: await logIn(publicUrl, named.filtered.username, BENCH_PASSWORD),
  };
  const token = {
    light: await oauthToken(publicUrl, sessions.light),
    heavy: await oauthToken(publicUrl, sessions.heavy),
    poster: await oauthToken(publicUrl, sessions.poster),
    favMicroposts: await oauthToken(publicUrl, sessions.favMicroposts),
    filtered: await oauthToken(publicUrl, sessions.filtered),
  };
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  // The posting accounts (create status, mail): `poster` alone when BENCH_POSTERS=1, else user22,
  // user23, … (never one of the mail's recipients user2…user21). People post from many accounts, and
  // one account posting at full speed would measure its own row locks, not the write path.
  const posterNames =
    posterCount <= 1
      ? [named.poster.username]
      : Array.from({ length: posterCount }, (_, i) => `user${22 + i}`);
  const posterTokens = await Promise.all(
    posterNames.map(async (name) => oauthToken(publicUrl, await logIn(publicUrl, name, BENCH_PASSWORD))),
  );
  const { rows: posterRows } = await client.query<{ id: string; username: string }>(
    'SELECT id, username FROM accounts WHERE username = ANY($1)',
    [posterNames],
  );
  const posterIds = posterNames.map((name) => posterRows.find((r) => r.username === name)!.id);
  const { rows: targets } = await client.query<{ id: string }>(
    `SELECT s.id FROM statuses s JOIN accounts a ON a.id = s.account_id
     WHERE s.visibility = 'public' AND a.suspended_at IS NULL ORDER BY s.id DESC LIMIT 100000`,
  );
  const postgres = (await client.query('SHOW server_version')).rows[0].server_version as string;
  await client.end();

  const list = allScenarios({
    fixtures,
    cookie: {
      light: sessions.light.cookie,
      heavy: sessions.heavy.cookie,
      filtered: sessions.filtered.cookie,
    },
    token,
    favouriteTargets: targets.map((t) => t.id),
    posterTokens,
    posterIds,
  });
  // Every read answers 2xx on both sides before anything is timed, and an API list shows the same
  // statuses on both (the reference does the same database work, not less).
  for (const s of list.filter((x) => !x.write)) {
    const listed: string[] = [];
    for (const [side, base, e] of [
      ['microposts', publicUrl, s.microposts],
      ['reference', ref.bases[0]!, s.reference],
    ] as const) {
      const res = await fetch(base + e.path, { method: e.method, headers: e.headers ?? {} });
      if (!res.ok) throw new Error(`${s.name}: ${side} answered ${res.status} to ${e.method} ${e.path}`);
      const body = await res.text();
      if (!showsStatuses(body))
        throw new Error(`${s.name}: ${side} shows no statuses at ${e.method} ${e.path}`);
      if (dumpDir) writeFileSync(path.join(dumpDir, `${s.name.replace(/\W+/g, '-')}.${side}`), body);
      listed.push(listedIds(body));
    }
    if (listed[0] !== listed[1])
      console.warn(`${s.name}: microposts lists ${listed[0]}, the reference ${listed[1]}`);
  }

  const pgData = path.join(server.dir, 'pg');
  const cpuOf = (group: Running[]) => () => ({
    app: group.reduce((sum, p) => sum + p.cpuMs(), 0),
    postgres: postgresCpuMsOf(pgData),
  });
  const results: ScenarioResult[] = [];
  const runScenario = async (s: (typeof list)[number]) => {
    const reference = await drive(ref.bases, s.reference, drivingOptions, cpuOf(references));
    const microposts = await drive(web.bases, s.microposts, drivingOptions, cpuOf(webs));
    results.push({ scenario: s, microposts, reference });
    const cpu = (m: typeof microposts) =>
      m.cpuPerRequest
        ? `, CPU ms/request ${m.cpuPerRequest.app.toFixed(2)} + PG ${m.cpuPerRequest.postgres.toFixed(2)}` +
          ` (load generator ${m.cpuPerRequest.loadGenerator.toFixed(2)})`
        : '';
    console.log(
      `${s.name}: microposts ${Math.round(microposts.requestsPerSecond)}/s (p50 ${microposts.p50}, p99 ${microposts.p99}, ` +
        `non-2xx ${microposts.non2xx}${cpu(microposts)}), reference ${Math.round(reference.requestsPerSecond)}/s` +
        ` (p50 ${reference.p50}, p99 ${reference.p99}, non-2xx ${reference.non2xx}${cpu(reference)}), ratio ${(microposts.requestsPerSecond / reference.requestsPerSecond).toFixed(2)}`,
    );
  };
  for (const s of list.filter((x) => !x.write && (!only || only.test(x.name)))) await runScenario(s);

  // Mail, after the reads (its statuses would change what they show) and before the writes (whose
  // mention e-mails are queued for no worker and must not be in the way).
  const workerConcurrency = num('BENCH_WORKER_CONCURRENCY', 10, 10);
  const runMail = async () => {
    console.log('Mail: latency while posting, then one worker draining a queue…');
    const result = await measureMail({
      bases: web.bases,
      tokens: posterTokens,
      recipients: Array.from({ length: 20 }, (_, i) => `user${i + 2}`),
      rate: mailRate,
      seconds: mailSeconds,
      drainCount: mailDrain,
      workerFile: path.join(root, 'apps/worker/src/main.ts'),
      workerEnv: { ...appEnv, WORKER_CONCURRENCY: String(workerConcurrency) },
      workerNodeArgs,
      cpu: cpuOf(webs),
    });
    const c = result.postCpu;
    console.log(
      `Mail: p50 ${result.p50.toFixed(0)} ms, p95 ${result.p95.toFixed(0)} ms, max ${result.max.toFixed(0)} ms ` +
        `(sent at ${result.sendRate.toFixed(0)}/s, answered at ${result.answerRate.toFixed(0)}/s, answer p50 ` +
        `${result.answeredP50.toFixed(0)} ms, p95 ${result.answeredP95.toFixed(0)} ms); ` +
        `${result.emailsPerSecond.toFixed(0)} e-mails/s, worker CPU ${result.workerCpuMsPerEmail.toFixed(2)} ms per e-mail ` +
        `+ PG ${result.postgresCpuMsPerEmail.toFixed(2)} (machine ${(100 * result.drainMachineBusy).toFixed(0)}% busy); ` +
        `CPU per post while posting: web ${c.web.toFixed(2)} + PG ${c.postgres.toFixed(2)} + worker ${c.worker.toFixed(2)} + ` +
        `poster and SMTP server ${c.runner.toFixed(2)} ms (machine ${(100 * c.machineBusy).toFixed(0)}% busy)`,
    );
    return result;
  };
  if (only) {
    if (only.test('mail')) await runMail();
    for (const s of list.filter((x) => x.write && only.test(x.name))) await runScenario(s);
    for (const [i, w] of webs.entries()) {
      const { rss, peak } = w.memory();
      console.log(`web ${i + 1}: RSS ${webAfterStart[i]} MiB after start, ${rss} MiB now, peak ${peak} MiB`);
    }
    throw new OnlyDone();
  }
  const mail = await runMail();

  console.log(`Streaming: ${streamSockets} sockets on public, ${streamPosts} statuses posted one at a time…`);
  const streaming = await measureStreaming({
    bases: web.bases,
    tokens: [token.light, token.heavy],
    posterToken: token.poster,
    sockets: streamSockets,
    posts: streamPosts,
  });
  console.log(
    `Streaming: p50 ${streaming.p50.toFixed(0)} ms, p95 ${streaming.p95.toFixed(0)} ms; ` +
      `${streaming.received} of ${streaming.expected} events`,
  );

  const mediaUploads = num('BENCH_MEDIA_UPLOADS', 40, 4);
  console.log(`Media: ${mediaUploads} photo uploads, 2 at a time, one worker…`);
  const media = await measureMedia({
    base: web.bases[0]!,
    token: token.poster,
    uploads: mediaUploads,
    concurrency: 2,
    workerFile: path.join(root, 'apps/worker/src/main.ts'),
    workerEnv: appEnv,
  });
  console.log(
    `Media: upload → processed p50 ${media.p50.toFixed(0)} ms, p95 ${media.p95.toFixed(0)} ms ` +
      `(${media.processed} of ${media.uploads}, ${media.fileKiB} KiB each)`,
  );

  for (const s of list.filter((x) => x.write)) await runScenario(s);

  // One seeded day of statistics, through the stats service, twice (the second with warm caches).
  const app = await bootstrap(loadConfig({ ...appEnv, LOG_LEVEL: 'silent' }), {
    name: 'bench',
    migrate: false,
  });
  const timeDay = async () => {
    const t0 = performance.now();
    await app.services.stats.computeDay({ day: fixtures.statsDay });
    return (performance.now() - t0) / 1000;
  };
  const stats = { day: fixtures.statsDay, firstSeconds: await timeDay(), secondSeconds: await timeDay() };
  await app.close();

  const webAfterRun = webs.map((w) => w.memory().rss);
  // What an operator sees once the load has stopped: a web process gives V8's spare pages back after
  // about three idle seconds (packages/runtime/src/memory-release.ts), so the resident size is read
  // again after settleSeconds of no requests. Both figures are reported.
  await new Promise((resolve) => setTimeout(resolve, settleSeconds * 1000));
  const memory = {
    webAfterStart,
    webAfterRun,
    webSettled: webs.map((w) => w.memory().rss),
    settleSeconds,
    webPeak: webs.map((w) => w.memory().peak),
    referencePeak: references.map((r) => r.memory().peak),
    workerPeak: mail.workerPeak,
  };
  await stopAll();

  const cpus = os.cpus();
  const facts: RunFacts = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    command: commandLine(),
    smoke,
    machine: {
      cores: cpus.length,
      cpu: cpus[0]?.model.trim() ?? 'unknown',
      ramGiB: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()}`,
    },
    load: { start: loadAtStart, end: os.loadavg()[0]! },
    node: process.version,
    postgres,
    webProcesses,
    ...drivingOptions,
    seed: seeded,
    results,
    mail: { ...mail, rate: mailRate, seconds: mailSeconds, workerConcurrency },
    streaming,
    media,
    stats,
    memory,
  };
  const report = renderReport(facts);
  if (smoke) {
    console.log(`\n${report}`);
    const broken = results.filter((r) =>
      [r.microposts, r.reference].some((m) => m.non2xx > 0 || m.errors > 0 || m.total === 0),
    );
    for (const r of broken) console.error(`Smoke: ${r.scenario.name} had failed requests or none at all.`);
    if (mail.received !== mail.posted || !(mail.emailsPerSecond > 0))
      console.error('Smoke: mail measurement broke.');
    if (!(stats.firstSeconds > 0)) console.error('Smoke: statistics measurement broke.');
    const streamBroke = streaming.received !== streaming.expected;
    if (media.processed !== media.uploads) console.error('Smoke: media measurement broke.');
    if (streamBroke) console.error('Smoke: streaming measurement broke (events missing).');
    failed =
      broken.length > 0 ||
      mail.received !== mail.posted ||
      !(mail.emailsPerSecond > 0) ||
      streamBroke ||
      media.processed !== media.uploads;
  } else {
    writeFileSync(path.join(root, 'bench/RESULTS.md'), report);
    console.log('\nWrote bench/RESULTS.md');
  }
} catch (error) {
  if (!(error instanceof OnlyDone)) {
    failed = true;
    console.error(error);
  }
} finally {
  await stopAll();
  await server.stop();
}
process.exit(failed ? 1 : 0);

/** A page or JSON list that lists something: a status permalink in HTML, a non-empty JSON array. */
function showsStatuses(body: string): boolean {
  if (body.startsWith('[')) return (JSON.parse(body) as unknown[]).length > 0;
  return /href="\/@[A-Za-z0-9_]+\/\d+"/.test(body);
}

/** A JSON list's ids (a status's, or a StatusEdit's created_at), or '' for a page. */
function listedIds(body: string): string {
  if (!body.startsWith('[')) return '';
  return (JSON.parse(body) as { id?: string; created_at?: string }[])
    .map((x) => x.id ?? x.created_at)
    .join(',');
}

function commandLine(): string {
  const settings = Object.entries(env)
    .filter(([k]) => k.startsWith('BENCH_'))
    .map(([k, v]) => `${k}=${v}`);
  return [...settings, 'npm run bench', ...(smoke ? ['--', '--smoke'] : [])].join(' ');
}
