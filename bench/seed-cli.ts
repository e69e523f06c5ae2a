// `node bench/seed-cli.ts`: seeds a throw-away embedded PostgreSQL with the BENCH_* sizes, prints what
// it wrote and how long each phase took, then removes it. For tuning the seeder on its own.
import { connect, migrate, startTemporaryPostgres } from '@microposts/db';
import { seed } from './seed/index.ts';

const server = await startTemporaryPostgres('microposts-bench-seed-', 'bench');
try {
  const db = connect(server.url, { max: 1 });
  await migrate(db);
  await db.destroy();
  const result = await seed(server.url);
  console.log(
    JSON.stringify(
      {
        ...result,
        timings: Object.fromEntries(Object.entries(result.timings).map(([k, v]) => [k, +v.toFixed(2)])),
      },
      null,
      2,
    ),
  );
} finally {
  await server.stop();
}
