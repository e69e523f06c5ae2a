// The seeded world, generated in memory before anything is written: who exists, who follows whom,
// who posted what and when, who replied, mentioned and favourited. Tables (tables.ts) are views of it.
// Everything is drawn from one seeded PRNG, in a fixed order, so the same sizes give the same world.
import { buildFeatures, type Features } from './features.ts';
import { seededRandom, type Random } from './random.ts';
import type { SeedSizes } from './sizes.ts';
import { TAG_NAMES, WORDS } from './vocabulary.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Accounts the runner signs in as, at fixed indices among the fairly popular ones. */
export const NAMED_ACCOUNTS = {
  /** Follows BENCH_LIGHT_FOLLOWS (200) accounts: home timeline, notifications. */
  light: { index: 40, username: 'follows200' },
  /** Follows BENCH_HEAVY_FOLLOWS (5,000) accounts: home timeline. */
  heavy: { index: 41, username: 'follows5000' },
  /** Posts the create-status scenario's and the mail measurements' statuses. */
  poster: { index: 42, username: 'poster' },
  /** Favourites for the reference server, and for microposts: two accounts, so neither finds the other's rows. */
  favReference: { index: 43, username: 'favreference' },
  favMicroposts: { index: 44, username: 'favmicroposts' },
  /** Has filters (features.ts) and follows what `light` follows: the filtered home timeline. Keeps the
   * name it had before it was named, so no seeded text changes. */
  filtered: { index: 45, username: 'user45' },
} as const;
export type NamedAccount = keyof typeof NAMED_ACCOUNTS;

export interface World {
  sizes: SeedSizes;
  start: number;
  end: number;
  accounts: {
    count: number;
    username: string[];
    created: Float64Array;
    suspended: Uint8Array;
  };
  follows: { count: number; follower: Int32Array; target: Int32Array; created: Float64Array };
  statuses: {
    count: number;
    author: Int32Array;
    created: Float64Array;
    /** Index of the status replied to, or -1. */
    replyTo: Int32Array;
    unlisted: Uint8Array;
    /** Mentioned accounts of status k: mentioned[mentionStart[k] .. mentionStart[k + 1]). */
    mentionStart: Int32Array;
    mentioned: Int32Array;
    /** Tags (indices into TAG_NAMES) of status k, likewise. */
    tagStart: Int32Array;
    tags: Int32Array;
    /** Seed of the words of status k (its text is made again from it when written). */
    wordSeed: Uint32Array;
  };
  favourites: { count: number; account: Int32Array; status: Int32Array; created: Float64Array };
  /** The reply with the most replies: the status page scenario's thread. */
  threadStatus: number;
  /** Lists, filters and edit history (features.ts), drawn last from a PRNG of their own. */
  features: Features;
}

/** Builds the world for these sizes. */
export function buildWorld(sizes: SeedSizes): World {
  const random = seededRandom(sizes.seed);
  const end = sizes.end;
  const start = end - sizes.days * DAY;
  const accounts = buildAccounts(random, sizes, start);
  const follows = buildFollows(random, sizes, accounts, end);
  const statuses = buildStatuses(random, sizes, accounts, start);
  const favourites = buildFavourites(random, sizes, accounts, follows, statuses, end);
  const world = {
    sizes,
    start,
    end,
    accounts,
    follows,
    statuses,
    favourites,
    threadStatus: busiestReply(statuses),
  } as World;
  world.features = buildFeatures(world);
  return world;
}

// Most accounts exist before the period starts; the rest sign up during it (new accounts per day).
function buildAccounts(random: Random, sizes: SeedSizes, start: number): World['accounts'] {
  const n = sizes.accounts;
  const old = Math.floor(n * 0.8);
  const username: string[] = [];
  const created = new Float64Array(n);
  const suspended = new Uint8Array(n);
  const named = new Map<number, string>(Object.values(NAMED_ACCOUNTS).map((a) => [a.index, a.username]));
  for (let i = 0; i < n; i++) {
    username.push(named.get(i) ?? `user${i}`);
    created[i] =
      i < old
        ? start - 60 * DAY + (i / old) * 60 * DAY
        : start + ((i - old) / (n - old)) * sizes.days * 0.9 * DAY;
    // A few suspended accounts, never a popular or named one: their statuses must stay hidden.
    suspended[i] = i >= 100 && random.chance(0.002) ? 1 : 0;
  }
  return { count: n, username, created, suspended };
}

