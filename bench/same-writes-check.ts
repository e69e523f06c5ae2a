// `node bench/same-writes-check.ts`: checks that the benchmark's floor of a create (the reference's
// POST /api/statuses/same_writes, reference.ts SAME_WRITES_SQL) writes the rows microposts's create
// writes. On a small seeded throw-away database it logs every row written to every table (a trigger
// on each, this database only), posts the same texts from the same posters through microposts's API
// and through the floor, one at a time, and compares, per table, how many rows each inserted, updated
// and deleted, and the rows themselves where a create inserts them (ids, times and UUIDs aside).
// Exits non-zero when they differ. CHECK_REQUESTS sets how many statuses each side posts (default 5).
import path from 'node:path';
import pg from 'pg';
import { connect, freePort, migrate, startTemporaryPostgres } from '@microposts/db';
import { logIn, oauthToken } from './clients.ts';
import { startNode, stopAll } from './processes.ts';
import { scenarios, type Endpoint } from './scenarios.ts';
import { BENCH_PASSWORD, seed, seedSizes } from './seed/index.ts';

const requests = Number(process.env.CHECK_REQUESTS ?? 5);
const root = path.resolve(import.meta.dirname, '..');

/**
 * One logged write: its order, table, operation, the row as JSON text (the old row of a DELETE; ids
 * are bigints, which JSON.parse would round) and the fields the comparison reads.
 */
interface Write {
  n: string;
  tbl: string;
  op: string;
  row: string;
  id: string | null;
  account_id: string | null;
  status_id: string | null;
  key: string | null;
  keys: string[] | null;
}

// Tables whose inserted rows are compared one by one (the rest by counts: counters and budgets hold
// different values on each side, as the runs follow each other).
const COMPARED = [
  'public.statuses',
  'public.mentions',
  'public.status_tags',
  'public.notifications',
  'graphile_worker._private_jobs',
  'public.change_outbox',
];

/**
 * Writes a web process makes once per process or per interval, not per create: the API budget it
 * counts in memory and sends once a second, a token's last-used time (once in 5 minutes).
 */
const perProcess = (w: Write) =>
  (w.tbl === 'public.rate_limits' && String(w.key).startsWith('api:')) || w.tbl === 'public.oauth_tokens';

