// How every status is read, so suspended authors stay hidden everywhere, every status carries the
// same fields, and no viewer is ever handed a status it may not see. A status is its *card* (what
// anyone sees: text, visibility, mentions, counters — cacheable by id), its author (an account,
// cacheable by id) and the viewer's flags (favourited, bookmarked, reblogged, pinned). Reads either find ids first and hydrate them
// (through the read cache when there is one), or, where nothing is cached (inside a transaction),
// select all three in one query. Either way the last step is the visibility rule
// (rules/visibility-rules.ts mayShowStatus) for the viewer and the place: whatever found the ids —
// a cached page for everyone, a per-viewer query, a thread walk — what the viewer may not see is
// dropped here. A boost's card names its original, read the same way as the same viewer at the same
// place: a boost whose original the viewer may not see is dropped with it.
import { sql } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import {
  mayShowStatus,
  NO_RELATIONS,
  type Account,
  type Poll,
  type PublicAccount,
  type ReadPlace,
  type Status,
  type Visibility,
} from '@microposts/core';
import { anyLength } from '../any-length.ts';
import type { Db } from '../connection.ts';
import { compiledOnce, standIn } from '../compiled-once.ts';
import { noCache, type ReadCache } from '../cache/read-cache.ts';
import { accountColumns, accountsWithStats, toAccount, toPublicAccount } from './account-repository.ts';
import { mediaColumns, toMediaAttachment, type MediaRow } from './media-repository.ts';
import { followedAmong, viewerRelations } from './viewer-relations.ts';

/** A poll without the viewer's votes: the same for everyone. */
type PollCard = Omit<Poll, 'ownVotes'>;

/** A status without its author and without any viewer's flags: the same for everyone. */
export interface StatusCard extends Omit<
  Status,
  'account' | 'favourited' | 'bookmarked' | 'reblogged' | 'reblog' | 'pinned' | 'poll'
> {
  accountId: string;
  /** A boost: the original's id. */
  reblogOfId: string | null;
  poll: PollCard | null;
}

/** A status found by a query, with the viewer's favourite and bookmark when the query already knew them. */
export interface StatusRef {
  id: string;
  favourited?: boolean;
  bookmarked?: boolean;
  reblogged?: boolean;
  pinned?: boolean;
}

/** The viewer's own flags on a status. */
interface ViewerFlags {
  favourited: boolean;
  bookmarked: boolean;
  reblogged: boolean;
  pinned: boolean;
  /** The viewer's choices in the status's poll; null when none. */
  ownVotes?: number[] | null;
}

// The card: the status row, its counters (kept by triggers) and its mentions.
function selectCards(db: Db) {
  return db
    .selectFrom('statuses')
    .innerJoin('status_stats', 'status_stats.status_id', 'statuses.id')
    .select((eb) => [
      'statuses.id',
      'statuses.account_id',
      'statuses.text',
      'statuses.html',
      'statuses.visibility',
      'statuses.in_reply_to_id',
      'statuses.in_reply_to_account_id',
      'statuses.created_at',
      'statuses.edited_at',
      'statuses.sensitive',
      'statuses.spoiler_text',
      'statuses.language',
      'statuses.reblog_of_id',
      'status_stats.replies_count',
      'status_stats.favourites_count',
      'status_stats.reblogs_count',
      jsonArrayFrom(
        eb
          .selectFrom('mentions')
          .innerJoin('accounts as ma', 'ma.id', 'mentions.account_id')
          // ::text, because JSON would turn the bigint id into a number and lose its last digits.
          .select([sql<string>`ma.id::text`.as('accountId'), 'ma.username'])
          .whereRef('mentions.status_id', '=', 'statuses.id')
          .orderBy('ma.username'),
      ).as('mentions'),
      // Its processed media, in the order posted (media still processing show once ready).
      jsonArrayFrom(
        eb
          .selectFrom('media_attachments')
          .select(mediaColumns)
          .whereRef('media_attachments.status_id', '=', 'statuses.id')
          .where('media_attachments.state', '=', 'ready')
          .orderBy('media_attachments.position'),
      ).as('media'),
      // Its poll with its counts (kept by a trigger; any change announces s:<id>).
      jsonObjectFrom(
        eb
          .selectFrom('polls')
          .select([
            'polls.options',
            'polls.votes_counts',
            'polls.votes_count',
            'polls.voters_count',
            'polls.multiple',
            'polls.hide_totals',
            'polls.expires_at',
          ])
          .whereRef('polls.status_id', '=', 'statuses.id'),
      ).as('poll'),
    ]);
}

