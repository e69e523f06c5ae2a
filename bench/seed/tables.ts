// What each table gets from the seeded world: one entry per table, in one list. A new table is one
// more entry: either `rows` (bulk-loaded with COPY) or `sql` (filled from the loaded tables, e.g. a
// counters table: INSERT … SELECT … GROUP BY). Tables not in the database yet are skipped.
import { renderText } from '@microposts/core';
import { FEATURE_ACCOUNTS } from './features.ts';
import { statusWords, type World } from './world.ts';
import { TAG_NAMES } from './vocabulary.ts';

export type Value = string | number | boolean | null;

export interface SeedContext {
  world: World;
  /** Absolute base URL for the links in rendered HTML (the web process's PUBLIC_URL). */
  baseUrl: string;
  /** One password hash for every seeded account (BENCH_PASSWORD). */
  passwordHash: string;
  ids: Ids;
}

export type TableSeed =
  | { table: string; columns: string[]; rows(ctx: SeedContext): Iterable<Value[]> }
  | { table: string; sql: string };

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

export const TABLES: TableSeed[] = [
  {
    table: 'accounts',
    columns: [
      'id',
      'username',
      'email',
      'password_hash',
      'display_name',
      'bio',
      'bio_html',
      'email_confirmed_at',
      'suspended_at',
      'created_at',
    ],
    *rows({ world, ids, passwordHash, baseUrl }) {
      const a = world.accounts;
      const render = renderer(world, baseUrl);
      for (let i = 0; i < a.count; i++) {
        const bio =
          i % 3 === 0 ? `Mostly ${statusWords(i).slice(0, 4).join(' ')}. Say hi to @user${i % 97}` : '';
        yield [
          ids.account[i]!,
          a.username[i]!,
          `${a.username[i]}@bench.example`,
          passwordHash,
          `Bench User ${i}`,
          bio,
          bio ? render(bio) : '',
          iso(a.created[i]!),
          a.suspended[i] ? iso(world.end) : null,
          iso(a.created[i]!),
        ];
      }
    },
  },
  {
    table: 'follows',
    columns: ['id', 'account_id', 'target_account_id', 'created_at'],
    *rows({ world, ids }) {
      const f = world.follows;
      for (let r = 0; r < f.count; r++)
        yield [
          ids.of(f.created[r]!, r),
          ids.account[f.follower[r]!]!,
          ids.account[f.target[r]!]!,
          iso(f.created[r]!),
        ];
    },
  },
  {
    table: 'statuses',
    columns: [
      'id',
      'account_id',
      'text',
      'html',
      'visibility',
      'in_reply_to_id',
      'in_reply_to_account_id',
      'created_at',
      'edited_at',
    ],
    *rows({ world, ids, baseUrl }) {
      const s = world.statuses;
      const editedAt = world.features.editedAt;
      const render = renderer(world, baseUrl);
      for (let k = 0; k < s.count; k++) {
        const text = statusText(world, k);
        const parent = s.replyTo[k]!;
        yield [
          ids.status[k]!,
          ids.account[s.author[k]!]!,
          text,
          render(text),
          s.unlisted[k] ? 'unlisted' : 'public',
          parent >= 0 ? ids.status[parent]! : null,
          parent >= 0 ? ids.account[s.author[parent]!]! : null,
          iso(s.created[k]!),
          editedAt[k] ? iso(editedAt[k]!) : null,
        ];
      }
    },
  },
  {
    table: 'mentions',
    columns: ['status_id', 'account_id'],
    *rows({ world, ids }) {
      const s = world.statuses;
      for (let k = 0; k < s.count; k++)
        for (let m = s.mentionStart[k]!; m < s.mentionStart[k + 1]!; m++)
          yield [ids.status[k]!, ids.account[s.mentioned[m]!]!];
    },
  },
  {
    table: 'tags',
    columns: ['id', 'name', 'created_at'],
    *rows({ ids }) {
      for (const [t, first] of ids.tagFirstUse) yield [ids.tag.get(t)!, TAG_NAMES[t]!, iso(first)];
    },
  },
  {
    table: 'status_tags',
    columns: ['status_id', 'tag_id'],
    *rows({ world, ids }) {
      const s = world.statuses;
      for (let k = 0; k < s.count; k++)
        for (let m = s.tagStart[k]!; m < s.tagStart[k + 1]!; m++)
          yield [ids.status[k]!, ids.tag.get(s.tags[m]!)!];
    },
  },
  {
    table: 'favourites',
    columns: ['id', 'account_id', 'status_id', 'created_at'],
    *rows({ world, ids }) {
      const f = world.favourites;
      for (let r = 0; r < f.count; r++)
        yield [
          ids.of(f.created[r]!, r),
          ids.account[f.account[r]!]!,
          ids.status[f.status[r]!]!,
          iso(f.created[r]!),
        ];
    },
  },
  {
    table: 'notifications',
    columns: ['id', 'account_id', 'from_account_id', 'type', 'status_id', 'read_at', 'created_at'],
    *rows({ world, ids }) {
      const n = notifications(world);
      const readBefore = world.end - 48 * HOUR; // older ones have been read
      for (let r = 0; r < n.count; r++) {
        const t = n.created[r]!;
        yield [
          ids.of(t, r),
          ids.account[n.account[r]!]!,
          ids.account[n.from[r]!]!,
          NOTIFICATION_TYPES[n.type[r]!]!,
          n.status[r]! >= 0 ? ids.status[n.status[r]!]! : null,
          t < readBefore ? iso(t + HOUR) : null,
          iso(t),
        ];
      }
    },
  },
  {
    table: 'status_edits',
    columns: ['id', 'status_id', 'text', 'html', 'spoiler_text', 'sensitive', 'created_at'],
    *rows({ world, ids, baseUrl }) {
      const render = renderer(world, baseUrl);
      let seq = 0;
      for (const e of world.features.edits)
        for (const [v, wordSeed] of e.versionSeeds.entries()) {
          const text = statusText(world, e.status, wordSeed);
          const t = e.times[v]!;
          yield [ids.of(t, seq++), ids.status[e.status]!, text, render(text), '', false, iso(t)];
        }
    },
  },
  {
    table: 'lists',
    columns: ['id', 'account_id', 'title', 'replies_policy', 'exclusive', 'created_at'],
    *rows({ world, ids }) {
      const owner = ids.account[FEATURE_ACCOUNTS.listOwner]!;
      for (const [i, l] of world.features.lists.entries())
        yield [ids.list[i]!, owner, l.title, l.repliesPolicy, false, iso(l.created)];
    },
  },
  {
    table: 'list_accounts',
    columns: ['id', 'list_id', 'account_id', 'follow_id', 'created_at'],
    *rows({ world, ids }) {
      const f = world.follows;
      let seq = 0;
      for (const [i, l] of world.features.lists.entries())
        for (const r of l.followRows)
          yield [
            ids.of(l.created, seq++),
            ids.list[i]!,
            ids.account[f.target[r]!]!,
            ids.of(f.created[r]!, r),
            iso(l.created),
          ];
    },
  },
  {
    table: 'filters',
    columns: ['id', 'account_id', 'title', 'context', 'action', 'expires_at', 'created_at', 'updated_at'],
    *rows({ world, ids }) {
      for (const [i, fl] of world.features.filters.entries())
        yield [
          ids.filter[i]!,
          ids.account[FEATURE_ACCOUNTS.filtered]!,
          fl.title,
          `{${fl.context.join(',')}}`,
          fl.action,
          fl.expires === null ? null : iso(fl.expires),
          iso(fl.created),
          iso(fl.created),
        ];
    },
  },
  {
    table: 'filter_keywords',
    columns: ['id', 'filter_id', 'keyword', 'whole_word', 'created_at'],
    *rows({ world, ids }) {
      let seq = 0;
      for (const [i, fl] of world.features.filters.entries())
        for (const k of fl.keywords)
          yield [ids.of(fl.created, seq++), ids.filter[i]!, k.keyword, k.wholeWord, iso(fl.created)];
    },
  },
];

