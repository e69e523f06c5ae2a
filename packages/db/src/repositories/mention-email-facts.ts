// What a mention e-mail is decided on, in one query: the status row as every read shows it (author
// not suspended), the recipient, whether it read its mention notification, and how it relates to
// the author (blocks either way, a mute in force, a follow), so the visibility rule runs on it as
// the status reader would run it. One round trip for every e-mail a worker starts at the same moment,
// where there were three per e-mail (docs/performance.md, "Mail worker").
import { sql } from 'kysely';
import type { MentionEmailFacts, MuteTerms, ViewerRelations } from '@microposts/core';
import { NO_RELATIONS } from '@microposts/core';
import { anyLength } from '../any-length.ts';
import type { Db } from '../connection.ts';
import { compiledOnce, standIn } from '../compiled-once.ts';
import { selectStatuses, toStatus } from './status-select.ts';

// Stand-ins for the two id arrays, so the statement is compiled once.
const STATUSES = standIn('statuses');
const RECIPIENTS = standIn('recipients');

function factsQuery(db: Db) {
  const pairs = sql<{ status_id: string; account_id: string; i: string }>`(
    SELECT * FROM unnest(${anyLength(STATUSES)}, ${anyLength(RECIPIENTS)}) WITH ORDINALITY AS u(status_id, account_id, i)
  )`.as('p');
  return selectStatuses(db)
    .innerJoin(pairs, 'p.status_id', 'statuses.id')
    .leftJoin('accounts as r', 'r.id', 'p.account_id')
    .leftJoin('mutes as rm', (join) =>
      join
        .onRef('rm.account_id', '=', 'r.id')
        .onRef('rm.target_account_id', '=', 'statuses.account_id')
        .on(sql<boolean>`(rm.expires_at IS NULL OR rm.expires_at > now())`),
    )
    .select([
      'p.i as pair',
      'r.id as recipient_id',
      'r.email as recipient_email',
      'r.email_confirmed_at as recipient_email_confirmed_at',
      'r.mention_emails as recipient_mention_emails',
      'r.suspended_at as recipient_suspended_at',
      sql<boolean>`EXISTS (
        SELECT 1 FROM notifications n
        WHERE n.account_id = p.account_id AND n.status_id = statuses.id AND n.type = 'mention' AND n.read_at IS NOT NULL
      )`.as('mention_read'),
      sql<boolean>`EXISTS (
        SELECT 1 FROM blocks b WHERE b.account_id = p.account_id AND b.target_account_id = statuses.account_id
      )`.as('recipient_blocks_author'),
      sql<boolean>`EXISTS (
        SELECT 1 FROM blocks b WHERE b.account_id = statuses.account_id AND b.target_account_id = p.account_id
      )`.as('author_blocks_recipient'),
      sql<boolean>`EXISTS (
        SELECT 1 FROM follows f WHERE f.account_id = p.account_id AND f.target_account_id = statuses.account_id
      )`.as('recipient_follows_author'),
      'rm.notifications as mute_notifications',
      'rm.expires_at as mute_expires_at',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof factsQuery>['executeTakeFirstOrThrow']>>;

// The statement's text is the same for every batch: built and compiled once, then run prepared with
// each batch's ids, and planned once per connection (anyLength).
const run = compiledOnce(factsQuery);

/** The facts of each (status, recipient) pair, in order; null where the status is gone. */
export async function mentionEmailFactsOf(
  db: Db,
  pairs: Array<{ statusId: string; accountId: string }>,
): Promise<Array<MentionEmailFacts | null>> {
  const rows = await run(db, {
    statuses: pairs.map((p) => p.statusId),
    recipients: pairs.map((p) => p.accountId),
  });
  const found: Array<MentionEmailFacts | null> = pairs.map(() => null);
  for (const row of rows) found[Number(row.pair) - 1] = toFacts(row);
  return found;
}

function toFacts(row: Row): MentionEmailFacts {
  const author = row.account_id;
  let relations: ViewerRelations = NO_RELATIONS;
  if (row.recipient_blocks_author || row.author_blocks_recipient || row.mute_notifications !== null) {
    const muting = new Map<string, MuteTerms>();
    if (row.mute_notifications !== null)
      muting.set(author, { notifications: row.mute_notifications, expiresAt: row.mute_expires_at });
    relations = {
      blocking: new Set(row.recipient_blocks_author ? [author] : []),
      blockedBy: new Set(row.author_blocks_recipient ? [author] : []),
      muting,
    };
  }
  return {
    status: toStatus(row),
    recipient: row.recipient_id
      ? {
          id: row.recipient_id,
          email: row.recipient_email!,
          emailConfirmedAt: row.recipient_email_confirmed_at,
          mentionEmails: row.recipient_mention_emails!,
          suspendedAt: row.recipient_suspended_at,
        }
      : null,
    read: row.mention_read,
    relations,
    followsAuthor: row.recipient_follows_author,
  };
}

interface Waiting {
  statusId: string;
  accountId: string;
  resolve: (facts: MentionEmailFacts | null) => void;
  reject: (error: unknown) => void;
}

// The asks made on one connection pool (or transaction) during the current turn of the event loop.
const gathering = new WeakMap<Db, Waiting[]>();

/**
 * The facts of one pair. The asks of every job a worker starts in the same turn of the event loop
 * (a fetched batch of jobs, or the jobs that follow those that just finished) go together as one
 * query at the end of that turn (setImmediate): no timer, so a lone e-mail waits for nothing.
 * If the query fails, each ask fails with it (and its job is retried).
 */
export function mentionEmailFacts(
  db: Db,
  statusId: string,
  accountId: string,
): Promise<MentionEmailFacts | null> {
  return new Promise((resolve, reject) => {
    let waiting = gathering.get(db);
    if (!waiting) {
      const batch: Waiting[] = (waiting = []);
      gathering.set(db, batch);
      setImmediate(() => {
        gathering.delete(db);
        mentionEmailFactsOf(db, batch).then(
          (found) => batch.forEach((w, i) => w.resolve(found[i]!)),
          (error: unknown) => batch.forEach((w) => w.reject(error)),
        );
      });
    }
    waiting.push({ statusId, accountId, resolve, reject });
  });
}
