// Who may see what (docs/product.md §3, "Visibility is enforced on every read path"), as Mastodon's
// StatusPolicy and AccountStatusesFilter decide it, with one difference the product contract asks
// for: a block hides both ways everywhere, also where Mastodon still lets the blocker open the
// blocked account's statuses. docs/visibility.md explains each read path.
//
// The data package applies these rules when it hydrates statuses (every read goes through it), and
// writes the same rules in SQL where a page must be found whole (packages/db/src/repositories/
// visibility-sql.ts); the table-driven visibility tests check that both agree.
import type { Visibility } from './status-rules.ts';

/** A mute as the muter sees it: whether it also hides notifications, and until when (null: for ever). */
export interface MuteTerms {
  notifications: boolean;
  expiresAt: Date | null;
}

/** How the viewer relates to other accounts, where that hides things from the viewer. */
export interface ViewerRelations {
  /** Accounts the viewer blocks. */
  blocking: ReadonlySet<string>;
  /** Accounts that block the viewer. */
  blockedBy: ReadonlySet<string>;
  /** Accounts the viewer mutes; a mute whose time ran out no longer counts (see isMuting). */
  muting: ReadonlyMap<string, MuteTerms>;
}

/** A viewer with no blocks and no mutes (and anyone logged out). */
export const NO_RELATIONS: ViewerRelations = { blocking: new Set(), blockedBy: new Set(), muting: new Map() };

/** True when a block stands between the viewer and the account, whichever way. */
export function isBlockedBetween(relations: ViewerRelations, accountId: string): boolean {
  return relations.blocking.has(accountId) || relations.blockedBy.has(accountId);
}

/** The viewer's mute of the account if it is in force at `now` (a mute with a duration ends by itself). */
export function activeMute(
  relations: ViewerRelations,
  accountId: string,
  now = new Date(),
): MuteTerms | null {
  const mute = relations.muting.get(accountId);
  return mute && (!mute.expiresAt || mute.expiresAt.getTime() > now.getTime()) ? mute : null;
}

/** True when the viewer gets no notifications from the account: a block either way, or a mute that says so. */
export function hidesNotificationsFrom(
  relations: ViewerRelations,
  accountId: string,
  now = new Date(),
): boolean {
  return (
    isBlockedBetween(relations, accountId) || activeMute(relations, accountId, now)?.notifications === true
  );
}

/** What the visibility rule needs of a status. */
export interface VisibilityFacts {
  authorId: string;
  visibility: Visibility;
  mentionedIds: readonly string[];
}

/** What the visibility rule needs of the viewer (null: nobody is logged in). */
export interface ViewerFacts {
  id: string;
  /** The viewer follows the status's author (only asked for `private` statuses of others). */
  followsAuthor: () => boolean;
}

/**
 * May this viewer see this status, by its visibility alone? The author always; `public` and
 * `unlisted` anyone; `private` the author's followers and mentioned accounts; `direct` the
 * mentioned accounts.
 */
export function visibleByAudience(status: VisibilityFacts, viewer: ViewerFacts | null): boolean {
  if (status.visibility === 'public' || status.visibility === 'unlisted') return true;
  if (!viewer) return false;
  if (viewer.id === status.authorId || status.mentionedIds.includes(viewer.id)) return true;
  return status.visibility === 'private' && viewer.followsAuthor();
}

/** Where a status is read: timelines and threads hide muted accounts, a profile or a status page does not. */
export interface ReadPlace {
  /** Leave out the statuses of accounts the viewer mutes (home, public, hashtag, threads, search). */
  hideMuted?: boolean | undefined;
}

/**
 * May this viewer see this status here? Its audience (visibleByAudience), no block between the
 * viewer and its author, and, where the place says so, no mute of its author. The viewer's own
 * statuses always show.
 */
export function mayShowStatus(
  status: VisibilityFacts,
  viewer: (ViewerFacts & { relations: ViewerRelations }) | null,
  place: ReadPlace = {},
  now = new Date(),
): boolean {
  if (viewer && viewer.id === status.authorId) return true;
  if (!visibleByAudience(status, viewer)) return false;
  if (!viewer) return true;
  if (isBlockedBetween(viewer.relations, status.authorId)) return false;
  return !(place.hideMuted && activeMute(viewer.relations, status.authorId, now));
}

/**
 * The visibility a reply form starts with: the narrower of the parent's and the usual default, as
 * Mastodon's compose box does (an answer to a followers-only post stays followers-only unless the
 * person widens it on purpose).
 */
export function replyDefaultVisibility(parent: Visibility, fallback: Visibility = 'public'): Visibility {
  const order: Visibility[] = ['public', 'unlisted', 'private', 'direct'];
  return order.indexOf(parent) > order.indexOf(fallback) ? parent : fallback;
}
