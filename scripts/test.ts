// `npm test`: starts a throw-away embedded PostgreSQL, migrates a template database that every
// integration and end-to-end test file clones, then runs node's test runner over every *.test.ts.
// `npm run test:fast` (`--fast`) leaves out the end-to-end tier: files that start a browser or a
// process (web, worker, CLI, npm start, nginx), known by what they import (see isEndToEnd).
import { spawn } from 'node:child_process';
import { globSync, readFileSync } from 'node:fs';
import { connect, migrate, startTemporaryPostgres } from '@microposts/db';

const args = process.argv.slice(2);
const fast = args.includes('--fast');
const runnerArgs = args.filter((a) => a.startsWith('-') && a !== '--fast');
const files = args.filter((a) => !a.startsWith('-'));
const patterns =
  files.length > 0
    ? files
    : ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'test/**/*.test.ts'];
const found = [...new Set(patterns.flatMap((p) => globSync(p)))];
if (found.length === 0) {
  console.error(`No test files match ${patterns.join(' ')}`);
  process.exit(1);
}

/** A file is end-to-end when it starts a browser or a child process, directly or through test/support. */
function isEndToEnd(file: string): boolean {
  return /from '(node:child_process|[./]*(test\/)?support\/(processes|browser|cli)\.ts)'/.test(
    readFileSync(file, 'utf8'),
  );
}

const endToEnd = new Set(found.filter(isEndToEnd));
// The end-to-end files go first: they are the long ones, and the quick ones fill in around them.
const testFiles = found
  .filter((f) => !(fast && endToEnd.has(f)))
  .sort((a, b) => Number(endToEnd.has(b)) - Number(endToEnd.has(a)) || a.localeCompare(b));
if (fast) {
  console.log(
    `test:fast: ${testFiles.length} files; ${found.length - testFiles.length} end-to-end files left out`,
  );
  if (testFiles.length === 0) process.exit(1);
}

// A single test that runs this long is hung, however busy the machine (see test/support/wait.ts).
const factor = Number(process.env.TEST_DEADLINE_FACTOR ?? '1');
const testTimeout = Math.round(600_000 * (factor > 0 ? factor : 1));

const server = await startTemporaryPostgres('microposts-test-pg-', 'microposts_template');
let code: number;
try {
  const db = connect(server.url, { max: 1 });
  await migrate(db);
  await db.destroy();
  const env = {
    ...process.env,
    TEST_TEMPLATE_DATABASE_URL: server.url,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
  };
  const concurrency = process.env.TEST_CONCURRENCY ?? '3';
  const child = spawn(
    process.execPath,
    [
      '--test',
      `--test-concurrency=${concurrency}`,
      `--test-timeout=${testTimeout}`,
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=./scripts/summary-reporter.ts',
      '--test-reporter-destination=stdout',
      ...runnerArgs,
      ...testFiles,
    ],
    { stdio: 'inherit', env },
  );
  // Ctrl-C or a kill: let the runner stop its files, then stop PostgreSQL below instead of leaving it.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
} finally {
  await server.stop();
}
process.exit(code);
