// What a mention e-mail is decided on, in one query: the status row as every read shows it (author
// not suspended), the recipient, whether it read its mention notification, and how it relates to
// the author (blocks either way, a mute in force, a follow), so the visibility rule runs on it as
// the status reader would run it. One round trip per e-mail where there were three (the status, the
// recipient's relations, the recipient): see docs/performance.md, "Mail worker".
import { sql, type CompiledQuery } from 'kysely';
import type { MentionEmailFacts, MuteTerms, ViewerRelations } from '@microposts/core';
import { NO_RELATIONS } from '@microposts/core';
import type { Db } from '../connection.ts';
import { runPrepared } from '../prepared.ts';
import { selectStatuses, toStatus } from './status-select.ts';

const STATUS = '\u0000status';
const RECIPIENT = '\u0000recipient';

function factsQuery(db: Db, statusId: string, accountId: string) {
  return selectStatuses(db)
    .where('statuses.id', '=', statusId)
    .leftJoin('accounts as r', (join) => join.on('r.id', '=', accountId))
    .leftJoin('mutes as rm', (join) =>
      join
        .onRef('rm.account_id', '=', 'r.id')
        .onRef('rm.target_account_id', '=', 'statuses.account_id')
        .on(sql<boolean>`(rm.expires_at IS NULL OR rm.expires_at > now())`),
    )
    .select([
      'r.id as recipient_id',
      'r.email as recipient_email',
      'r.email_confirmed_at as recipient_email_confirmed_at',
      'r.mention_emails as recipient_mention_emails',
      'r.suspended_at as recipient_suspended_at',
      sql<boolean>`EXISTS (
        SELECT 1 FROM notifications n
        WHERE n.account_id = r.id AND n.status_id = statuses.id AND n.type = 'mention' AND n.read_at IS NOT NULL
      )`.as('mention_read'),
      sql<boolean>`EXISTS (
        SELECT 1 FROM blocks b WHERE b.account_id = r.id AND b.target_account_id = statuses.account_id
      )`.as('recipient_blocks_author'),
      sql<boolean>`EXISTS (
        SELECT 1 FROM blocks b WHERE b.account_id = statuses.account_id AND b.target_account_id = r.id
      )`.as('author_blocks_recipient'),
      sql<boolean>`EXISTS (
        SELECT 1 FROM follows f WHERE f.account_id = r.id AND f.target_account_id = statuses.account_id
      )`.as('recipient_follows_author'),
      'rm.notifications as mute_notifications',
      'rm.expires_at as mute_expires_at',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof factsQuery>['executeTakeFirstOrThrow']>>;

// The query's text is the same for every e-mail: built and compiled once (with stand-ins for the
// two ids), then run as a prepared statement with each e-mail's ids in their places.
let compiled: CompiledQuery<Row> | null = null;

export async function mentionEmailFacts(
  db: Db,
  statusId: string,
  accountId: string,
): Promise<MentionEmailFacts | null> {
  compiled ??= factsQuery(db, STATUS, RECIPIENT).compile();
  const query: CompiledQuery<Row> = {
    ...compiled,
    parameters: compiled.parameters.map((p) => (p === STATUS ? statusId : p === RECIPIENT ? accountId : p)),
  };
  const [row] = await runPrepared(db, 'microposts:mention-email-facts', query);
  if (!row) return null;
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