type CardRow = Awaited<ReturnType<ReturnType<typeof selectCards>['executeTakeFirstOrThrow']>>;

function toCard(row: CardRow): StatusCard {
  return {
    id: row.id,
    accountId: row.account_id,
    text: row.text,
    html: row.html,
    visibility: row.visibility,
    inReplyToId: row.in_reply_to_id,
    inReplyToAccountId: row.in_reply_to_account_id,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    sensitive: row.sensitive,
    spoilerText: row.spoiler_text,
    mentions: row.mentions,
    media: (row.media as MediaRow[]).map((m) => {
      const { purpose: _, ...media } = toMediaAttachment(m);
      return media;
    }),
    language: row.language,
    repliesCount: Number(row.replies_count),
    favouritesCount: Number(row.favourites_count),
    poll: row.poll
      ? {
          id: row.id,
          options: row.poll.options,
          votesCounts: row.poll.votes_counts.map(Number),
          votesCount: Number(row.poll.votes_count),
          votersCount: Number(row.poll.voters_count),
          multiple: row.poll.multiple,
          hideTotals: row.poll.hide_totals,
          // JSON gives the time as text
          expiresAt: new Date(row.poll.expires_at),
        }
      : null,
    reblogsCount: Number(row.reblogs_count),
    reblogOfId: row.reblog_of_id,
  };
}

function compose(
  card: StatusCard,
  account: PublicAccount,
  flags: ViewerFlags,
  reblog: Status | null = null,
): Status {
  const { accountId: _, reblogOfId: __, poll, ...rest } = card;
  const status: Status = {
    ...rest,
    account,
    favourited: flags.favourited,
    bookmarked: flags.bookmarked,
    reblogged: flags.reblogged,
    reblog,
    pinned: flags.pinned,
  };
  if (poll) status.poll = { ...poll, ownVotes: flags.ownVotes ?? null };
  return status;
}

/**
 * Card, author and the viewer's favourite in one query (where nothing is cached): the statuses of
 * authors that are not suspended.
 */
export function selectStatuses(db: Db, viewerId?: string) {
  return selectCards(db)
    .innerJoin('accounts', 'accounts.id', 'statuses.account_id')
    .innerJoin('account_stats', 'account_stats.account_id', 'accounts.id')
    .where('accounts.suspended_at', 'is', null)
    .select([
      'accounts.username',
      'accounts.display_name',
      'accounts.bio',
      'accounts.bio_html',
      'accounts.created_at as account_created_at',
      'accounts.role',
      'account_stats.statuses_count',
      'account_stats.followers_count',
      'account_stats.following_count',
      'account_stats.last_status_at',
      'accounts.avatar_key',
      'accounts.header_key',
      (viewerId
        ? sql<boolean>`exists (select 1 from favourites vf where vf.status_id = statuses.id and vf.account_id = ${viewerId})`
        : sql<boolean>`false`
      ).as('favourited'),
      (viewerId
        ? sql<boolean>`exists (select 1 from bookmarks vb where vb.status_id = statuses.id and vb.account_id = ${viewerId})`
        : sql<boolean>`false`
      ).as('bookmarked'),
      (viewerId
        ? sql<boolean>`exists (select 1 from statuses vr where vr.reblog_of_id = statuses.id and vr.account_id = ${viewerId})`
        : sql<boolean>`false`
      ).as('reblogged'),
      // Only the author pins, so a pin by the viewer is on the viewer's own status.
      (viewerId
        ? sql<boolean>`exists (select 1 from status_pins vp where vp.status_id = statuses.id and vp.account_id = ${viewerId})`
        : sql<boolean>`false`
      ).as('pinned'),
      (viewerId
        ? sql<
            number[] | null
          >`(select pv.choices from poll_votes pv where pv.poll_id = statuses.id and pv.account_id = ${viewerId})`
        : sql<null>`null::int[]`
      ).as('own_votes'),
    ]);
}

