// Domain objects to entities (docs/api-compatibility.md "Entities"): every documented key, null for absent
// values, [] for empty lists, string ids, RFC 3339 times with milliseconds.
import {
  extractHashtags,
  normalizeTag,
  profileUrl,
  statusUrl,
  tagUrl,
  type Account,
  type MediaAttachment,
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
  /** The absolute URL media files are public under (a storage key follows, after a slash). */
  mediaUrl: string;
}

const size = (s: { width: number; height: number }) => ({
  width: s.width,
  height: s.height,
  size: `${s.width}x${s.height}`,
  aspect: s.width / s.height,
});

/** A MediaAttachment entity: `url` and `preview_url` are null until the worker has processed it. */
export function mediaAttachment(ctx: EntityContext, m: MediaAttachment) {
  const ready = m.state === 'ready';
  const file = (key: string | null) => (ready && key ? `${ctx.mediaUrl}/${key}` : null);
  return {
    id: m.id,
    type: 'image' as const,
    url: file(m.fileKey),
    preview_url: file(m.previewKey ?? m.fileKey),
    remote_url: null,
    preview_remote_url: null,
    text_url: null,
    meta: {
      ...(m.original ? { original: size(m.original) } : {}),
      ...(m.small ? { small: size(m.small) } : {}),
      focus: m.focus,
    },
    description: m.description,
    blurhash: m.blurhash,
  };
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
    avatar: a.avatarKey ? `${ctx.mediaUrl}/${a.avatarKey}` : `${ctx.baseUrl}/assets/avatar.png`,
    avatar_static: a.avatarKey ? `${ctx.mediaUrl}/${a.avatarKey}` : `${ctx.baseUrl}/assets/avatar.png`,
    header: a.headerKey ? `${ctx.mediaUrl}/${a.headerKey}` : `${ctx.baseUrl}/assets/header.png`,
    header_static: a.headerKey ? `${ctx.mediaUrl}/${a.headerKey}` : `${ctx.baseUrl}/assets/header.png`,
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

// A status's entity but for the viewer's flags: the same for everyone who sees it.
function statusEntity(ctx: EntityContext, s: Status, withText: boolean) {
  const url = statusUrl(ctx.baseUrl, s);
  return {
    id: s.id,
    uri: url,
    url,
    created_at: s.createdAt.toISOString(),
    edited_at: s.editedAt?.toISOString() ?? null,
    account: accountEntity(ctx, s.account),
    content: s.html,
    text: withText ? s.text : null,
    visibility: s.visibility,
    sensitive: s.sensitive ?? false,
    spoiler_text: '',
    media_attachments: (s.media ?? []).map((m) => mediaAttachment(ctx, m)),
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
  };
}

// The viewer's flags, present only for an authenticated viewer (docs/api-compatibility.md "Entities").
function viewerFlags(s: Status) {
  return {
    favourited: s.favourited,
    reblogged: false,
    muted: false,
    bookmarked: false,
    pinned: false,
    filtered: [],
  };
}

/** Status entities. `withText` adds the source text (the answer to a delete). */
export async function statuses(ctx: EntityContext, list: Status[], options: { withText?: boolean } = {}) {
  return list.map((s) => ({
    ...statusEntity(ctx, s, options.withText === true),
    ...(ctx.viewerId ? viewerFlags(s) : {}),
  }));
}

// The JSON text of each status's entity but for its closing brace and the viewer's flags, made once
// per Status object. The data package hands out the same object for the same cached status until
// what it shows changes (then a new object, so a new text), and a fresh object for every read it
// does not cache — so a text here is never older than the status it was made from.
const statusTexts = new WeakMap<Status, string>();

/** One Status entity as JSON text, for answers sent as text (the hot lists). */
export function statusJson(ctx: EntityContext, s: Status): string {
  let body = statusTexts.get(s);
  if (body === undefined) {
    body = JSON.stringify(statusEntity(ctx, s, false)).slice(0, -1);
    statusTexts.set(s, body);
  }
  return ctx.viewerId ? `${body},${JSON.stringify(viewerFlags(s)).slice(1)}` : `${body}}`;
}

/** Status entities as one JSON array text. */
export function statusesJson(ctx: EntityContext, list: Status[]): string {
  return `[${list.map((s) => statusJson(ctx, s)).join(',')}]`;
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

/** Notification entities as one JSON array text; their statuses through statusJson. */
export function notificationsJson(ctx: EntityContext, list: Notification[]): string {
  const items = list.map((n) => {
    const head = JSON.stringify({
      id: n.id,
      type: n.type,
      group_key: `ungrouped-${n.id}`,
      created_at: n.createdAt.toISOString(),
      account: accountEntity(ctx, n.account),
    }).slice(0, -1);
    return `${head},"status":${n.status ? statusJson(ctx, n.status) : 'null'}}`;
  });
  return `[${items.join(',')}]`;
}