/**
 * Status k's text: the mentions first (a reply starts with its author's), words, then hashtags. An
 * earlier version (edit history) has the same mentions and hashtags, and words from its own seed.
 */
export function statusText(world: World, k: number, wordSeed = world.statuses.wordSeed[k]!): string {
  const s = world.statuses;
  const parts: string[] = [];
  for (let m = s.mentionStart[k]!; m < s.mentionStart[k + 1]!; m++)
    parts.push(`@${world.accounts.username[s.mentioned[m]!]}`);
  parts.push(...statusWords(wordSeed));
  for (let m = s.tagStart[k]!; m < s.tagStart[k + 1]!; m++) parts.push(`#${TAG_NAMES[s.tags[m]!]}`);
  return parts.join(' ');
}

// The app's own renderer, so seeded HTML is what posting the same text would store.
function renderer(world: World, baseUrl: string): (text: string) => string {
  const mentionable = new Map(world.accounts.username.map((u) => [u.toLowerCase(), { username: u }]));
  return (text) => renderText(text, { baseUrl, mentionable });
}

const NOTIFICATION_TYPES = ['mention', 'favourite', 'follow'] as const;

// Every mention, favourite and follow notifies its target (never oneself), in time order.
function notifications(world: World) {
  const { statuses: s, favourites: f, follows: fo } = world;
  const type: number[] = [];
  const account: number[] = [];
  const from: number[] = [];
  const status: number[] = [];
  const created: number[] = [];
  const add = (ty: number, to: number, by: number, st: number, t: number) => {
    if (to === by) return;
    type.push(ty);
    account.push(to);
    from.push(by);
    status.push(st);
    created.push(t);
  };
  for (let k = 0; k < s.count; k++)
    for (let m = s.mentionStart[k]!; m < s.mentionStart[k + 1]!; m++)
      add(0, s.mentioned[m]!, s.author[k]!, k, s.created[k]!);
  for (let r = 0; r < f.count; r++)
    add(1, s.author[f.status[r]!]!, f.account[r]!, f.status[r]!, f.created[r]!);
  for (let r = 0; r < fo.count; r++) add(2, fo.target[r]!, fo.follower[r]!, -1, fo.created[r]!);
  const order = Uint32Array.from({ length: created.length }, (_, i) => i).sort(
    (x, y) => created[x]! - created[y]!,
  );
  const by = (values: number[]) => Int32Array.from(order, (i) => values[i]!);
  return {
    count: order.length,
    type: by(type),
    account: by(account),
    from: by(from),
    status: by(status),
    created: Float64Array.from(order, (i) => created[i]!),
  };
}