type StatusRow = Awaited<ReturnType<ReturnType<typeof selectStatuses>['executeTakeFirstOrThrow']>>;

/**
 * Maps a row of selectStatuses to the domain type; a boost's original is not in the row (`reblog`
 * then comes from StatusReader.load).
 */
export function toStatus(row: StatusRow, reblog: Status | null = null): Status {
  const author = toPublicAccount({ ...row, id: row.account_id, created_at: row.account_created_at });
  return compose(
    toCard(row),
    author,
    {
      favourited: row.favourited === true,
      bookmarked: row.bookmarked === true,
      reblogged: row.reblogged === true,
      pinned: row.pinned === true,
      ownVotes: row.own_votes,
    },
    reblog,
  );
}

/**
 * Loads statuses by id as one viewer sees them, in the order given, through the cache when there is
 * one, leaving out those the viewer may not see there (`place`: timelines and threads hide muted
 * accounts).
 */
export interface StatusReader {
  load(refs: Array<StatusRef | string>, viewerId?: string, place?: ReadPlace): Promise<Status[]>;
  /** Active accounts by id, as anyone may see them (through the cache when there is one). */
  accounts(ids: string[]): Promise<Map<string, PublicAccount>>;
}

// Statuses composed from cached parts are composed once: the same card and author give the same
// Status object (one per combination of the viewer's flags) until either part leaves the cache. The
// web edge keys its serialized forms by these objects, so they are made again exactly when what they
// show changes.
const composed = new WeakMap<StatusCard, { author: Account; shown: Array<Status | undefined> }>();
const shownAccounts = new WeakMap<Account, PublicAccount>();

function composeCached(card: StatusCard, author: Account, flags: ViewerFlags, reblog: Status | null): Status {
  // A status with a poll is made for each read: it carries the viewer's votes, and whether the poll
  // has ended is judged when it is shown.
  if (card.poll) return compose(card, publicPart(author), flags, reblog);
  let entry = composed.get(card);
  if (!entry || entry.author !== author) {
    entry = { author, shown: [] };
    composed.set(card, entry);
  }
  const slot =
    (flags.favourited ? 1 : 0) +
    (flags.bookmarked ? 2 : 0) +
    (flags.reblogged ? 4 : 0) +
    (flags.pinned ? 8 : 0);
  let status = entry.shown[slot];
  // A boost is made again whenever its original (as this viewer sees it) is another object.
  if (!status || (status.reblog ?? null) !== reblog) {
    let shown = shownAccounts.get(author);
    if (!shown) shownAccounts.set(author, (shown = publicPart(author)));
    entry.shown[slot] = status = compose(card, shown, flags, reblog);
  }
  return status;
}

// What the cache lacks is loaded by these on every miss, from every read path: compiled once. One id
// (a status just written, a status page) has a statement of its own: PostgreSQL plans `= ANY ($1)`
// for an array of unknown length, so for one id it found its own plan cheaper every time and planned
// the large card select afresh on each call (0.29 ms, more than running it); `= $1` gets a generic
// plan after five calls and is never planned again on that connection.
const cardsById = compiledOnce((db) =>
  selectCards(db).where(sql<boolean>`statuses.id = ANY (${standIn('ids')}::bigint[])`),
);
const cardById = compiledOnce((db) =>
  selectCards(db).where(sql<boolean>`statuses.id = ${standIn('id')}::bigint`),
);
const accountsById = compiledOnce((db) =>
  accountsWithStats(db)
    .select(accountColumns)
    .where(sql<boolean>`accounts.id = ANY (${standIn('ids')}::bigint[])`),
);
const accountById = compiledOnce((db) =>
  accountsWithStats(db)
    .select(accountColumns)
    .where(sql<boolean>`accounts.id = ${standIn('id')}::bigint`),
);

