import { DomainError } from '../../errors.ts';
import type { Repositories } from '../../ports/unit-of-work.ts';
import { tagError, tagName } from '../../rules/search-rules.ts';
import type { Entry, PageRequest } from '../../types/common.ts';
import type { TagDay, TagInfo } from '../../types/discovery.ts';
import type { Hashtag } from '../../types/search.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';

/** Days of history a tag shows, as Mastodon's (a week, today included). */
export const TAG_HISTORY_DAYS = 7;

const DAY = 86_400_000;

/** The week of days ending today (UTC), newest first, each with no use. */
function emptyWeek(today: Date): TagDay[] {
  const midnight = Math.floor(today.getTime() / DAY) * DAY;
  return Array.from({ length: TAG_HISTORY_DAYS }, (_, i) => ({
    day: new Date(midnight - i * DAY),
    uses: 0,
    accounts: 0,
  }));
}

/**
 * Tags as the API shows them: their week of use (real counts of statuses and accounts per day)
 * and, with a viewer, whether the viewer follows each.
 */
export async function tagInfos(
  repos: Repositories,
  tags: Array<Hashtag | { id: null; name: string }>,
  viewerId: string | null,
  now = new Date(),
): Promise<TagInfo[]> {
  const ids = tags.flatMap((t) => (t.id ? [t.id] : []));
  const [history, followed] = await Promise.all([
    ids.length ? repos.tags.history(ids, TAG_HISTORY_DAYS, now) : new Map<string, TagDay[]>(),
    viewerId && ids.length ? repos.tagFollows.followed(viewerId, ids) : new Set<string>(),
  ]);
  return tags.map((t) => ({
    id: t.id,
    name: t.name,
    history: (t.id && history.get(t.id)) || emptyWeek(now),
    following: viewerId ? !!t.id && followed.has(t.id) : undefined,
  }));
}

/** A valid tag name's stored form; not_found (with the reason) for a name no hashtag can have. */
function validName(name: string): string {
  const error = tagError(name);
  if (error) throw new DomainError('not_found', error);
  return tagName(name);
}

/**
 * A hashtag (Mastodon's GET /api/v1/tags/:name): any valid name answers, one nobody used yet with
 * no id and an empty week, as on Mastodon.
 */
export async function getTag(deps: ServiceDeps, input: { name: string; viewerId: string | null }) {
  const name = validName(input.name);
  const tag = (await deps.uow.tags.findByName(name)) ?? { id: null, name };
  return (await tagInfos(deps.uow, [tag], input.viewerId))[0]!;
}

/** Follows a hashtag (made if nobody used it yet); following it again changes nothing. */
export async function followTag(deps: ServiceDeps, input: { actorId: string; name: string }) {
  const name = validName(input.name);
  return deps.uow.transaction(async (tx) => {
    await requireActiveActor(tx, input.actorId);
    const tag = await tx.tags.ensure(name);
    await tx.tagFollows.follow(input.actorId, tag.id);
    return (await tagInfos(tx, [tag], input.actorId))[0]!;
  });
}

/** Unfollows a hashtag; unfollowing one not followed changes nothing. */
export async function unfollowTag(deps: ServiceDeps, input: { actorId: string; name: string }) {
  const name = validName(input.name);
  return deps.uow.transaction(async (tx) => {
    await requireActiveActor(tx, input.actorId);
    const tag = (await tx.tags.findByName(name)) ?? { id: null, name };
    if (tag.id) await tx.tagFollows.unfollow(input.actorId, tag.id);
    return (await tagInfos(tx, [tag], input.actorId))[0]!;
  });
}

/** Mastodon's followed_tags: 100 by default, at most 200. */
export const FOLLOWED_TAGS_LIMIT = 100;

/** The actor's followed hashtags, newest follow first, paged by the follow. */
export async function followedTags(
  deps: ServiceDeps,
  input: { actorId: string; page: PageRequest },
): Promise<Entry<TagInfo>[]> {
  const entries = await deps.uow.tagFollows.list(input.actorId, input.page);
  const infos = await tagInfos(
    deps.uow,
    entries.map((e) => e.item),
    input.actorId,
  );
  return entries.map((e, i) => ({ id: e.id, item: infos[i]! }));
}

/** Whether the actor follows any of these hashtags (names as stored; the streaming API's user stream). */
export async function followsAnyTag(deps: ServiceDeps, input: { actorId: string; names: string[] }) {
  const tags = await Promise.all([...new Set(input.names)].map((name) => deps.uow.tags.findByName(name)));
  const ids = tags.flatMap((t) => (t ? [t.id] : []));
  return ids.length > 0 && (await deps.uow.tagFollows.followed(input.actorId, ids)).size > 0;
}
