import { sql } from 'kysely';
import type { Conversation, ConversationRepository, Entry, PageRequest } from '@microposts/core';
import type { Db } from '../connection.ts';
import { fetchPage } from './pagination.ts';
import type { StatusReader } from './status-select.ts';
import { mayShow } from './visibility-sql.ts';

/**
 * Direct conversations (account_conversations, Mastodon's AccountConversation): each participant's
 * row per thread, found by the thread's first status and the other participants. A deleted direct
 * status leaves them by a trigger (migration 0010), whatever deleted it.
 */
export function conversationRepository(db: Db, reader: StatusReader): ConversationRepository {
  // The account's conversations whose newest status it may see, paged by that status's id.
  const rows = (accountId: string) =>
    db
      .selectFrom('account_conversations')
      .innerJoin('statuses', 'statuses.id', 'account_conversations.last_status_id')
      .innerJoin('accounts', 'accounts.id', 'statuses.account_id')
      .where('account_conversations.account_id', '=', accountId)
      .where('accounts.suspended_at', 'is', null)
      .where(mayShow(accountId, {}))
      .select([
        'account_conversations.id',
        'account_conversations.participant_account_ids',
        'account_conversations.last_status_id',
        'account_conversations.unread',
      ]);
  type Row = Awaited<ReturnType<ReturnType<typeof rows>['executeTakeFirstOrThrow']>>;

  // The participants (the viewer alone when nobody else is left, as Mastodon shows it) and the newest
  // status, as the viewer sees them.
  const hydrate = async (accountId: string, list: Row[]): Promise<Entry<Conversation>[]> => {
    const accountIds = [...new Set([accountId, ...list.flatMap((r) => r.participant_account_ids)])];
    const [accounts, statuses] = await Promise.all([
      reader.accounts(accountIds),
      reader.load(
        list.map((r) => r.last_status_id),
        accountId,
      ),
    ]);
    const byId = new Map(statuses.map((s) => [s.id, s]));
    return list.map((r) => {
      const others = r.participant_account_ids.flatMap((id) => accounts.get(id) ?? []);
      const me = accounts.get(accountId);
      return {
        id: r.last_status_id,
        item: {
          id: r.id,
          unread: r.unread,
          accounts: others.length === 0 && me ? [me] : others,
          lastStatus: byId.get(r.last_status_id) ?? null,
        },
      };
    });
  };

  return {
    async addStatus(input) {
      // The thread's first status names the conversation: a reply joins the conversation of what it
      // answers, a new direct status starts one.
      await sql`
        WITH RECURSIVE up(id, parent, depth) AS (
          SELECT id, in_reply_to_id, 0 FROM statuses WHERE id = ${input.statusId}::bigint
          UNION ALL
          SELECT s.id, s.in_reply_to_id, up.depth + 1 FROM statuses s JOIN up ON s.id = up.parent
          WHERE up.depth < 1000
        ),
        root AS (SELECT id FROM up ORDER BY depth DESC LIMIT 1)
        INSERT INTO account_conversations
          (account_id, conversation_id, participant_account_ids, status_ids, last_status_id, unread)
        SELECT r.id, (SELECT id FROM root),
          ARRAY(SELECT DISTINCT p FROM unnest(${input.participantIds}::bigint[]) p WHERE p <> r.id ORDER BY p),
          ARRAY[${input.statusId}::bigint], ${input.statusId}::bigint, r.id <> ${input.authorId}::bigint
        FROM (SELECT DISTINCT id FROM unnest(${input.recipientIds}::bigint[]) AS x(id)) r
        ON CONFLICT (account_id, conversation_id, participant_account_ids) DO UPDATE SET
          status_ids = account_conversations.status_ids || EXCLUDED.status_ids,
          last_status_id = greatest(account_conversations.last_status_id, EXCLUDED.last_status_id),
          unread = EXCLUDED.unread`.execute(db);
    },
    async list(accountId: string, page: PageRequest) {
      return hydrate(
        accountId,
        await fetchPage(rows(accountId), 'account_conversations.last_status_id', page),
      );
    },
    async find(accountId, id) {
      const row = await rows(accountId).where('account_conversations.id', '=', id).executeTakeFirst();
      return row ? (await hydrate(accountId, [row]))[0]!.item : null;
    },
    async markRead(accountId, id) {
      const r = await db
        .updateTable('account_conversations')
        .set({ unread: false })
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
    async remove(accountId, id) {
      const r = await db
        .deleteFrom('account_conversations')
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
    async removeWith(accountId, otherAccountId) {
      await db
        .deleteFrom('account_conversations')
        .where('account_id', '=', accountId)
        .where(sql<boolean>`${otherAccountId}::bigint = ANY (participant_account_ids)`)
        .execute();
    },
  };
}