/** Someone to follow, mention or favourite: half by popularity (index order), half anyone. */
const somebody = (random: Random, n: number) => (random.chance(0.5) ? random.zipf(n) : random.int(n));

// Out-degrees are log-normal around followsMean; targets half by popularity, half uniform, so a few
// accounts are followed by thousands and most by tens.
function buildFollows(
  random: Random,
  sizes: SeedSizes,
  accounts: World['accounts'],
  end: number,
): World['follows'] {
  const n = accounts.count;
  const follower: number[] = [];
  const target: number[] = [];
  const times: number[] = [];
  const sigma = 0.9;
  const median = sizes.followsMean / Math.exp((sigma * sigma) / 2);
  for (let i = 0; i < n; i++) {
    const named =
      i === NAMED_ACCOUNTS.light.index
        ? sizes.lightFollows
        : i === NAMED_ACCOUNTS.heavy.index
          ? sizes.heavyFollows
          : null;
    const drawn = sizes.followsMean > 0 ? Math.round(median * Math.exp(sigma * random.gauss())) : 0;
    const degree = Math.max(0, Math.min(n - 1, named ?? drawn));
    const chosen = new Set<number>();
    for (let tries = 0; chosen.size < degree && tries < degree * 20; tries++) {
      const j = somebody(random, n);
      if (j !== i) chosen.add(j);
    }
    for (let j = 0; chosen.size < degree; j++) if (j !== i) chosen.add(j); // dense corner: fill in order
    for (const j of chosen) {
      follower.push(i);
      target.push(j);
      const from = Math.max(accounts.created[i]!, accounts.created[j]!);
      times.push(from + random() * (end - from));
    }
  }
  return sortedByTime({ follower, target }, times, (o, f) => ({
    count: o.length,
    follower: pick(f.follower, o),
    target: pick(f.target, o),
    created: pickF(times, o),
  }));
}

function buildStatuses(
  random: Random,
  sizes: SeedSizes,
  accounts: World['accounts'],
  start: number,
): World['statuses'] {
  const s = sizes.statuses;
  const n = accounts.count;
  const author = new Int32Array(s);
  const created = new Float64Array(s);
  const replyTo = new Int32Array(s);
  const unlisted = new Uint8Array(s);
  const wordSeed = new Uint32Array(s);
  const mentionStart = new Int32Array(s + 1);
  const tagStart = new Int32Array(s + 1);
  const mentioned: number[] = [];
  const tags: number[] = [];
  const span = sizes.days * DAY;
  let born = 0; // accounts created before the current status (they are in creation order)
  for (let k = 0; k < s; k++) {
    const t = start + ((k + random()) / s) * span;
    while (born < n && accounts.created[born]! <= t) born++;
    let a = somebody(random, n);
    for (let tries = 0; accounts.created[a]! > t && tries < 8; tries++) a = somebody(random, n);
    if (accounts.created[a]! > t) a = random.int(born);
    author[k] = a;
    created[k] = t;
    unlisted[k] = random.chance(0.1) ? 1 : 0;
    wordSeed[k] = (random() * 4294967296) >>> 0;
    mentionStart[k] = mentioned.length;
    // A quarter are replies, mostly to recent statuses; a reply mentions the author it answers.
    replyTo[k] = -1;
    if (k > 0 && random.chance(0.25)) {
      const parent = k - 1 - Math.floor(random() ** 3 * Math.min(k, 3000));
      replyTo[k] = parent;
      if (author[parent] !== a) mentioned.push(author[parent]!);
    }
    if (random.chance(0.15)) {
      const extra = random.chance(0.3) ? 2 : 1;
      for (let m = 0; m < extra; m++) {
        const b = somebody(random, born);
        if (b !== a && !mentioned.includes(b, mentionStart[k])) mentioned.push(b);
      }
    }
    tagStart[k] = tags.length;
    if (random.chance(0.35)) {
      tags.push(random.zipf(TAG_NAMES.length));
      if (random.chance(0.25)) {
        const second = random.zipf(TAG_NAMES.length);
        if (second !== tags.at(-1)) tags.push(second);
      }
    }
  }
  mentionStart[s] = mentioned.length;
  tagStart[s] = tags.length;
  return {
    count: s,
    author,
    created,
    replyTo,
    unlisted,
    mentionStart,
    mentioned: Int32Array.from(mentioned),
    tagStart,
    tags: Int32Array.from(tags),
    wordSeed,
  };
}

