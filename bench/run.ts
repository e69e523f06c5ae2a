// `npm run bench`: seeds a throw-away embedded PostgreSQL, starts a real web process and measures
// throughput, latency and memory of the main pages with autocannon. Writes bench/report.md.
// Sizes: BENCH_ACCOUNTS, BENCH_STATUSES, BENCH_FOLLOWS, BENCH_SECONDS, BENCH_CONNECTIONS.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { connect, freePort, migrate, startTemporaryPostgres } from '@microposts/db';
import { BENCH_PASSWORD, seed } from './seed.ts';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const sizes = {
  accounts: num('BENCH_ACCOUNTS', 2000),
  statuses: num('BENCH_STATUSES', 100_000),
  follows: num('BENCH_FOLLOWS', 200),
};
const seconds = num('BENCH_SECONDS', 8);
const connections = num('BENCH_CONNECTIONS', 16);
const root = path.resolve(import.meta.dirname, '..');

const server = await startTemporaryPostgres('microposts-bench-', 'bench');
const { dir } = server;
const lines: string[] = [];
const log = (line = '') => {
  console.log(line);
  lines.push(line);
};
try {
  const db = connect(server.url, { max: 1 });
  await migrate(db);
  await db.destroy();
  let t = Date.now();
  const counts = await seed(server.url, sizes);
  log(`# microposts benchmark, ${new Date().toISOString().slice(0, 10)}`);
  log();
  log(
    `Seeded ${Object.entries(counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')} in ${((Date.now() - t) / 1000).toFixed(1)} s.`,
  );
  log(
    `Each scenario: ${seconds} s, ${connections} connections, one web process, Node ${process.version}, ${
      (await import('node:os')).cpus().length
    } cores.`,
  );
  log();

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const web = spawn(process.execPath, [path.join(root, 'apps/web/src/main.ts')], {
    env: {
      ...process.env,
      DATABASE_URL: server.url,
      PORT: String(port),
      PUBLIC_URL: base,
      DATA_DIR: dir,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_AUTH: '1000000',
      RATE_LIMIT_POSTS: '1000000',
      RATE_LIMIT_API: '1000000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (t = Date.now(); ;) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      if (Date.now() - t > 30_000) throw new Error('web process did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const rss = () => {
    const status = readFileSync(`/proc/${web.pid}/status`, 'utf8');
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
  };
  const cookie = await login(base, 'user1');
  const anyStatus = (await (await fetch(`${base}/@user1`)).text()).match(/href="\/@user1\/(\d+)"/)?.[1];

  const scenarios: [string, string, Record<string, string>][] = [
    ['public timeline (HTML, anonymous)', '/public', {}],
    ['home timeline (HTML, logged in)', '/', { cookie }],
    ['profile (HTML)', '/@user1', {}],
    ['status page (HTML)', `/@user1/${anyStatus}`, {}],
    ['tag timeline (HTML)', '/tags/coffee', {}],
    ['search (HTML)', '/search?q=coffee+morning', {}],
    ['public timeline (API)', '/api/v1/timelines/public?limit=20', {}],
  ];
  log(`Web process memory after start: ${rss()} MiB RSS.`);
  log();
  log('| scenario | requests/s | p50 ms | p99 ms | non-2xx |');
  log('|---|---:|---:|---:|---:|');
  for (const [name, url, headers] of scenarios) {
    const probe = await fetch(base + url, { headers });
    if (probe.status !== 200) {
      log(`| ${name} | not available (${probe.status}) | | | |`);
      continue;
    }
    const r = await autocannon({ url: base + url, connections, duration: seconds, headers });
    log(
      `| ${name} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${r.non2xx} |`,
    );
  }
  log();
  const metrics = await (await fetch(`${base}/metrics`)).text();
  const metric = (name: string) =>
    Math.round(Number(new RegExp(`^${name} (\\S+)`, 'm').exec(metrics)?.[1]) / 2 ** 20);
  log(
    `Web process memory after the run: ${rss()} MiB RSS, of which V8 heap used ${metric('nodejs_heap_size_used_bytes')} MiB ` +
      `(heap total ${metric('nodejs_heap_size_total_bytes')} MiB).`,
  );
  web.kill('SIGTERM');
  await new Promise((r) => web.once('exit', r));

  const mailBench = path.join(root, 'bench/mail.ts');
  if (existsSync(mailBench) && process.env.BENCH_SKIP_MAIL !== '1') {
    log();
    log('## Mail');
    log();
    const out = await runNode(mailBench, { BENCH_DATABASE_URL: server.url });
    log(out.trim());
  }
  writeFileSync(path.join(root, 'bench/report.md'), lines.join('\n') + '\n');
  console.log('\nWrote bench/report.md');
} finally {
  await server.stop();
}

async function login(base: string, username: string): Promise<string> {
  const page = await fetch(`${base}/login`);
  const jar = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: jar, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, login: username, password: BENCH_PASSWORD }),
  });
  if (res.status !== 303) throw new Error(`bench log-in failed: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

function runNode(file: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${file} exited with ${code}`)),
    );
  });
}