/** The status reader over one connection (or transaction) and a read cache (or none). */
export function statusReader(db: Db, cache: ReadCache = noCache): StatusReader {
  const cardsOf = async (ids: string[]) => {
    const rows = ids.length === 1 ? await cardById(db, { id: ids[0] }) : await cardsById(db, { ids });
    return new Map(rows.map((r) => [`s:${r.id}`, toCard(r)]));
  };
  const accountsOf = async (keys: string[]) => {
    const rows =
      keys.length === 1
        ? await accountById(db, { id: keys[0]!.slice(2) })
        : await accountsById(db, { ids: keys.map((k) => k.slice(2)) });
    return new Map(rows.map((r) => [`a:${r.id}`, toAccount(r)]));
  };
  const reader: StatusReader = {
    async accounts(ids) {
      const found = await cache.getMany<Account>(
        ids.map((id) => `a:${id}`),
        accountsOf,
      );
      const shown = new Map<string, PublicAccount>();
      for (const a of found.values()) {
        if (a.suspendedAt) continue;
        let p = shownAccounts.get(a);
        if (!p) shownAccounts.set(a, (p = publicPart(a)));
        shown.set(a.id, p);
      }
      return shown;
    },
    async load(input, viewerId, place = {}) {
      const refs = input.map((r) => (typeof r === 'string' ? { id: r } : r));
      if (refs.length === 0) return [];
      const ids = refs.map((r) => r.id);
      if (cache === noCache) {
        const rows = await selectStatuses(db, viewerId).where('statuses.id', 'in', ids).execute();
        const originals = await originalsOf(
          rows.map((r) => r.reblog_of_id),
          viewerId,
          place,
        );
        const byId = new Map(
          rows.flatMap((r) => {
            const reblog = r.reblog_of_id ? originals.get(r.reblog_of_id) : null;
            return reblog === undefined ? [] : [[r.id, toStatus(r, reblog)] as const];
          }),
        );
        const found = ids.flatMap((id) => byId.get(id) ?? []);
        const shown = await visibleTo(db, cache, viewerId, place, found.map(factsOfStatus));
        return found.filter((_, i) => shown[i]);
      }
      // Each key made once (a key made again is a new string to flatten and hash).
      const cardKeys = ids.map((id) => `s:${id}`);
      const cards = await cache.getMany(cardKeys, (missing) => cardsOf(missing.map((k) => k.slice(2))));
      const authorKeys = new Map([...cards.values()].map((c) => [c.accountId, `a:${c.accountId}`]));
      const authors = await cache.getMany<Account>([...authorKeys.values()], accountsOf);
      const present = refs.flatMap((ref, i) => {
        const card = cards.get(cardKeys[i]!);
        const author = card && authors.get(authorKeys.get(card.accountId)!);
        return card && author && !author.suspendedAt ? [{ ref, card, author }] : [];
      });
      const [shown, marks, ownVotes, originals] = await Promise.all([
        visibleTo(
          db,
          cache,
          viewerId,
          place,
          present.map((p) => factsOfCard(p.card)),
        ),
        // Only the viewer's own statuses can be pinned by it: no look-up for anyone else's.
        viewerMarksAmong(
          db,
          refs,
          present.filter((p) => p.card.accountId === viewerId).map((p) => p.ref),
          viewerId,
          cache,
        ),
        viewerVotesAmong(
          db,
          present.flatMap((p) => (p.card.poll ? [p.card.id] : [])),
          viewerId,
          cache,
        ),
        originalsOf(
          present.map((p) => p.card.reblogOfId),
          viewerId,
          place,
        ),
      ]);
      return present.flatMap((p, i) => {
        const reblog = p.card.reblogOfId ? originals.get(p.card.reblogOfId) : null;
        return shown[i] && reblog !== undefined
          ? [
              composeCached(
                p.card,
                p.author,
                {
                  favourited: marks(p.ref, 'favourited'),
                  bookmarked: marks(p.ref, 'bookmarked'),
                  reblogged: marks(p.ref, 'reblogged'),
                  pinned: p.card.accountId === viewerId && marks(p.ref, 'pinned'),
                  ownVotes: ownVotes.get(p.card.id) ?? null,
                },
                reblog,
              ),
            ]
          : [];
      });
    },
  };
  return reader;

  // The originals of boosts, as the same viewer may see them at the same place (a boost of a status
  // of a muted or blocked account goes with it); those not shown are absent from the map.
  async function originalsOf(ids: Array<string | null>, viewerId: string | undefined, place: ReadPlace) {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (wanted.length === 0) return new Map<string, Status>();
    return new Map((await reader.load(wanted, viewerId, place)).map((s) => [s.id, s]));
  }
}

