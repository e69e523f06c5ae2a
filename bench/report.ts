// The benchmark's report (bench/RESULTS.md): machine, versions, command, seed, and every figure next
// to its target from issue 9.
import type { Measured } from './drive.ts';
import type { MailResult } from './mail.ts';
import type { StreamingResult } from './streaming.ts';
import type { MediaResult } from './media.ts';
import type { Scenario } from './scenarios.ts';
import type { SeedResult } from './seed/index.ts';

export interface ScenarioResult {
  scenario: Scenario;
  microposts: Measured;
  reference: Measured;
}

export interface RunFacts {
  date: string;
  command: string;
  smoke: boolean;
  machine: { cores: number; cpu: string; ramGiB: number; os: string };
  /** 1-minute load average of the machine when the run started and when it ended (other work on it). */
  load: { start: number; end: number };
  node: string;
  postgres: string;
  webProcesses: number;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  seed: SeedResult;
  results: ScenarioResult[];
  mail: MailResult & { rate: number; seconds: number; workerConcurrency: number };
  streaming: StreamingResult;
  media: MediaResult;
  stats: { day: string; firstSeconds: number; secondSeconds: number };
  memory: {
    webAfterStart: number[];
    webAfterRun: number[];
    webSettled: number[];
    settleSeconds: number;
    webPeak: number[];
    referencePeak: number[];
    workerPeak: number;
  };
}

const r0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const r2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
const verdict = (ok: boolean | null, smoke: boolean) =>
  smoke || ok === null ? '–' : ok ? 'met' : '**not met**';

/** Target text and whether it is met, for one scenario. */
export function judge(res: ScenarioResult, referenceRead: number): { text: string; ok: boolean | null } {
  const t = res.scenario.target;
  if (!t) return { text: 'none', ok: null };
  const m = res.microposts;
  const parts: string[] = [];
  let ok = m.non2xx === 0 && m.errors === 0;
  if (t.minRatio !== undefined) {
    parts.push(`ratio >= ${t.minRatio}`);
    ok &&= m.requestsPerSecond / res.reference.requestsPerSecond >= t.minRatio;
  }
  if (t.maxP99 !== undefined) {
    parts.push(`p99 <= ${t.maxP99} ms`);
    ok &&= m.p99 <= t.maxP99;
  }
  if (t.minShareOfReferenceRead !== undefined) {
    parts.push(`>= ${t.minShareOfReferenceRead} x reference public API read (${r0(referenceRead)}/s)`);
    ok &&= m.requestsPerSecond >= t.minShareOfReferenceRead * referenceRead;
  }
  return { text: parts.join(', '), ok };
}