/** Row ids as next_id() makes them (ms << 16 | sequence), from each row's created_at. */
export interface Ids {
  of(ms: number, seq: number): string;
  account: string[];
  status: string[];
  /** Tag index → id, for the tags in use; tagFirstUse: tag index → time of its first status. */
  tag: Map<number, string>;
  tagFirstUse: Map<number, number>;
  /** Ids of world.features.lists and world.features.filters, in order. */
  list: string[];
  filter: string[];
}

export function makeIds(world: World): Ids {
  const of = (ms: number, seq: number) => ((BigInt(Math.floor(ms)) << 16n) | BigInt(seq & 0xffff)).toString();
  const s = world.statuses;
  const tagFirstUse = new Map<number, number>();
  for (let k = 0; k < s.count; k++)
    for (let m = s.tagStart[k]!; m < s.tagStart[k + 1]!; m++)
      if (!tagFirstUse.has(s.tags[m]!)) tagFirstUse.set(s.tags[m]!, s.created[k]!);
  return {
    of,
    account: Array.from(world.accounts.created, (t, i) => of(t, i)),
    status: Array.from(s.created, (t, k) => of(t, k)),
    tag: new Map([...tagFirstUse].map(([t, first]) => [t, of(first, t)])),
    tagFirstUse,
    list: world.features.lists.map((l, i) => of(l.created, i)),
    filter: world.features.filters.map((f, i) => of(f.created, i)),
  };
}
