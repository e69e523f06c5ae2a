// Domain objects to entities (docs/api-compatibility.md "Entities"): every documented key, null for absent
// values, [] for empty lists, string ids, RFC 3339 times with milliseconds.
import {
  extractHashtags,
  normalizeTag,
  profileUrl,
  statusUrl,
  tagUrl,
  type Account,
  type Notification,
  type PublicAccount,
  type Relationship,
  type Status,
} from '@microposts/core';

/** What serializers need: where links point, and who is looking. */
export interface EntityContext {
  baseUrl: string;
  /** The authenticated user, or null (then the viewer flags of statuses are left out). */
  viewerId: string | null;
}

function accountEntity(ctx: EntityContext, a: PublicAccount) {
  const url = profileUrl(ctx.baseUrl, a);
  return {
    id: a.id,
    username: a.username,
    acct: a.username,
    url,
    uri: url,
    display_name: a.displayName,
    note: a.bioHtml,
    avatar: `${ctx.baseUrl}/assets/avatar.png`,
    avatar_static: `${ctx.baseUrl}/assets/avatar.png`,
    header: `${ctx.baseUrl}/assets/header.png`,
    header_static: `${ctx.baseUrl}/assets/header.png`,
    locked: false,
    fields: [],
    emojis: [],
    bot: false,
    group: false,
    discoverable: true,
    indexable: true,
    hide_collections: false,
    noindex: false,
    roles: [],
    created_at: a.createdAt.toISOString(),
    // a date, not a time, as Mastodon gives it
    last_status_at: a.lastStatusAt?.toISOString().slice(0, 10) ?? null,
    statuses_count: a.statusesCount,
    followers_count: a.followersCount,
    following_count: a.followingCount,
  };
}

export type AccountEntity = ReturnType<typeof accountEntity>;

/** Account entities (their counters come with them). */
export async function accounts(ctx: EntityContext, list: PublicAccount[]): Promise<AccountEntity[]> {
  return list.map((a) => accountEntity(ctx, a));
}

/** One Account entity. */
export async function account(ctx: EntityContext, a: PublicAccount): Promise<AccountEntity> {
  return (await accounts(ctx, [a]))[0]!;
}

/** The CredentialAccount entity: the viewer's own account with its editable source. */
export async function credentialAccount(ctx: EntityContext, a: Account) {
  return {
    ...(await account(ctx, a)),
    source: {
      note: a.bio,
      fields: [],
      privacy: 'public',
      sensitive: false,
      language: null,
      follow_requests_count: 0,
    },
  };
}

/** A Tag entity. */
export function tag(ctx: EntityContext, name: string) {
  const normalized = normalizeTag(name);
  return { name: normalized, url: tagUrl(ctx.baseUrl, normalized) };
}

/** Status entities, with their authors' counters read in one batch. `withText` adds the source text. */
export async function statuses(ctx: EntityContext, list: Status[], options: { withText?: boolean } = {}) {
  const authors = await accounts(
    ctx,
    list.map((s) => s.account),
  );
  return list.map((s, i) => {
    const url = statusUrl(ctx.baseUrl, s);
    return {
      id: s.id,
      uri: url,
      url,
      created_at: s.createdAt.toISOString(),
      edited_at: s.editedAt?.toISOString() ?? null,
      account: authors[i]!,
      content: s.html,
      text: options.withText ? s.text : null,
      visibility: s.visibility,
      sensitive: false,
      spoiler_text: '',
      media_attachments: [],
      mentions: s.mentions.map((m) => ({
        id: m.accountId,
        username: m.username,
        acct: m.username,
        url: profileUrl(ctx.baseUrl, m),
      })),
      tags: extractHashtags(s.text).map((t) => tag(ctx, t)),
      emojis: [],
      reblogs_count: 0,
      favourites_count: s.favouritesCount,
      replies_count: s.repliesCount,
      in_reply_to_id: s.inReplyToId,
      in_reply_to_account_id: s.inReplyToAccountId,
      reblog: null,
      poll: null,
      card: null,
      language: null,
      ...(ctx.viewerId
        ? {
            favourited: s.favourited,
            reblogged: false,
            muted: false,
            bookmarked: false,
            pinned: false,
            filtered: [],
          }
        : {}),
    };
  });
}

/** One Status entity. */
export async function status(ctx: EntityContext, s: Status, options: { withText?: boolean } = {}) {
  return (await statuses(ctx, [s], options))[0]!;
}

/** Relationship entities: what we support (follows) and false for what we do not have. */
export function relationship(r: Relationship) {
  return {
    id: r.id,
    following: r.following,
    showing_reblogs: r.following,
    notifying: false,
    languages: null,
    followed_by: r.followedBy,
    blocking: false,
    blocked_by: false,
    muting: false,
    muting_notifications: false,
    requested: false,
    requested_by: false,
    domain_blocking: false,
    endorsed: false,
    note: '',
  };
}

/** Notification entities, with accounts and statuses serialized in batches. */
export async function notifications(ctx: EntityContext, list: Notification[]) {
  const [from, about] = await Promise.all([
    accounts(
      ctx,
      list.map((n) => n.account),
    ),
    statuses(
      ctx,
      list.flatMap((n) => (n.status ? [n.status] : [])),
    ),
  ]);
  const byId = new Map(about.map((s) => [s.id, s]));
  return list.map((n, i) => ({
    id: n.id,
    type: n.type,
    group_key: `ungrouped-${n.id}`,
    created_at: n.createdAt.toISOString(),
    account: from[i]!,
    status: n.status ? (byId.get(n.status.id) ?? null) : null,
  }));
}