export function renderReport(f: RunFacts): string {
  const out: string[] = [];
  const line = (s = '') => out.push(s);
  const s = f.seed;
  line(
    f.smoke
      ? '# microposts benchmark (smoke run: tiny seed, no targets judged)'
      : '# microposts benchmark results',
  );
  line();
  line(`Written by \`npm run bench\` on ${f.date}. Command: \`${f.command}\`.`);
  line();
  line(
    `Machine: ${f.machine.cores} cores (${f.machine.cpu}), ${f.machine.ramGiB} GiB RAM, ${f.machine.os}. ` +
      `Node ${f.node}. PostgreSQL ${f.postgres} (embedded, default settings). Load average (1 min) ` +
      `${f.load.start.toFixed(1)} when the run started, ${f.load.end.toFixed(1)} when it ended.`,
  );
  line();
  line(
    '**Compare figures within one run only.** The machine is shared with other work (other agents ran ' +
      'builds and tests at the same time), and PostgreSQL, the servers under test and the load generator ' +
      'share its cores; a ratio to the reference measured in the same run is the figure to trust, not a ' +
      'req/s figure from another run.',
  );
  line();
  line('## Seed');
  line();
  const z = s.sizes;
  line(
    `${r0(z.accounts)} accounts, ${r0(z.statuses)} statuses over ${z.days} days (seed ${z.seed}), ` +
      `follows log-normal around ${z.followsMean} per account, two home-timeline accounts following ` +
      `${s.fixtures.lightFollows} and ${s.fixtures.heavyFollows}, one with filters following ${s.fixtures.filteredFollows}; ` +
      `lists, filters and edit history drawn last from a PRNG of their own (bench/seed/features.ts). Seeded in **${s.seconds.toFixed(1)} s** ` +
      `(COPY … FREEZE, indexes and foreign keys rebuilt after the load).`,
  );
  line();
  line('| table | rows |');
  line('|---|---:|');
  for (const [table, n] of Object.entries(s.rows)) line(`| ${table} | ${r0(n)} |`);
  if (s.skipped.length) line(`\nNot in this schema (skipped): ${s.skipped.join(', ')}.`);
  line();
  line(
    `Phases (s): ${Object.entries(s.timings)
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join(', ')}.`,
  );
  line();
  line('## Pages and API');
  line();
  line(
    `${f.connections} connections, ${f.seconds} s per scenario after a ${f.warmupSeconds} s warm-up, autocannon on ` +
      `127.0.0.1; ${f.webProcesses} web process${f.webProcesses > 1 ? 'es' : ''} and as many reference ` +
      'processes. For each scenario the reference server (bench/reference.ts: one indexed query, rendered, ' +
      'nothing else) runs first, then microposts, on the same database. Ratio = microposts req/s ÷ reference req/s.',
  );
  line();
  line(
    '| scenario | microposts req/s | p50 ms | p99 ms | non-2xx | reference req/s | ref p50/p99 ms | ratio | target | met? |',
  );
  line('|---|---:|---:|---:|---:|---:|---:|---:|---|---|');
  const referenceRead =
    f.results.find((r) => r.scenario.key === 'public-api')?.reference.requestsPerSecond ?? NaN;
  for (const res of f.results) {
    const m = res.microposts;
    const ref = res.reference;
    const { text, ok } = judge(res, referenceRead);
    const errs = m.errors ? ` (+${m.errors} errors)` : '';
    line(
      `| ${res.scenario.name} | ${r0(m.requestsPerSecond)} | ${m.p50} | ${m.p99} | ${m.non2xx}${errs} | ` +
        `${r0(ref.requestsPerSecond)} | ${ref.p50}/${ref.p99} | ${r2(m.requestsPerSecond / ref.requestsPerSecond)} | ` +
        `${text} | ${verdict(ok, f.smoke)} |`,
    );
  }
  if (f.results.some((r) => r.scenario.key === 'create-status-same-writes')) {
    line();
    line(
      'The row "create status, the same writes in bare SQL (reference)" is informational: its reference ' +
        "side writes in one transaction of bare prepared statements the rows microposts's create writes " +
        '(status, mentions, tags, notifications, e-mail jobs, change_outbox and its announcement after the ' +
        'commit, the posting budget; bench/reference.ts SAME_WRITES_SQL, checked by bench/same-writes-check.ts), ' +
        'and its microposts side is the same create call as the row above it, measured again.',
    );
  }
  line();
  line(
    'CPU time per request in the same runs (ms; the web or reference processes, and PostgreSQL: every ' +
      'child of its postmaster). Steadier than requests/s when the machine is shared; the ratio above is ' +
      'what the targets judge.',
  );
  line();
  line('| scenario | microposts: app + PostgreSQL | reference: app + PostgreSQL |');
  line('|---|---:|---:|');
  const cpu = (c: Measured['cpuPerRequest']) => (c ? `${r2(c.app)} + ${r2(c.postgres)}` : '–');
  for (const res of f.results)
    line(
      `| ${res.scenario.name} | ${cpu(res.microposts.cpuPerRequest)} | ${cpu(res.reference.cpuPerRequest)} |`,
    );
  line();
  line('## Mail, statistics, memory');
  line();
  const ml = f.mail;
  const pc = ml.postCpu;
  const pcent = (x: number) => `${Math.round(100 * x)}%`;
  const mem = f.memory;
  const webSettled = Math.max(...mem.webSettled);
  line('| measure | value | target | met? |');
  line('|---|---|---|---|');
  line(
    `| mention e-mail, post sent → SMTP server has it, while ${ml.rate} statuses/s are posted for ${ml.seconds} s ` +
      `by ${ml.posters} account${ml.posters === 1 ? '' : 's'} in turn ` +
      `(sent at ${ml.sendRate.toFixed(0)}/s, answered at ${ml.answerRate.toFixed(0)}/s; ${ml.received} e-mails) | ` +
      `p50 ${r0(ml.p50)} ms, p95 ${r0(ml.p95)} ms, max ${r0(ml.max)} ms; the POST's own answer alone (the e-mail can arrive first): ` +
      `p50 ${r0(ml.answeredP50)} ms, p95 ${r0(ml.answeredP95)} ms; CPU per post ${r2(pc.web + pc.postgres + pc.worker + pc.runner)} ms ` +
      `(web ${r2(pc.web)}, PostgreSQL ${r2(pc.postgres)}, worker ${r2(pc.worker)}, poster and SMTP server ${r2(pc.runner)}), ` +
      `machine ${pcent(pc.machineBusy)} busy | p95 <= 500 ms | ${verdict(ml.p95 <= 500, f.smoke)} |`,
  );
  line(
    `| one worker (WORKER_CONCURRENCY=${ml.workerConcurrency}) draining ${r0(ml.drained)} queued mention e-mails | ` +
      `${r0(ml.emailsPerSecond)} e-mails/s (CPU per e-mail: worker ${r2(ml.workerCpuMsPerEmail)} ms, PostgreSQL ` +
      `${r2(ml.postgresCpuMsPerEmail)} ms; the worker ${pcent((ml.emailsPerSecond * ml.workerCpuMsPerEmail) / 1000)} of a core busy, ` +
      `the machine ${pcent(ml.drainMachineBusy)}) | >= 500 e-mails/s | ${verdict(ml.emailsPerSecond >= 500, f.smoke)} |`,
  );
  const st = f.streaming;
  line(
    `| streaming fan-out, status posted (POST sent) → \`update\` on each of ${st.sockets} WebSockets on \`public\` ` +
      `(${st.viewers} viewers, spread over the web processes; ${st.posts} statuses one at a time; ` +
      `${st.received} of ${st.expected} events) | p50 ${r0(st.p50)} ms, p95 ${r0(st.p95)} ms, max ${r0(st.max)} ms | ` +
      `p95 <= 1000 ms | ${verdict(st.p95 <= 1000 && st.received === st.expected, f.smoke)} |`,
  );
  const md = f.media;
  line(
    `| photo upload (${md.fileKiB} KiB JPEG, 3000×2000, with EXIF) through \`POST /api/v2/media\`, 2 at a time → ` +
      `\`GET /api/v1/media/:id\` answers 200 (processed by one worker; ${md.processed} of ${md.uploads}) | ` +
      `p50 ${r0(md.p50)} ms, p95 ${r0(md.p95)} ms, max ${r0(md.max)} ms | none | – |`,
  );
  line(
    `| one seeded day of statistics (${f.stats.day}, stats service computeDay) | ${f.stats.firstSeconds.toFixed(2)} s ` +
      `(again: ${f.stats.secondSeconds.toFixed(2)} s) | <= 2 s | ${verdict(f.stats.firstSeconds <= 2, f.smoke)} |`,
  );
  const mib = (list: number[]) => list.map((m) => `${m} MiB`).join(', ');
  line(
    `| web process RSS after the run, once idle (${mem.settleSeconds} s without requests: the process's idle release has run) | ` +
      `${mib(mem.webSettled)} (at the end of the load: ${mib(mem.webAfterRun)}) | <= 200 MiB | ${verdict(webSettled <= 200, f.smoke)} |`,
  );
  line();
  line('Memory (VmRSS / VmHWM from /proc/<pid>/status, MiB):');
  line();
  line(
    `| process | RSS after start | RSS at the end of the load | RSS ${mem.settleSeconds} s later | peak (VmHWM) |`,
  );
  line('|---|---:|---:|---:|---:|');
  mem.webAfterStart.forEach((start, i) =>
    line(`| web ${i + 1} | ${start} | ${mem.webAfterRun[i]} | ${mem.webSettled[i]} | ${mem.webPeak[i]} |`),
  );
  mem.referencePeak.forEach((peak, i) => line(`| reference ${i + 1} | | | | ${peak} |`));
  line(`| worker | | | | ${mem.workerPeak} |`);
  line();
  line('What each reference route does, and how to run this: docs/performance.md ("Load benchmark").');
  return out.join('\n') + '\n';
}