interface Facts {
  authorId: string;
  visibility: Visibility;
  mentionedIds: string[];
}

const factsOfCard = (c: StatusCard): Facts => ({
  authorId: c.accountId,
  visibility: c.visibility,
  mentionedIds: c.mentions.map((m) => m.accountId),
});
const factsOfStatus = (s: Status): Facts => ({
  authorId: s.account.id,
  visibility: s.visibility,
  mentionedIds: s.mentions.map((m) => m.accountId),
});

/**
 * The visibility rule for each status, for one viewer at one place. Only what the statuses need is
 * looked up: the viewer's relations when another's status is among them, whether the viewer follows
 * an author only for another's private status that does not mention the viewer.
 */
async function visibleTo(
  db: Db,
  cache: ReadCache,
  viewerId: string | undefined,
  place: ReadPlace,
  statuses: Facts[],
): Promise<boolean[]> {
  if (!viewerId) return statuses.map((s) => mayShowStatus(s, null, place));
  const others = statuses.filter((s) => s.authorId !== viewerId);
  if (others.length === 0) return statuses.map(() => true);
  const privateAuthors = [
    ...new Set(
      others
        .filter((s) => s.visibility === 'private' && !s.mentionedIds.includes(viewerId))
        .map((s) => s.authorId),
    ),
  ];
  const [relations, followed] = await Promise.all([
    viewerRelations(db, cache, viewerId),
    followedAmong(db, cache, viewerId, privateAuthors),
  ]);
  const now = new Date();
  return statuses.map((s) =>
    mayShowStatus(
      s,
      { id: viewerId, relations: relations ?? NO_RELATIONS, followsAuthor: () => followed.has(s.authorId) },
      place,
      now,
    ),
  );
}

// The viewer's favourites (f:), bookmarks (m:), boosts (r:) and pins (i:) among the statuses: known
// from the query that found them, or looked up through the cache under the viewer's own key
// (f:<viewer>|<status>, m:…, r:…, i:…, dropped whenever the viewer favourites, bookmarks, boosts or
// pins anything), so one viewer's flags only ever answer that viewer. Boosts are the viewer's status
// rows whose reblog_of_id is the status. What the cache lacks is read in one statement for all four
// (a round trip costs more than these index look-ups).
const VIEWER_MARKS = {
  favourited: { table: 'favourites', column: 'status_id', prefix: 'f' },
  bookmarked: { table: 'bookmarks', column: 'status_id', prefix: 'm' },
  reblogged: { table: 'statuses', column: 'reblog_of_id', prefix: 'r' },
  pinned: { table: 'status_pins', column: 'status_id', prefix: 'i' },
} as const;
type Mark = keyof typeof VIEWER_MARKS;
const MARKS = Object.keys(VIEWER_MARKS) as Mark[];

