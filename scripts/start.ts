// `npm start`: everything on one machine — embedded PostgreSQL (unless DATABASE_URL is set), migrations,
// a local mail catcher (unless SMTP_URL is set), WEB_PROCESSES web processes sharing PORT, and a
// worker. A process that stops is started again (packages/runtime/src/supervisor.ts); Ctrl-C stops
// all of it. scripts/check-node.mjs runs first (see package.json).
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect, migrate, type EmbeddedServer } from '@microposts/db';
import {
  exitOnStartupError,
  loadConfigOrExit,
  resolveDatabase,
  supervise,
  type ProcessSpec,
  type Supervisor,
  WEB_NODE_ARGS,
  webProcessEnv,
} from '@microposts/runtime';
import { startMailCatcher } from '@microposts/runtime/mail-catcher';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = loadConfigOrExit();
const say = (line: string) => console.log(line);

// The port first: if something else listens there, nothing of ours must answer for it.
const port = await new Promise<number>((resolve) => {
  const probe = net.createServer();
  probe.once('error', (error) => exitOnStartupError(error, config));
  probe.listen({ port: config.port, host: config.host }, () => {
    const { port } = probe.address() as net.AddressInfo;
    probe.close(() => resolve(port));
  });
});

let stopping = false;
let supervisor: Supervisor | null = null;
let embedded: EmbeddedServer | null = null;
let databaseUrl: string;
say(
  config.databaseUrl
    ? 'Using the PostgreSQL at DATABASE_URL.'
    : `Starting the embedded PostgreSQL (data in ${path.join(config.dataDir, 'pg')}) …`,
);
try {
  const database = await resolveDatabase(config, { onExit: (code) => void databaseStopped(code) });
  embedded = database.embedded;
  databaseUrl = database.url;
  for (const note of embedded?.notes ?? []) say(note);
  const db = connect(databaseUrl, { max: 1 });
  try {
    for (const r of await migrate(db)) say(`Applied migration ${r.migrationName}`);
  } finally {
    await db.destroy();
  }
} catch (error) {
  await embedded?.stop();
  exitOnStartupError(error, config);
}

// A deliberate stop (pg_ctl stop, a signal: exit code 0) is left to whoever made it, who will start
// it again; the web processes answer 503 and the worker waits meanwhile. A crash is restarted here.
let databaseRestarts: number[] = [];
async function databaseStopped(code: number | null): Promise<void> {
  if (stopping) return;
  if (code === 0) {
    say('PostgreSQL was stopped. Pages answer 503 and the worker waits until it is started again.');
    return;
  }
  databaseRestarts = [...databaseRestarts.filter((t) => Date.now() - t < 60_000), Date.now()];
  if (databaseRestarts.length > 5) {
    say('PostgreSQL keeps stopping; stopping everything.');
    return stop('SIGTERM', 1);
  }
  say(`PostgreSQL stopped unexpectedly (exit code ${code}); starting it again.`);
  try {
    const again = await resolveDatabase(config, { onExit: (c) => void databaseStopped(c) });
    embedded = again.embedded;
  } catch (error) {
    say(`PostgreSQL did not start again: ${(error as Error).message}`);
    await stop('SIGTERM', 1);
  }
}

const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl!, DATA_DIR: config.dataDir };
let mailCatcher: { stop(): Promise<void> } | null = null;
if (!config.smtpUrl) {
  const catcher = await startMailCatcher({ dataDir: config.dataDir });
  mailCatcher = catcher;
  env.SMTP_URL = catcher.smtpUrl;
  say(`Mail catcher: e-mails are kept locally; read them at ${catcher.inboxUrl}`);
}

// Several web processes share the port through SO_REUSEPORT, which only Linux spreads over them.
const webCount = process.platform === 'linux' ? config.webProcesses : 1;
const specs: ProcessSpec[] = [
  ...Array.from({ length: webCount }, (_, i) => ({
    name: webCount > 1 ? `web ${i + 1}` : 'web',
    entry: path.join(root, 'apps/web/src/main.ts'),
    nodeArgs: WEB_NODE_ARGS,
    env: {
      ...env,
      ...webProcessEnv(config.dataDir),
      PORT: String(port),
      REUSE_PORT: webCount > 1 ? '1' : '0',
    },
  })),
  { name: 'worker', entry: path.join(root, 'apps/worker/src/main.ts'), env },
];
supervisor = supervise(specs, {
  log: say,
  onGiveUp: () => void stop('SIGTERM', 1),
});

async function stop(signal: NodeJS.Signals, code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await supervisor?.stop(signal);
  await mailCatcher?.stop();
  await embedded?.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stop('SIGINT', 0));
process.on('SIGTERM', () => void stop('SIGTERM', 0));

// Tell the person where to go once a web process answers.
const probeHost = config.host === '0.0.0.0' ? '127.0.0.1' : config.host === '::' ? '::1' : config.host;
const probeUrl = new URL(`http://${probeHost.includes(':') ? `[${probeHost}]` : probeHost}:${port}/readyz`);
let ready = false;
for (const deadline = Date.now() + 60_000; !stopping && Date.now() < deadline;) {
  try {
    if ((await fetch(probeUrl)).ok) {
      ready = true;
      break;
    }
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 200));
}
if (!stopping) {
  const pids = Object.entries(supervisor.pids())
    .map(([name, pid]) => `${name} (pid ${pid})`)
    .join(', ');
  say(
    ready
      ? `\n  microposts is running: open ${config.publicUrl}\n  Processes: ${pids}.\n  Press Ctrl-C to stop.\n`
      : `\n  microposts did not answer on port ${port} within a minute; see the messages above.\n`,
  );
}
