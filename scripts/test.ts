// `npm test`: starts a throw-away embedded PostgreSQL, migrates a template database that every
// integration and end-to-end test file clones, then runs node's test runner over every *.test.ts.
import { spawn } from 'node:child_process';
import { globSync } from 'node:fs';
import { connect, migrate, startTemporaryPostgres } from '@microposts/db';

const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith('-'));
const patterns =
  files.length > 0
    ? files
    : ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'test/**/*.test.ts'];
const testFiles = patterns.flatMap((p) => globSync(p)).sort();
if (testFiles.length === 0) {
  console.error(`No test files match ${patterns.join(' ')}`);
  process.exit(1);
}

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
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=./scripts/summary-reporter.ts',
      '--test-reporter-destination=stdout',
      ...args.filter((a) => a.startsWith('-')),
      ...testFiles,
    ],
    { stdio: 'inherit', env },
  );
  code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
} finally {
  await server.stop();
}
process.exit(code);
