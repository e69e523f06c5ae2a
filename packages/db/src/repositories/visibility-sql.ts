// The visibility rules of packages/core/src/rules/visibility-rules.ts written in SQL, for the
// queries that find a page of ids: a page found with these conditions is whole (the status reader,
// which applies the same rules again to what it hydrates, then drops nothing). Each function is one
// clause of the rule; the table-driven tests (apps/web/test/visibility-table.test.ts) check the SQL
// and the in-process rule agree on every read path.
import { sql, type RawBuilder } from 'kysely';

type Bool = RawBuilder<boolean>;

/**
 * visibleByAudience: the status (columns under `alias`) is the viewer's own, public or unlisted,
 * private and the viewer follows its author, or it mentions the viewer. Nobody logged in: public
 * and unlisted only.
 */
export function audienceIncludes(viewerId: string | undefined, alias = 'statuses'): Bool {
  const s = (column: string) => sql.ref(`${alias}.${column}`);
  if (!viewerId) return sql<boolean>`${s('visibility')} IN ('public', 'unlisted')`;
  return sql<boolean>`(${s('visibility')} IN ('public', 'unlisted')
    OR ${s('account_id')} = ${viewerId}::bigint
    OR (${s('visibility')} = 'private' AND EXISTS (
      SELECT 1 FROM follows vf WHERE vf.account_id = ${viewerId}::bigint AND vf.target_account_id = ${s('account_id')}))
    OR EXISTS (SELECT 1 FROM mentions vm WHERE vm.status_id = ${s('id')} AND vm.account_id = ${viewerId}::bigint))`;
}

/** isBlockedBetween, negated: no block between the viewer and the account in `accountColumn`, either way. */
export function notBlocked(viewerId: string | undefined, accountColumn: string): Bool {
  if (!viewerId) return sql<boolean>`true`;
  const other = sql.ref(accountColumn);
  return sql<boolean>`(NOT EXISTS (
      SELECT 1 FROM blocks vb WHERE vb.account_id = ${viewerId}::bigint AND vb.target_account_id = ${other})
    AND NOT EXISTS (
      SELECT 1 FROM blocks vb WHERE vb.account_id = ${other} AND vb.target_account_id = ${viewerId}::bigint))`;
}

/** activeMute, negated: the viewer has no mute in force of the account in `accountColumn`. */
export function notMuted(
  viewerId: string | undefined,
  accountColumn: string,
  onlyNotifications = false,
): Bool {
  if (!viewerId) return sql<boolean>`true`;
  return sql<boolean>`NOT EXISTS (
    SELECT 1 FROM mutes vm WHERE vm.account_id = ${viewerId}::bigint AND vm.target_account_id = ${sql.ref(accountColumn)}
      AND (vm.expires_at IS NULL OR vm.expires_at > now())${onlyNotifications ? sql` AND vm.notifications` : sql``})`;
}

/** mayShowStatus in SQL: its audience, no block either way and, where asked, no mute of the author. */
export function mayShow(
  viewerId: string | undefined,
  place: { hideMuted?: boolean },
  alias = 'statuses',
): Bool {
  if (!viewerId) return audienceIncludes(undefined, alias);
  const author = `${alias}.account_id`;
  return sql<boolean>`(${sql.ref(author)} = ${viewerId}::bigint OR (${audienceIncludes(viewerId, alias)}
    AND ${notBlocked(viewerId, author)}${place.hideMuted ? sql` AND ${notMuted(viewerId, author)}` : sql``}))`;
}

/**
 * hidesNotificationsFrom, negated, for rows that carry both accounts (a recipient and an actor
 * column): no block either way, no mute in force with notifications.
 */
export function notificationAllowed(recipientColumn: string, actorColumn: string): Bool {
  const to = sql.ref(recipientColumn);
  const from = sql.ref(actorColumn);
  return sql<boolean>`(NOT EXISTS (
      SELECT 1 FROM blocks nb WHERE nb.account_id = ${to} AND nb.target_account_id = ${from})
    AND NOT EXISTS (
      SELECT 1 FROM blocks nb WHERE nb.account_id = ${from} AND nb.target_account_id = ${to})
    AND NOT EXISTS (
      SELECT 1 FROM mutes nm WHERE nm.account_id = ${to} AND nm.target_account_id = ${from} AND nm.notifications
        AND (nm.expires_at IS NULL OR nm.expires_at > now())))`;
}

/**
 * A boost (a status under `alias` with reblog_of_id) shows only where its original does: an author
 * not suspended, and mayShow for the viewer and the place. Statuses that are not boosts pass.
 */
export function reblogShown(
  viewerId: string | undefined,
  place: { hideMuted?: boolean },
  alias = 'statuses',
): Bool {
  return sql<boolean>`(${sql.ref(`${alias}.reblog_of_id`)} IS NULL OR EXISTS (
    SELECT 1 FROM statuses ro JOIN accounts roa ON roa.id = ro.account_id AND roa.suspended_at IS NULL
    WHERE ro.id = ${sql.ref(`${alias}.reblog_of_id`)} AND ${mayShow(viewerId, place, 'ro')}))`;
}
