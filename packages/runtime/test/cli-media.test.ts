// `npm run cli -- media` and `media orphans`, as operators run them, on disk storage: a file a row
// knows, an orphan older than an hour, and a young file (its row may be committing) that stays.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { cliEnv, runCli } from '../../../test/support/cli.ts';
import { testDatabase } from '../../../test/support/database.ts';
import { fixtures } from '../../../test/support/fixtures.ts';
import { sqlClient } from '../../../test/support/sql.ts';

const databaseUrl = await testDatabase();
const sql = sqlClient(databaseUrl);
const env = cliEnv(databaseUrl);
const cli = (...args: string[]) => runCli(env, ...args);

const known = 'attachments/00000000000000000000000000000001/original.jpg';
const orphan = 'attachments/00000000000000000000000000000002/original.jpg';
const young = 'attachments/00000000000000000000000000000003/original.jpg';
const stored = (key: string) => path.join(env.DATA_DIR, 'media', key);
const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
for (const [key, bytes] of [
  [known, 2048],
  [orphan, 1000],
  [young, 10],
] as const) {
  mkdirSync(path.dirname(stored(key)), { recursive: true });
  writeFileSync(stored(key), Buffer.alloc(bytes));
  if (key !== young) utimesSync(stored(key), twoHoursAgo, twoHoursAgo);
}
const ann = await fixtures(databaseUrl).account();
await sql.rows(
  `INSERT INTO media_attachments (account_id, state, format, upload_size, file_key, file_size)
   VALUES ($1, 'ready', 'jpeg', 5000, $2, 2048)`,
  [ann.id, known],
);

test('media reports rows by kind and what the storage holds', async () => {
  const r = await cli('media');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    'Attachments: 0 (0 B)',
    'Uploads not posted: 1 (2.0 kB)',
    'Profile pictures: 0',
    'Stored files (disk): 3 (3.0 kB)',
  ]);
});

test('media orphans --dry-run lists, media orphans removes; known and young files stay', async () => {
  const dry = await cli('media', 'orphans', '--dry-run');
  assert.equal(dry.code, 0, dry.stderr);
  assert.equal(
    dry.stdout,
    `Found 1 orphaned files (1000 B) among 3; nothing removed (--dry-run).\n  ${orphan}\n`,
  );
  assert.ok(existsSync(stored(orphan)));

  const removed = await cli('media', 'orphans');
  assert.equal(removed.code, 0, removed.stderr);
  assert.equal(removed.stdout, `Removed 1 orphaned files (1000 B) among 3.\n  ${orphan}\n`);
  assert.ok(!existsSync(stored(orphan)));
  assert.ok(existsSync(stored(known)) && existsSync(stored(young)));

  const again = await cli('media', 'orphans');
  assert.equal(again.stdout, 'Removed 0 orphaned files (0 B) among 2.\n');
});

test('an unknown option is refused on one line, and nothing is removed', async () => {
  const r = await cli('media', 'orphans', '--everything');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^Error: Unknown option '--everything'/);
  assert.ok(existsSync(stored(known)) && existsSync(stored(young)));
});