async function viewerMarksAmong(
  db: Db,
  refs: StatusRef[],
  pinnable: StatusRef[],
  viewerId: string | undefined,
  cache: ReadCache,
): Promise<(ref: StatusRef, mark: Mark) => boolean> {
  if (!viewerId) return () => false;
  const key = (mark: Mark, statusId: string) => `${VIEWER_MARKS[mark].prefix}:${viewerId}|${statusId}`;
  const asked = MARKS.flatMap((mark) =>
    (mark === 'pinned' ? pinnable : refs)
      .filter((r) => r[mark] === undefined)
      .map((r) => ({ mark, id: r.id, key: key(mark, r.id) })),
  );
  const keys = asked.map((a) => a.key);
  const found =
    keys.length === 0
      ? new Map<string, true>()
      : await cache.getMany(keys, async (missing) => {
          // One look-up in the (account, status) index per status asked about. `account_id = $1 AND
          // status_id = ANY ($2)` was planned once for any viewer and any number of statuses, as a scan
          // of all the viewer's favourites (the account's index that includes status_id): 665 rows read
          // for one status of a viewer who had favourited 665, and more with every favourite.
          // The ids behind anyLength: the same plan for any number, so it is made once per connection.
          const parts = MARKS.flatMap((mark) => {
            const { table, column, prefix } = VIEWER_MARKS[mark];
            const ids = missing
              .filter((k) => k.startsWith(`${prefix}:`))
              .map((k) => k.slice(k.indexOf('|') + 1));
            if (ids.length === 0) return [];
            return [
              sql<{
                mark: string;
                status_id: string;
              }>`SELECT ${sql.lit(prefix)} AS mark, q.id AS status_id
                FROM unnest(${anyLength(ids)}) AS q(id), LATERAL (
                  SELECT 1 FROM ${sql.table(table)}
                  WHERE account_id = ${viewerId}::bigint AND ${sql.ref(column)} = q.id LIMIT 1) AS found`,
            ];
          });
          const { rows } = await sql<{
            mark: string;
            status_id: string;
          }>`${sql.join(parts, sql` UNION ALL `)}`.execute(db);
          return new Map(rows.map((r) => [`${r.mark}:${viewerId}|${r.status_id}`, true as const]));
        });
  // By mark and status id, from the keys already made (not a key made again for each question).
  const marked: Record<Mark, Set<string>> = {
    favourited: new Set(),
    bookmarked: new Set(),
    reblogged: new Set(),
    pinned: new Set(),
  };
  for (const a of asked) if (found.has(a.key)) marked[a.mark].add(a.id);
  return (ref, mark) => ref[mark] ?? marked[mark].has(ref.id);
}

// The viewer's choices in the polls among the statuses, through the cache under the viewer's own key
// (v:<viewer>|<status>, dropped whenever the viewer's votes change), never from a card.
async function viewerVotesAmong(
  db: Db,
  pollIds: string[],
  viewerId: string | undefined,
  cache: ReadCache,
): Promise<Map<string, number[]>> {
  if (!viewerId || pollIds.length === 0) return new Map();
  const key = (statusId: string) => `v:${viewerId}|${statusId}`;
  const found = await cache.getMany(pollIds.map(key), async (missing) => {
    const rows = await db
      .selectFrom('poll_votes')
      .select(['poll_id', 'choices'])
      .where('account_id', '=', viewerId)
      .where(
        'poll_id',
        'in',
        missing.map((k) => k.slice(k.indexOf('|') + 1)),
      )
      .execute();
    return new Map(rows.map((r) => [key(r.poll_id), r.choices]));
  });
  return new Map(pollIds.flatMap((id) => (found.has(key(id)) ? [[id, found.get(key(id))!]] : [])));
}

function publicPart(a: Account): PublicAccount {
  const { email: _e, emailConfirmedAt: _c, mentionEmails: _m, suspendedAt: _s, ...shown } = a;
  return shown;
}

/** The SQL expression "the viewer favourited statuses.id", for id queries that return StatusRefs. */
export function favouritedBy(viewerId: string | undefined) {
  return viewerId
    ? sql<boolean>`exists (select 1 from favourites vf where vf.status_id = statuses.id and vf.account_id = ${viewerId})`
    : sql<boolean>`false`;
}
