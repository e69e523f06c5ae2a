// /livez (the process is up), /readyz (PostgreSQL answers, migrations are current, not stopping) and
// /health (= /readyz); a SIGTERM drains: /readyz fails and connections close after each response.
import assert from 'node:assert/strict';
import http from 'node:http';
import { test } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { waitFor } from '../../../test/support/wait.ts';
import { lockTable, sqlClient } from '../../../test/support/sql.ts';

const url = await testDatabase();
const sql = sqlClient(url);

async function probe(base: string, path: string) {
  const response = await fetch(`${base}${path}`);
  return {
    status: response.status,
    body: await response.json(),
    retryAfter: response.headers.get('retry-after'),
  };
}

test('/livez, /readyz and /health when all is well, and with a migration pending', async () => {
  const web = await startWeb(url);
  assert.deepEqual(await probe(web.url, '/livez'), {
    status: 200,
    body: { status: 'live' },
    retryAfter: null,
  });
  assert.deepEqual(await probe(web.url, '/readyz'), {
    status: 200,
    body: { status: 'ready' },
    retryAfter: null,
  });
  assert.deepEqual(await probe(web.url, '/health'), {
    status: 200,
    body: { status: 'ready' },
    retryAfter: null,
  });

  // As if this code were newer than the database: not ready, and it says why.
  // (put back with its own timestamp: Kysely checks executed migrations in timestamp order)
  const [removed] = await sql.rows<{ timestamp: string }>(
    `DELETE FROM kysely_migration WHERE name = '0007-api' RETURNING timestamp`,
  );
  try {
    const pending = {
      status: 503,
      body: { status: 'unavailable', reason: 'migrations pending: 0007-api' },
      retryAfter: '5',
    };
    assert.deepEqual(await probe(web.url, '/readyz'), pending);
    assert.deepEqual(await probe(web.url, '/health'), pending);
    assert.equal((await probe(web.url, '/livez')).status, 200);
  } finally {
    await sql.rows(`INSERT INTO kysely_migration (name, timestamp) VALUES ('0007-api', $1)`, [
      removed!.timestamp,
    ]);
  }
  assert.equal((await probe(web.url, '/readyz')).status, 200);
  await web.stop();
});

/** GET over a keep-alive agent (one connection, reused). */
function get(
  agent: http.Agent,
  base: string,
  path: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${path}`, { agent }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

test('SIGTERM: the process drains (new connections refused, readyz fails, connections close after their response), then exits 0', async () => {
  const web = await startWeb(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const before = await get(agent, web.url, '/readyz');
  assert.equal(before.status, 200);
  assert.equal(before.headers.connection, 'keep-alive');
  web.child.kill('SIGTERM');
  // New connections are refused at once (a proxy sends those requests to another process)...
  await waitFor(
    () =>
      fetch(`${web.url}/livez`).then(
        () => false,
        (error: Error & { cause?: { code?: string } }) => error.cause?.code === 'ECONNREFUSED',
      ),
    'new connections to be refused',
  );
  // ...while the idle keep-alive connection holds the drain open, and a request on it is still served.
  const during = await get(agent, web.url, '/readyz');
  assert.equal(during.status, 503);
  assert.deepEqual(JSON.parse(during.body), { status: 'stopping', reason: 'the process is shutting down' });
  assert.equal(during.headers.connection, 'close');
  await new Promise((resolve) => web.child.once('exit', resolve));
  assert.equal(web.child.exitCode, 0);
  agent.destroy();
});

test('SIGTERM after a request its client gave up on: the stop does not wait for that request any more', async () => {
  const web = await startWeb(url);
  // The request waits on a table lock held here, so its client can leave while it runs.
  const release = await lockTable(url, 'statuses');
  const request = http.get(`${web.url}/api/v1/timelines/public`);
  request.on('error', () => {});
  await waitFor(
    async () =>
      (await sql.count(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()",
      )) === 1,
    'the request to wait on the lock',
  );
  request.destroy();
  await release();
  await web.stop('SIGTERM');
  assert.equal(web.child.exitCode, 0);
  assert.doesNotMatch(web.output(), /requests still running/);
});
