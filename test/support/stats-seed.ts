// Rows with chosen created_at times around one UTC day, and the statistics they must give.
// Used by the daily statistics tests (integration, CLI, end-to-end, worker).
import { sql } from 'kysely';
import type { Db } from '@microposts/db';
import { insertAccount } from './fixtures.ts';

const MS_DAY = 86_400_000;

/** The seeded day's expected numbers, and those of the days either side. */
export interface SeededStats {
  day: string;
  ids: { accounts: Record<string, string>; statuses: Record<string, string> };
  expected: Record<string, Record<string, number>>;
  topHashtags: { name: string; count: number }[];
}

/**
 * Seeds `day` (YYYY-MM-DD) with known activity, including rows one millisecond either side of both
 * UTC midnights; `prefix` keeps usernames unique when one database is seeded twice.
 */
export async function seedStatsDay(db: Db, day: string, prefix = 's'): Promise<SeededStats> {
  const d0 = Date.parse(`${day}T00:00:00Z`);
  const at = (ms: number) => new Date(d0 + ms);
  const before = at(-1); // the day before, 23:59:59.999
  const last = at(MS_DAY - 1); // the day itself, 23:59:59.999
  const next = at(MS_DAY); // the next day, 00:00:00.000

  const accounts: Record<string, string> = {};
  async function account(name: string, createdAt: Date, suspended = false) {
    const made = await insertAccount(db, { username: prefix + name, createdAt, suspended, confirmed: false });
    accounts[name] = made.id;
  }
  await account('old', at(-10 * MS_DAY));
  await account('a1', before); // not new on the day
  await account('a2', at(0)); // new: the first millisecond
  await account('a3', last); // new: the last millisecond
  await account('a4', next); // new on the next day
  await account('bad', at(-10 * MS_DAY), true); // suspended

  const statuses: Record<string, string> = {};
  async function status(
    name: string,
    author: string,
    createdAt: Date,
    options: { replyTo?: string; visibility?: string; tags?: string[]; mentions?: string[] } = {},
  ) {
    const replyTo = options.replyTo ? statuses[options.replyTo]! : null;
    const { rows } = await sql<{ id: string }>`
      INSERT INTO statuses (account_id, text, html, visibility, in_reply_to_id, in_reply_to_account_id, created_at)
      VALUES (${accounts[author]!}, ${name}, ${`<p>${name}</p>`}, ${options.visibility ?? 'public'}, ${replyTo},
              ${replyTo ? sql`(SELECT account_id FROM statuses WHERE id = ${replyTo})` : null}, ${createdAt})
      RETURNING id`.execute(db);
    const id = rows[0]!.id;
    statuses[name] = id;
    for (const tag of options.tags ?? []) {
      await sql`INSERT INTO tags (name) VALUES (${tag}) ON CONFLICT (name) DO NOTHING`.execute(db);
      await sql`INSERT INTO status_tags (status_id, tag_id) SELECT ${id}, id FROM tags WHERE name = ${tag}`.execute(
        db,
      );
    }
    for (const m of options.mentions ?? [])
      await sql`INSERT INTO mentions (status_id, account_id) VALUES (${id}, ${accounts[m]!})`.execute(db);
  }
  await status('s0', 'old', before, { tags: ['cats'] }); // the day before
  await status('s1', 'a1', at(0), { tags: ['cats', 'dogs'], mentions: ['a2', 'a3'] });
  await status('s2', 'a1', at(12 * 3600_000), { replyTo: 's1', tags: ['cats'], mentions: ['a2'] });
  await status('s3', 'a2', at(13 * 3600_000), { visibility: 'unlisted', tags: ['cats'] }); // tags not counted
  await status('s4', 'bad', at(14 * 3600_000), { tags: ['spam'] }); // counted, but not its tags
  const many = Array.from({ length: 11 }, (_, i) => `t${String(i + 1).padStart(2, '0')}`);
  await status('s5', 'a1', last, { tags: many }); // 11 more tags: only the top 10 are kept
  await status('s6', 'a2', next, { mentions: ['a1'] }); // the next day
  await status('gone', 'a3', at(15 * 3600_000), { mentions: ['a1'] });
  await sql`DELETE FROM statuses WHERE id = ${statuses.gone!}`.execute(db); // deleted: not counted

  const favourite = (who: string, what: string, createdAt: Date) =>
    sql`INSERT INTO favourites (account_id, status_id, created_at)
        VALUES (${accounts[who]!}, ${statuses[what]!}, ${createdAt})`.execute(db);
  await favourite('a2', 's0', at(5 * 3600_000)); // counted on the day it was given
  await favourite('a3', 's1', last);
  await favourite('a1', 's6', next);
  await favourite('old', 's0', before);

  const follow = (who: string, whom: string, createdAt: Date) =>
    sql`INSERT INTO follows (account_id, target_account_id, created_at)
        VALUES (${accounts[who]!}, ${accounts[whom]!}, ${createdAt})`.execute(db);
  await follow('a1', 'a2', at(0));
  await follow('a3', 'a1', at(10 * 3600_000));
  await follow('a2', 'a1', next);

  const zero = {
    new_accounts: 0,
    active_accounts: 0,
    statuses: 0,
    replies: 0,
    mentions: 0,
    favourites: 0,
    new_follows: 0,
  };
  return {
    day,
    ids: { accounts, statuses },
    expected: {
      before: { ...zero, new_accounts: 1, active_accounts: 1, statuses: 1, favourites: 1 },
      day: {
        new_accounts: 2,
        active_accounts: 3, // a1, a2 and the suspended account
        statuses: 5, // s1..s5
        replies: 1,
        mentions: 3,
        favourites: 2,
        new_follows: 2,
      },
      next: {
        ...zero,
        new_accounts: 1,
        active_accounts: 1,
        statuses: 1,
        mentions: 1,
        favourites: 1,
        new_follows: 1,
      },
    },
    topHashtags: [
      { name: 'cats', count: 2 },
      ...['dogs', ...many].slice(0, 9).map((name) => ({ name, count: 1 })),
    ],
  };
}
