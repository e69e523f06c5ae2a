// The seeded world's lists, edit history and filters (issue 11's read pages in the benchmark), drawn
// after the rest of the world from a PRNG of their own, so adding them leaves every other row (and so
// what the older scenarios measure) as it was. Tables (tables.ts) write them.
import { seededRandom } from './random.ts';
import type { World } from './world.ts';
import { WORDS } from './vocabulary.ts';

const MINUTE = 60_000;

/** Accounts the feature rows belong to (indices as NAMED_ACCOUNTS; world.ts names them). */
export const FEATURE_ACCOUNTS = {
  /** Owns the lists (the list timeline scenario reads the first). */
  listOwner: 40,
  /** Has the filters: follows what `listOwner` follows, plus its own long-tail follows. */
  filtered: 45,
} as const;

export interface SeededList {
  title: string;
  repliesPolicy: 'followed' | 'list' | 'none';
  /** Follow rows (indices into world.follows) of the owner that make the members. */
  followRows: number[];
  created: number;
}

export interface SeededFilter {
  title: string;
  context: string[];
  action: 'warn' | 'hide';
  /** ms since the epoch, or null (never ends); an ended filter does nothing. */
  expires: number | null;
  keywords: { keyword: string; wholeWord: boolean }[];
  created: number;
}

export interface SeededEdit {
  status: number;
  /** Word seeds of the earlier versions, oldest first (the current one is the status itself). */
  versionSeeds: number[];
  /** When each earlier version was written (the first: the status's own time), then the last edit. */
  times: number[];
}

export interface Features {
  lists: SeededList[];
  filters: SeededFilter[];
  edits: SeededEdit[];
  /** The status with the most versions, a reply in the status page scenario's thread: the versions scenario. */
  historyStatus: number;
  /** edited[k]: time of status k's last edit, or 0. */
  editedAt: Float64Array;
}

/** Share of the other statuses edited once or twice. */
const EDITED_SHARE = 0.01;
/** Earlier versions of the versions scenario's status (with the current one: 5 versions). */
const HISTORY_EARLIER = 4;
/** Members of the list timeline scenario's list. */
const LIST_MEMBERS = 50;

/** The keyword of a filter: a word of the statuses' vocabulary, by rank (lower is more common). */
const word = (rank: number) => WORDS[Math.min(rank, WORDS.length - 1)]!;

/**
 * Appends the filtered account's extra follows to world.follows (after the existing rows: their ids
 * and everything drawn from them stay), and draws the lists, filters and edits.
 */
export function buildFeatures(world: World): Features {
  const random = seededRandom((world.sizes.seed * 7919 + 104_729) >>> 0);
  const { follows, statuses, accounts } = world;
  const owner = FEATURE_ACCOUNTS.listOwner;
  const filtered = FEATURE_ACCOUNTS.filtered;

  // The filtered account follows what the list owner follows (a home page of the same kind).
  const ownerRows: number[] = [];
  const already = new Set<number>();
  for (let r = 0; r < follows.count; r++) {
    if (follows.follower[r] === owner) ownerRows.push(r);
    if (follows.follower[r] === filtered) already.add(follows.target[r]!);
  }
  const extra: { target: number; time: number }[] = [];
  for (const r of ownerRows) {
    const target = follows.target[r]!;
    if (target === filtered || already.has(target)) continue;
    const from = Math.max(accounts.created[filtered]!, accounts.created[target]!);
    extra.push({ target, time: from + random() * (world.end - from) });
  }
  if (extra.length) {
    const n = follows.count + extra.length;
    const follower = new Int32Array(n);
    const target = new Int32Array(n);
    const created = new Float64Array(n);
    follower.set(follows.follower);
    target.set(follows.target);
    created.set(follows.created);
    extra.forEach((e, j) => {
      follower[follows.count + j] = filtered;
      target[follows.count + j] = e.target;
      created[follows.count + j] = e.time;
    });
    world.follows = { count: n, follower, target, created };
  }

  // Lists of the owner: one of LIST_MEMBERS of its follows (the scenario's), one smaller.
  const shuffled = [...ownerRows];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const listStart = world.end - 30 * 24 * 60 * MINUTE;
  const drawn: SeededList[] = [
    {
      title: 'Close friends',
      repliesPolicy: 'list',
      followRows: shuffled.slice(0, LIST_MEMBERS),
      created: listStart,
    },
    {
      title: 'Work',
      repliesPolicy: 'none',
      followRows: shuffled.slice(LIST_MEMBERS, LIST_MEMBERS + 20),
      created: listStart + MINUTE,
    },
  ];
  const lists = drawn.filter((l) => l.followRows.length > 0);

  // Filters of the filtered account: active in home, `warn` on two fairly common words and `hide` on
  // two rarer ones (at full size the first home page has 6 of 20 statuses warned and 4 hidden); one
  // ended, one for notifications only (neither applies to home).
  const filterStart = world.end - 10 * 24 * 60 * MINUTE;
  const keywords = (...ranks: number[]) => ranks.map((r) => ({ keyword: word(r), wholeWord: true }));
  const filters: SeededFilter[] = [
    {
      title: 'Work talk',
      context: ['home', 'public'],
      action: 'warn',
      expires: null,
      keywords: keywords(20, 21),
      created: filterStart,
    },
    {
      title: 'Not today',
      context: ['home', 'thread'],
      action: 'hide',
      expires: null,
      keywords: keywords(40, 41),
      created: filterStart + MINUTE,
    },
    {
      title: 'Ended',
      context: ['home'],
      action: 'hide',
      expires: world.end - 24 * 60 * MINUTE,
      keywords: keywords(5),
      created: filterStart + 2 * MINUTE,
    },
    {
      title: 'Noisy notifications',
      context: ['notifications'],
      action: 'hide',
      expires: null,
      keywords: keywords(2, 3),
      created: filterStart + 3 * MINUTE,
    },
  ];

  // Edits: the newest direct reply to the thread scenario's status (or that status) has 5 versions;
  // EDITED_SHARE of the others were edited once or twice, minutes to hours after posting.
  let historyStatus = world.threadStatus;
  for (let k = statuses.count - 1; world.threadStatus >= 0 && k > world.threadStatus; k--)
    if (statuses.replyTo[k] === world.threadStatus && !accounts.suspended[statuses.author[k]!]) {
      historyStatus = k;
      break;
    }
  const edits: SeededEdit[] = [];
  const editedAt = new Float64Array(statuses.count);
  const edit = (k: number, earlier: number) => {
    const times = [statuses.created[k]!];
    for (let v = 0; v < earlier; v++)
      times.push(Math.min(world.end - 1, times.at(-1)! + random.exponential(30 * MINUTE) + MINUTE));
    const versionSeeds = Array.from({ length: earlier }, () => (random() * 4294967296) >>> 0);
    edits.push({ status: k, versionSeeds, times });
    editedAt[k] = times.at(-1)!;
  };
  if (historyStatus >= 0) edit(historyStatus, HISTORY_EARLIER);
  for (let k = 0; k < statuses.count; k++)
    if (k !== historyStatus && random.chance(EDITED_SHARE)) edit(k, random.chance(0.3) ? 2 : 1);
  return { lists, filters, edits, historyStatus, editedAt };
}
