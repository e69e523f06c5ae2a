// Each test file gets its own database, cloned from the migrated template that scripts/test.ts made.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { onTeardown } from './teardown.ts';
import { DEADLINE_MS } from './wait.ts';

/** Creates a fresh database for this test file and returns its URL; it is dropped when the file ends. */
export async function testDatabase(): Promise<string> {
  const templateUrl = process.env.TEST_TEMPLATE_DATABASE_URL;
  if (!templateUrl) throw new Error('Run tests through `npm test` (TEST_TEMPLATE_DATABASE_URL is not set).');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new URL(templateUrl);
  const template = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    // CREATE DATABASE ... TEMPLATE fails while another file is cloning the template too; try again.
    for (const deadline = Date.now() + DEADLINE_MS; ;) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    await client.end();
  }
  // Registered before anything that connects to it, so it is dropped after they have all closed.
  onTeardown(`drop database ${name}`, async () => {
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  });
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
