// Mail benchmark: (1) time from posting a status to its mention e-mail reaching the SMTP server
// (MENTION_EMAIL_DELAY=0, one worker idle and waiting), and (2) e-mails per second through one
// worker draining a full queue. Real processes: embedded PostgreSQL, a worker process, an SMTP
// server on loopback. Sizes: BENCH_MAIL_LATENCY_RUNS (30), BENCH_MAIL_COUNT (1000),
// BENCH_WORKER_CONCURRENCY (10). Run: node bench/mail.ts
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { connect, freePort, migrate, startTemporaryPostgres } from '@microposts/db';
import { bootstrap, loadConfig } from '@microposts/runtime';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const latencyRuns = num('BENCH_MAIL_LATENCY_RUNS', 30);
const count = num('BENCH_MAIL_COUNT', 1000);
const concurrency = num('BENCH_WORKER_CONCURRENCY', 10);
const root = path.resolve(import.meta.dirname, '..');

const server = await startTemporaryPostgres('microposts-bench-mail-', 'bench');
const { dir } = server;

// Arrival time (ms, performance.now) of each Message-ID.
const arrivals = new Map<string, number>();
const waiters = new Map<string, () => void>();
const smtpPort = await freePort();
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  closeTimeout: 100,
  onData(stream, _session, callback) {
    let head = '';
    stream.on('data', (c: Buffer) => {
      if (head.length < 4096) head += c.toString('latin1');
    });
    stream.on('end', () => {
      const id = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? '';
      arrivals.set(id, performance.now());
      waiters.get(id)?.();
      callback();
    });
  },
});
smtp.on('error', () => {});
await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));

const env = {
  PATH: process.env.PATH,
  DATABASE_URL: server.url,
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  SECRET_KEY: 'bench-secret-key-that-is-long-enough-1234',
  PUBLIC_URL: 'http://127.0.0.1:3000',
  MENTION_EMAIL_DELAY: '0',
  LOG_LEVEL: 'warn',
  WORKER_CONCURRENCY: String(concurrency),
  DATA_DIR: dir,
};
let worker: ChildProcess | null = null;
const startWorker = () => {
  worker = spawn(process.execPath, [path.join(root, 'apps/worker/src/main.ts')], { env, stdio: 'inherit' });
};
const stopWorker = async () => {
  const w = worker;
  worker = null;
  if (!w || w.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    w.once('exit', () => resolve());
    w.kill('SIGTERM');
  });
};
const arrived = (id: string, timeoutMs = 30000) =>
  new Promise<void>((resolve, reject) => {
    if (arrivals.has(id)) return resolve();
    const timer = setTimeout(() => reject(new Error(`no e-mail ${id} within ${timeoutMs} ms`)), timeoutMs);
    waiters.set(id, () => {
      clearTimeout(timer);
      resolve();
    });
  });
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

try {
  const db = connect(server.url, { max: 2 });
  await migrate(db);
  const recipients = Array.from({ length: 20 }, (_, i) => `reader${i}`);
  await sql`INSERT INTO accounts (username, email, password_hash, email_confirmed_at)
            SELECT u, u || '@example.com', 'x', now() FROM unnest(${['writer', ...recipients]}::text[]) AS u`.execute(
    db,
  );
  await db.destroy();
  const app = await bootstrap(loadConfig({ ...env, LOG_LEVEL: 'silent' }), { name: 'bench', migrate: false });
  const author = (await app.services.accounts.getByUsername('writer')).id;
  const post = (text: string) => app.services.statuses.create({ actorId: author, text });
  const idOf = (statusId: string, accountId: string) => `<mention.${statusId}.${accountId}@127.0.0.1>`;

  // 1. Latency: one worker, idle, woken by LISTEN/NOTIFY when the status commits.
  startWorker();
  const warm = await post('warm-up @reader0');
  await arrived(idOf(warm.id, warm.mentions[0]!.accountId), 60000);
  const latencies: number[] = [];
  for (let i = 0; i < latencyRuns; i++) {
    const t0 = performance.now();
    const status = await post(`latency ${i} @reader${i % recipients.length}`);
    const id = idOf(status.id, status.mentions[0]!.accountId);
    await arrived(id);
    latencies.push(arrivals.get(id)! - t0);
  }
  latencies.sort((a, b) => a - b);

  // 2. Throughput: the queue filled while no worker runs, then one worker drains it.
  await stopWorker();
  const expected: string[] = [];
  for (let i = 0; expected.length < count; i++) {
    const status = await post(`burst ${i}: ${recipients.map((r) => `@${r}`).join(' ')}`);
    for (const m of status.mentions) expected.push(idOf(status.id, m.accountId));
  }
  const started = performance.now();
  startWorker();
  await Promise.all(expected.map((id) => arrived(id, 300000)));
  const times = expected.map((id) => arrivals.get(id)!).sort((a, b) => a - b);
  const drainMs = times.at(-1)! - times[0]!;
  await stopWorker();
  await app.close();

  const f = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(
    `# Mail benchmark, ${new Date().toISOString().slice(0, 10)} (node ${process.version}, ${concurrency} jobs at once)`,
  );
  console.log();
  console.log(`Post → SMTP server, MENTION_EMAIL_DELAY=0, ${latencyRuns} statuses one after another:`);
  console.log(
    `  median ${f(pct(latencies, 0.5))}, p95 ${f(pct(latencies, 0.95))}, max ${f(latencies.at(-1)!)}`,
  );
  console.log(`One worker draining ${expected.length} queued mention e-mails:`);
  console.log(
    `  ${((expected.length - 1) / (drainMs / 1000)).toFixed(0)} e-mails/s (first to last arrival ${f(drainMs)}; ` +
      `${f(times.at(-1)! - started)} including the worker's start)`,
  );
} finally {
  await stopWorker();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await server.stop();
}