// Statuses of accounts with a larger audience get more favourites (exponentially distributed around
// their share), mostly from their followers, a few hours after posting on average.
function buildFavourites(
  random: Random,
  sizes: SeedSizes,
  accounts: World['accounts'],
  follows: World['follows'],
  statuses: World['statuses'],
  end: number,
): World['favourites'] {
  const n = accounts.count;
  const followers = followersOf(n, follows);
  const audience = (a: number) => followers.start[a + 1]! - followers.start[a]! + 1;
  let weightSum = 0;
  for (let k = 0; k < statuses.count; k++) weightSum += audience(statuses.author[k]!);
  const scale = weightSum > 0 ? sizes.favourites / weightSum : 0;
  const account: number[] = [];
  const status: number[] = [];
  const times: number[] = [];
  for (let k = 0; k < statuses.count; k++) {
    const a = statuses.author[k]!;
    const from = followers.start[a]!;
    const size = followers.start[a + 1]! - from;
    const want = Math.min(Math.floor(random.exponential(scale * audience(a)) + random()), size + 50);
    const chosen = new Set<number>();
    for (let tries = 0; chosen.size < want && tries < want * 4; tries++) {
      const b = size > 0 && random.chance(0.8) ? followers.list[from + random.int(size)]! : random.int(n);
      if (b === a || chosen.has(b)) continue;
      const t = Math.min(end - 1, statuses.created[k]! + random.exponential(3 * HOUR));
      if (accounts.created[b]! > t) continue;
      chosen.add(b);
      account.push(b);
      status.push(k);
      times.push(t);
    }
  }
  return sortedByTime({ account, status }, times, (o, f) => ({
    count: o.length,
    account: pick(f.account, o),
    status: pick(f.status, o),
    created: pickF(times, o),
  }));
}

/** Followers of each account, as one list: followers.list[start[a] .. start[a + 1]). */
export function followersOf(n: number, follows: World['follows']): { start: Int32Array; list: Int32Array } {
  const start = new Int32Array(n + 1);
  for (let f = 0; f < follows.count; f++) start[follows.target[f]! + 1]!++;
  for (let a = 0; a < n; a++) start[a + 1]! += start[a]!;
  const list = new Int32Array(follows.count);
  const fill = start.slice(0, n);
  for (let f = 0; f < follows.count; f++) list[fill[follows.target[f]!]!++] = follows.follower[f]!;
  return { start, list };
}

// The public reply, by a visible author, with the most direct replies (newest on a tie).
function busiestReply(statuses: World['statuses']): number {
  const replies = new Uint32Array(statuses.count);
  for (let k = 0; k < statuses.count; k++) if (statuses.replyTo[k]! >= 0) replies[statuses.replyTo[k]!]!++;
  let best = -1;
  for (let k = 0; k < statuses.count; k++) {
    if (statuses.replyTo[k]! < 0 || statuses.unlisted[k]) continue;
    if (best < 0 || replies[k]! >= replies[best]!) best = k;
  }
  return best;
}

/** The words of status k: 6 to 16, most often the common ones. */
export function statusWords(seed: number): string[] {
  const random = seededRandom(seed);
  const count = 6 + random.int(11);
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(WORDS[random.zipf(WORDS.length)]!);
  return words;
}

function sortedByTime<F, R>(fields: F, times: number[], build: (order: Uint32Array, fields: F) => R): R {
  const order = new Uint32Array(times.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((x, y) => times[x]! - times[y]!);
  return build(order, fields);
}
const pick = (values: number[], order: Uint32Array) => Int32Array.from(order, (i) => values[i]!);
const pickF = (values: number[], order: Uint32Array) => Float64Array.from(order, (i) => values[i]!);
