// How much the bench seeder writes, from the environment (defaults: the sizes of issue 9).

export interface SeedSizes {
  accounts: number;
  statuses: number;
  /** Statuses are spread over this many days, ending at `end`. */
  days: number;
  /** Average number of accounts an account follows (the long tail comes from who is followed). */
  followsMean: number;
  /** Favourites in all. */
  favourites: number;
  /** Follows of the two named home-timeline accounts (capped at accounts - 1). */
  lightFollows: number;
  heavyFollows: number;
  /** The PRNG seed: the same seed, sizes and end give the same rows. */
  seed: number;
  /** The end of the seeded period, ms since the epoch (default: the start of the current UTC day). */
  end: number;
}

const DAY = 86_400_000;

/** The sizes of a full run, overridden by BENCH_* variables, then by `overrides`. */
export function seedSizes(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<SeedSizes> = {},
): SeedSizes {
  const num = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number, not ${raw}`);
    return n;
  };
  const statuses = overrides.statuses ?? num('BENCH_STATUSES', 1_000_000);
  const endDay = env.BENCH_END
    ? Date.parse(`${env.BENCH_END}T00:00:00Z`)
    : Math.floor(Date.now() / DAY) * DAY;
  if (!Number.isFinite(endDay)) throw new Error(`BENCH_END must be a date YYYY-MM-DD, not ${env.BENCH_END}`);
  const sizes: SeedSizes = {
    accounts: num('BENCH_ACCOUNTS', 10_000),
    statuses,
    days: num('BENCH_DAYS', 90),
    followsMean: num('BENCH_FOLLOWS_MEAN', 40),
    favourites: num('BENCH_FAVOURITES', statuses),
    lightFollows: num('BENCH_LIGHT_FOLLOWS', 200),
    heavyFollows: num('BENCH_HEAVY_FOLLOWS', 5000),
    seed: num('BENCH_SEED', 1),
    end: endDay,
    ...overrides,
  };
  if (sizes.accounts < 60)
    throw new Error('BENCH_ACCOUNTS must be at least 60 (the named accounts need room)');
  if (sizes.days < 3) throw new Error('BENCH_DAYS must be at least 3');
  return sizes;
}
