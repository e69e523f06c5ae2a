// Mail measurements of `npm run bench`, against the running web processes and a real worker process:
// (1) time from posting a status (POST /api/v1/statuses, MENTION_EMAIL_DELAY=0 on the web processes)
// to its mention e-mail reaching a local SMTP server, while statuses are posted at a steady rate
// (100/s) by an open loop that does not wait for answers; (2) e-mails per second through one worker
// draining a queue filled while no worker ran.
import { readFileSync } from 'node:fs';
import { SMTPServer } from 'smtp-server';
import { freePort } from '@microposts/db';
import type { CpuProbe } from './drive.ts';
import { startNode, type Running } from './processes.ts';

export interface MailOptions {
  /** Web base URLs, used in turn. */
  bases: string[];
  /**
   * Bearer tokens of the posting accounts, used in turn: a site's statuses come from many people, and
   * one account's posts queue behind each other (its counter row is locked until each commits).
   */
  tokens: string[];
  /** Usernames to mention (seeded accounts with confirmed addresses). */
  recipients: string[];
  rate: number;
  seconds: number;
  /** E-mails to queue for the throughput measurement. */
  drainCount: number;
  workerFile: string;
  workerEnv: NodeJS.ProcessEnv;
  /** Node options for the worker process (a CPU profile, say). */
  workerNodeArgs?: string[];
  /** CPU time so far of the web processes (app) and of PostgreSQL, ms: where each post's CPU goes. */
  cpu: CpuProbe;
}

/**
 * CPU time per post while the latency was measured (first post sent → its last e-mail arrived), ms,
 * by process, and how busy the whole machine was: tells whether the e-mail waited on the machine's
 * cores or on microposts.
 */
export interface PostCpu {
  web: number;
  postgres: number;
  worker: number;
  /** This process: the open-loop poster and the SMTP server that receives the e-mails. */
  runner: number;
  /** Share of all the machine's cores busy over the window (every process, ours or not), 0–1. */
  machineBusy: number;
}

export interface MailResult {
  posted: number;
  received: number;
  /** Rate at which posts were sent, and at which their answers came back, statuses/s. */
  sendRate: number;
  answerRate: number;
  /** Post sent → e-mail received, ms. */
  p50: number;
  p95: number;
  max: number;
  /** Post sent → API answered (the web process's share of the above), ms. */
  answeredP50: number;
  answeredP95: number;
  drained: number;
  emailsPerSecond: number;
  /** Worker CPU time (user + system) per e-mail while draining, from its first e-mail to its last, ms. */
  workerCpuMsPerEmail: number;
  /** PostgreSQL's CPU time per e-mail over the same span, ms. */
  postgresCpuMsPerEmail: number;
  /** Share of all the machine's cores busy over the drain, 0–1. */
  drainMachineBusy: number;
  postCpu: PostCpu;
  /** How many accounts posted in turn. */
  posters: number;
  /** Peak RSS of the worker processes, MiB. */
  workerPeak: number;
}