const server = await startTemporaryPostgres('microposts-same-writes-', 'bench');
let failed = false;
try {
  const db = connect(server.url, { max: 1 });
  await migrate(db);
  await db.destroy();
  const [webPort, refPort] = [await freePort(), await freePort()];
  const web = `http://127.0.0.1:${webPort}`;
  const ref = `http://127.0.0.1:${refPort}`;
  const { fixtures } = await seed(
    server.url,
    seedSizes({}, { accounts: 300, statuses: 5000, favourites: 5000 }),
    { baseUrl: web },
  );
  const appEnv = {
    PATH: process.env.PATH,
    DATABASE_URL: server.url,
    PUBLIC_URL: web,
    DATA_DIR: path.join(server.dir, 'data'),
    SECRET_KEY: 'bench-secret-key-that-is-long-enough-1234',
    LOG_LEVEL: 'warn',
    MENTION_EMAIL_DELAY: '0',
    RATE_LIMIT_AUTH: '1000000',
    RATE_LIMIT_POSTS: '1000000',
    RATE_LIMIT_API: '1000000',
  };
  await startNode(
    'reference',
    path.join(root, 'bench/reference.ts'),
    { ...appEnv, PORT: String(refPort) },
    {
      url: ref,
      health: '/health',
    },
  );
  await startNode(
    'web',
    path.join(root, 'apps/web/src/main.ts'),
    { ...appEnv, PORT: String(webPort) },
    {
      url: web,
      health: '/health',
    },
  );

  // Two posters in turn, as the benchmark's (user22, user23…).
  const posterNames = ['user22', 'user23'];
  const posterTokens: string[] = [];
  for (const name of posterNames)
    posterTokens.push(await oauthToken(web, await logIn(web, name, BENCH_PASSWORD)));
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  const { rows: posterRows } = await client.query<{ id: string; username: string }>(
    'SELECT id, username FROM accounts WHERE username = ANY ($1)',
    [posterNames],
  );
  const posterIds = posterNames.map((name) => posterRows.find((r) => r.username === name)!.id);
  const list = scenarios({
    fixtures,
    cookie: { light: '', heavy: '', filtered: '' },
    token: { light: '', heavy: '', poster: '', favMicroposts: '', filtered: '' },
    posterTokens,
    posterIds,
    favouriteTargets: ['1'],
  });
  const floor = list.find((s) => s.key === 'create-status-same-writes')!;

  // The log: a row per row written, by a trigger on every table of this throw-away database.
  await client.query(`
    CREATE TABLE bench_writes (n bigserial PRIMARY KEY, tbl text NOT NULL, op text NOT NULL, row jsonb NOT NULL);
    CREATE FUNCTION bench_log() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO bench_writes (tbl, op, row) VALUES (TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, TG_OP,
        to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END));
      RETURN NULL;
    END $$;
    DO $$
    DECLARE t record;
    BEGIN
      FOR t IN SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE c.relkind = 'r' AND n.nspname IN ('public', 'graphile_worker') AND c.relname <> 'bench_writes'
      LOOP
        EXECUTE format('CREATE TRIGGER zz_bench_log AFTER INSERT OR UPDATE OR DELETE ON %I.%I
          FOR EACH ROW EXECUTE FUNCTION bench_log()', t.nspname, t.relname);
      END LOOP;
    END $$;`);

  const lastLogged = async () =>
    (await client.query<{ n: string }>('SELECT coalesce(max(n), 0)::text AS n FROM bench_writes')).rows[0]!.n;

  /** Posts request numbers `numbers` through `endpoint` one at a time; the rows they wrote. */
  const post = async (base: string, endpoint: Endpoint, numbers: number[]): Promise<Write[]> => {
    const from = await lastLogged();
    for (const n of numbers) {
      const v = endpoint.vary!(n);
      const res = await fetch(base + (v.path ?? endpoint.path), {
        method: endpoint.method,
        headers: { ...endpoint.headers, ...v.headers },
        body: v.body,
      });
      if (!res.ok) throw new Error(`${base}${endpoint.path} answered ${res.status}: ${await res.text()}`);
    }
    // Until both sides have deleted their announced change rows (250 ms after) and nothing has been
    // written for 2.5 s (the web process's API budget is sent once a second): polled, with a deadline.
    const deadline = Date.now() + 30_000;
    let last = await lastLogged();
    let quietSince = Date.now();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const now = await lastLogged();
      const outbox = Number((await client.query('SELECT count(*) FROM change_outbox')).rows[0].count);
      if (now !== last) [last, quietSince] = [now, Date.now()];
      else if (outbox === 0 && Date.now() - quietSince >= 2500) break;
      if (Date.now() > deadline) throw new Error('writes did not settle in 30 s');
    }
    const { rows } = await client.query<Write>(
      `SELECT n::text, tbl, op, row::text AS row, row->>'id' AS id, row->>'account_id' AS account_id,
         row->>'status_id' AS status_id, row->>'key' AS key,
         CASE WHEN tbl = 'public.change_outbox' THEN ARRAY(SELECT jsonb_array_elements_text(row->'keys')) END AS keys
       FROM bench_writes WHERE n > $1 AND n <= $2 ORDER BY bench_writes.n`,
      [from, last],
    );
    return rows;
  };

  // A first create by each poster on each side (not compared): the tokens' first use, the posting
  // budgets' first hit, the prepared statements.
  await post(web, floor.microposts, [0, 1]);
  await post(ref, floor.reference, [0, 1]);
  const numbers = Array.from({ length: requests }, (_, i) => 100 + i);
  const sides = {
    microposts: await post(web, floor.microposts, numbers),
    floor: await post(ref, floor.reference, numbers),
  };

  // Counts per table and operation.
  const counts = (writes: Write[]) => {
    const c = new Map<string, number>();
    for (const w of writes.filter((x) => !perProcess(x)))
      c.set(`${w.tbl} ${w.op}`, (c.get(`${w.tbl} ${w.op}`) ?? 0) + 1);
    return c;
  };
  const [mc, fc] = [counts(sides.microposts), counts(sides.floor)];
  console.log(`Rows written by ${requests} creates (the same texts, the same posters), per table:`);
  console.log('| table, operation | microposts | floor |\n|---|---:|---:|');
  for (const key of [...new Set([...mc.keys(), ...fc.keys()])].sort()) {
    const [a, b] = [mc.get(key) ?? 0, fc.get(key) ?? 0];
    if (a !== b) failed = true;
    console.log(`| ${key} | ${a} | ${b}${a === b ? '' : ' (differs)'} |`);
  }
  for (const [side, writes] of Object.entries(sides)) {
    const skipped = writes.filter(perProcess);
    if (skipped.length)
      console.log(
        `${side}: not compared (per process, not per create): ${skipped.map((w) => `${w.tbl} ${w.op}`).join(', ')}`,
      );
  }

  // The inserted rows themselves, with the ids each side drew, the times and the UUIDs named alike.
  const normalized = (writes: Write[]) => {
    const names = new Map<string, string>();
    writes
      .filter((w) => w.tbl === 'public.statuses' && w.op === 'INSERT')
      .forEach((w, i) => names.set(w.id!, `<status ${i + 1}>`));
    const rename = (text: string) =>
      text
        .replace(/\b\d+\b/g, (id) => names.get(id) ?? id)
        .replace(/\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:\d\d)?/g, '<time>')
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>');
    for (const w of writes)
      if (w.tbl === 'public.notifications' && w.op === 'INSERT' && !names.has(w.id!))
        names.set(w.id!, `<notification to ${w.account_id} of ${rename(w.status_id!)}>`);
    const rows = new Map<string, string[]>();
    for (const w of writes.filter((x) => x.op === 'INSERT' && COMPARED.includes(x.tbl))) {
      let row = rename(w.row);
      if (w.tbl === 'graphile_worker._private_jobs') row = row.replace(/"id": \d+/, '"id": <job>');
      // the order of the keys within the row follows the order the triggers ran in
      if (w.tbl === 'public.change_outbox') row = JSON.stringify(w.keys!.map(rename).sort());
      const list = rows.get(w.tbl) ?? [];
      list.push(row);
      rows.set(w.tbl, list);
    }
    return rows;
  };
  const [mr, fr] = [normalized(sides.microposts), normalized(sides.floor)];
  for (const tbl of COMPARED) {
    const [a, b] = [(mr.get(tbl) ?? []).sort(), (fr.get(tbl) ?? []).sort()];
    const differ = a.length !== b.length || a.some((row, i) => row !== b[i]);
    console.log(`${tbl}: ${a.length} rows inserted by each, ${differ ? 'NOT the same' : 'the same'}`);
    if (differ) {
      failed = true;
      for (const row of a.filter((r) => !b.includes(r)).slice(0, 3)) console.log(`  microposts only: ${row}`);
      for (const row of b.filter((r) => !a.includes(r)).slice(0, 3)) console.log(`  floor only:      ${row}`);
    }
  }
  await client.end();
  console.log(failed ? 'Same-writes check: FAILED' : 'Same-writes check: the same rows');
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await stopAll();
  await server.stop();
}
process.exit(failed ? 1 : 0);
