// The bench seeder: a seeded world (world.ts) bulk-loaded table by table (tables.ts) with COPY.
// `seed(url)` fills a migrated, empty database and says what it wrote and whom the scenarios use.
import pg from 'pg';
import { hashPassword } from '@microposts/core';
import { bulkLoad } from './bulk-load.ts';
import { seedReports } from './reports.ts';
import { seedSizes, type SeedSizes } from './sizes.ts';
import { makeIds, TABLES } from './tables.ts';
import { TAG_NAMES, WORDS } from './vocabulary.ts';
import { buildWorld, NAMED_ACCOUNTS, type NamedAccount } from './world.ts';

export { seedSizes, type SeedSizes } from './sizes.ts';
export { NAMED_ACCOUNTS } from './world.ts';

/** Every seeded account's password. */
export const BENCH_PASSWORD = 'bench password 123';

export interface AccountRef {
  id: string;
  username: string;
}

/** What the scenarios need to know about the seeded data. */
export interface Fixtures {
  named: Record<NamedAccount, AccountRef>;
  /** How many accounts the light and heavy home-timeline accounts follow. */
  lightFollows: number;
  heavyFollows: number;
  /** A popular account: the profile and account-statuses scenarios. */
  profile: AccountRef;
  /** A public reply with the most replies, and its author: the status page scenario. */
  thread: { id: string; username: string };
  /** How many accounts the filtered account (features.ts) follows. */
  filteredFollows: number;
  /** The light account's list of 50 of the accounts it follows: the list timeline scenario. */
  list: { id: string };
  /** A reply in the status page's thread with 5 versions, and its author: the versions scenario. */
  history: { id: string; username: string };
  /** The most used hashtag. */
  tag: string;
  /** Two words found together in about 0.15% of statuses: the search scenario. */
  search: string;
  /** Two popular accounts the create-status scenario mentions. */
  mentionTargets: [string, string];
  /** A full day in the middle of the seeded period (UTC), for the statistics measurement. */
  statsDay: string;
}

export interface SeedResult {
  sizes: SeedSizes;
  rows: Record<string, number>;
  skipped: string[];
  seconds: number;
  /** Seconds: generating the world, then each load phase. */
  timings: Record<string, number>;
  fixtures: Fixtures;
}

export interface SeedOptions {
  /** The web process's PUBLIC_URL, for links in the seeded HTML. */
  baseUrl?: string;
}

/** Fills the migrated, empty database at `url`. Sizes default to seedSizes() (the environment). */
export async function seed(
  url: string,
  sizes: SeedSizes = seedSizes(),
  options: SeedOptions = {},
): Promise<SeedResult> {
  const t0 = performance.now();
  const world = buildWorld(sizes);
  const ids = makeIds(world);
  const generated = (performance.now() - t0) / 1000;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const report = await bulkLoad(client, TABLES, {
      world,
      ids,
      baseUrl: options.baseUrl ?? 'http://127.0.0.1:3000',
      passwordHash: await hashPassword(BENCH_PASSWORD),
    });
    report.rows.reports = await seedReports(client, ids.account[NAMED_ACCOUNTS.light.index]!);
    const ref = (i: number): AccountRef => ({ id: ids.account[i]!, username: world.accounts.username[i]! });
    const followsOf = (i: number) => world.follows.follower.reduce((n, f) => (f === i ? n + 1 : n), 0);
    const thread = world.threadStatus;
    const fixtures: Fixtures = {
      named: Object.fromEntries(
        Object.entries(NAMED_ACCOUNTS).map(([key, a]) => [key, ref(a.index)]),
      ) as Record<NamedAccount, AccountRef>,
      lightFollows: followsOf(NAMED_ACCOUNTS.light.index),
      heavyFollows: followsOf(NAMED_ACCOUNTS.heavy.index),
      filteredFollows: followsOf(NAMED_ACCOUNTS.filtered.index),
      list: { id: ids.list[0]! },
      history: {
        id: ids.status[world.features.historyStatus]!,
        username: world.accounts.username[world.statuses.author[world.features.historyStatus]!]!,
      },
      profile: ref(1),
      thread: { id: ids.status[thread]!, username: world.accounts.username[world.statuses.author[thread]!]! },
      tag: TAG_NAMES[0]!,
      search: `${WORDS[40]} ${WORDS[80]}`,
      mentionTargets: [world.accounts.username[2]!, world.accounts.username[3]!],
      statsDay: new Date(world.end - Math.ceil(sizes.days / 2) * 86_400_000).toISOString().slice(0, 10),
    };
    return {
      sizes,
      rows: report.rows,
      skipped: report.skipped,
      seconds: (performance.now() - t0) / 1000,
      timings: { generate: generated, ...report.timings },
      fixtures,
    };
  } finally {
    await client.end();
  }
}