/** A local SMTP server recording when each mention e-mail (by status id) arrives. */
async function smtpCatcher() {
  const arrivals = new Map<string, number[]>();
  let onArrival = () => {};
  /** Called on every arrival, after the count is updated (the drain reads the worker's CPU time). */
  let tap = () => {};
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 100,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (c: Buffer) => {
        if (head.length < 8192) head += c.toString('latin1');
      });
      stream.on('end', () => {
        const status = /^Message-ID:\s*<mention\.(\d+)\./im.exec(head)?.[1];
        if (status) arrivals.set(status, [...(arrivals.get(status) ?? []), performance.now()]);
        tap();
        onArrival();
        callback();
      });
    },
  });
  server.on('error', () => {});
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    arrivals,
    onEach(fn: () => void) {
      tap = fn;
    },
    count: () => [...arrivals.values()].reduce((n, a) => n + a.length, 0),
    /** Resolves when `done()` holds, or rejects after timeoutMs. */
    until(done: () => boolean, timeoutMs: number) {
      return new Promise<void>((resolve, reject) => {
        if (done()) return resolve();
        const timer = setTimeout(() => reject(new Error('mail did not all arrive in time')), timeoutMs);
        onArrival = () => {
          if (!done()) return;
          clearTimeout(timer);
          onArrival = () => {};
          resolve();
        };
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

/** The machine's busy and total CPU time so far over all cores, from /proc/stat (clock ticks). */
function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  return { busy: total - cpu[3]! - cpu[4]!, total }; // idle and iowait are not busy
}

type CpuSnapshot = ReturnType<typeof snapshot>;
/** CPU time so far of each process that takes part (ms), and of the machine. */
function snapshot(o: MailOptions, worker: Running) {
  const { app, postgres } = o.cpu();
  const own = process.cpuUsage();
  return {
    web: app,
    postgres,
    worker: worker.cpuMs(),
    runner: (own.user + own.system) / 1000,
    machine: machineTicks(),
  };
}
/** CPU per unit of work between two snapshots, by process; and the share of the machine busy. */
function cpuBetween(a: CpuSnapshot, b: CpuSnapshot, units: number): PostCpu {
  const per = (k: 'web' | 'postgres' | 'worker' | 'runner') => (b[k] - a[k]) / units;
  return {
    web: per('web'),
    postgres: per('postgres'),
    worker: per('worker'),
    runner: per('runner'),
    machineBusy: (b.machine.busy - a.machine.busy) / (b.machine.total - a.machine.total),
  };
}

export async function measureMail(o: MailOptions): Promise<MailResult> {
  const smtp = await smtpCatcher();
  let worker: Running | null = null;
  let workerPeak = 0;
  const startWorker = async () => {
    worker = await startNode(
      'worker',
      o.workerFile,
      { ...o.workerEnv, SMTP_URL: smtp.url },
      { nodeArgs: o.workerNodeArgs },
    );
  };
  const stopWorker = async () => {
    if (!worker) return;
    workerPeak = Math.max(workerPeak, worker.memory().peak);
    await worker.stop();
    worker = null;
  };
  let n = 0;
  const post = async (text: string): Promise<string> => {
    const i = n++;
    const res = await fetch(`${o.bases[i % o.bases.length]}/api/v1/statuses`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${o.tokens[i % o.tokens.length]}`,
      },
      body: JSON.stringify({ status: text }),
    });
    if (!res.ok) throw new Error(`posting for the mail measurement answered ${res.status}`);
    return ((await res.json()) as { id: string }).id;
  };
  try {
    // 1. Latency under a steady posting rate; the worker is warm first (its first e-mail is not counted).
    await startWorker();
    const warm = await post(`mail warm-up @${o.recipients[0]}`);
    await smtp.until(() => smtp.arrivals.has(warm), 60_000);
    const sent = new Map<string, { t0: number; answered: number }>();
    const total = Math.max(1, Math.round(o.rate * o.seconds));
    const cpuBefore = snapshot(o, worker!);
    const started = performance.now();
    const posts: Promise<void>[] = [];
    let lastSend = started;
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / o.rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const t0 = (lastSend = performance.now());
      posts.push(
        post(`mail ${i} @${o.recipients[i % o.recipients.length]}`).then(
          (id) => void sent.set(id, { t0, answered: performance.now() - t0 }),
        ),
      );
    }
    await Promise.all(posts);
    const answerRate = total / ((performance.now() - started) / 1000);
    const sendRate = total > 1 ? (total - 1) / ((lastSend - started) / 1000) : o.rate;
    await smtp.until(() => [...sent.keys()].every((id) => smtp.arrivals.has(id)), 120_000);
    const postCpu = cpuBetween(cpuBefore, snapshot(o, worker!), total);
    const latencies = [...sent].map(([id, p]) => smtp.arrivals.get(id)![0]! - p.t0).sort((a, b) => a - b);
    const answered = [...sent.values()].map((p) => p.answered).sort((a, b) => a - b);

    // 2. Throughput: fill the queue with the worker stopped, then time one worker draining it.
    await stopWorker();
    const before = smtp.count();
    const perStatus = o.recipients.length;
    const statuses = Math.max(1, Math.ceil(o.drainCount / perStatus));
    const mentions = o.recipients.map((r) => `@${r}`).join(' ');
    for (let i = 0; i < statuses; i += 8)
      await Promise.all(
        Array.from({ length: Math.min(8, statuses - i) }, (_, j) => post(`drain ${i + j} ${mentions}`)),
      );
    const expected = statuses * perStatus;
    const stamps: number[] = [];
    const firstIndex = new Map<string, number>();
    for (const [id, list] of smtp.arrivals) firstIndex.set(id, list.length);
    await startWorker();
    let atFirst: CpuSnapshot | null = null;
    let atLast: CpuSnapshot | null = null;
    smtp.onEach(() => {
      const got = smtp.count() - before;
      if (got === 1) atFirst = snapshot(o, worker!);
      if (got === expected) atLast = snapshot(o, worker!);
    });
    await smtp.until(() => smtp.count() - before >= expected, 300_000);
    smtp.onEach(() => {});
    for (const [id, list] of smtp.arrivals) stamps.push(...list.slice(firstIndex.get(id) ?? 0));
    stamps.sort((a, b) => a - b);
    const drainSeconds = (stamps.at(-1)! - stamps[0]!) / 1000;
    const drain = cpuBetween(atFirst!, atLast!, expected - 1);
    await stopWorker();
    return {
      posted: total,
      received: latencies.length,
      sendRate,
      answerRate,
      p50: pct(latencies, 0.5),
      p95: pct(latencies, 0.95),
      max: latencies.at(-1) ?? NaN,
      answeredP50: pct(answered, 0.5),
      answeredP95: pct(answered, 0.95),
      drained: expected,
      emailsPerSecond: drainSeconds > 0 ? (expected - 1) / drainSeconds : NaN,
      workerCpuMsPerEmail: drain.worker,
      postgresCpuMsPerEmail: drain.postgres,
      drainMachineBusy: drain.machineBusy,
      postCpu,
      posters: o.tokens.length,
      workerPeak,
    };
  } finally {
    await stopWorker();
    await smtp.close();
  }
}
