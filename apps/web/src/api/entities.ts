// Domain objects to entities (docs/api-compatibility.md "Entities"): every documented key, null for absent
// values, [] for empty lists, string ids, RFC 3339 times with milliseconds.
import {
  extractHashtags,
  normalizeTag,
  pollExpired,
  profileUrl,
  statusUrl,
  tagUrl,
  type Account,
  type List,
  type MediaAttachment,
  type AccountRole,
  type FamiliarFollowers,
  type Filter,
  type FilterKeyword,
  type FilterResult,
  type FilterStatus,
  type Marker,
  type Conversation,
  type MutedAccount,
  type Notification,
  type PublicAccount,
  type Relationship,
  type Report,
  type Status,
  type StatusHistory,
  type StatusSource,
  type Suggestion,
  type TagInfo,
} from '@microposts/core';

/** What serializers need: where links point, and who is looking. */
export interface EntityContext {
  baseUrl: string;
  /** The authenticated user, or null (then the viewer flags of statuses are left out). */
  viewerId: string | null;
  /** The absolute URL media files are public under (a storage key follows, after a slash). */
  mediaUrl: string;
  /** The viewer's filter results of the read, by status id (the `filtered` field); none when absent. */
  filtered?: ReadonlyMap<string, FilterResult[]> | undefined;
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

// Mastodon's roles as its default ones are (UserRole): the everyone role (id -99, no name, not shown;
// its permission is Mastodon's invite users, 0x10000) and the highlighted Moderator and Admin.
// Permissions are Mastodon's bits for what each may do here: manage reports (0x10) and users (0x400)
// for a moderator, administrator (0x1) for an admin.
const ROLES: Record<AccountRole, { id: string; name: string; permissions: string; highlighted: boolean }> = {
  user: { id: '-99', name: '', permissions: String(0x10000), highlighted: false },
  moderator: { id: '1', name: 'Moderator', permissions: String(0x10 | 0x400), highlighted: true },
  admin: { id: '2', name: 'Admin', permissions: String(0x1), highlighted: true },
};

/** Account `roles`: the highlighted role (Mastodon's AccountRole: id, name, color), or none. */
function visibleRoles(role: AccountRole) {
  const r = ROLES[role];
  return r.highlighted ? [{ id: r.id, name: r.name, color: '' }] : [];
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
    roles: visibleRoles(a.role),
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

/** The CredentialAccount entity: the viewer's own account with its editable source and role. */
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
      hide_collections: false,
      discoverable: true,
      indexable: true,
    },
    // The complete role of the viewer (Mastodon's Role entity).
    role: { ...ROLES[a.role], color: '' },
  };
}

/** The Report entity, as the reporter gets it back (forwarding does not exist on a single site). */
export function report(ctx: EntityContext, r: Report, target: PublicAccount) {
  return {
    id: r.id,
    action_taken: r.resolvedAt !== null,
    action_taken_at: r.resolvedAt?.toISOString() ?? null,
    category: r.category,
    comment: r.comment,
    forwarded: false,
    created_at: r.createdAt.toISOString(),
    status_ids: r.statusIds,
    rule_ids: null,
    target_account: accountEntity(ctx, target),
  };
}

/** A hashtag as statuses list it (Mastodon's Status::Tag): name and link. */
export function tag(ctx: EntityContext, name: string) {
  const normalized = normalizeTag(name);
  return { name: normalized, url: tagUrl(ctx.baseUrl, normalized) };
}

/**
 * The Tag entity: id ("" for a name nobody used yet, as Mastodon's unsaved tag), its week of use
 * (newest day first; Unix times and counts as strings) and, for a logged-in viewer, `following`.
 */
export function tagEntity(ctx: EntityContext, t: TagInfo) {
  return {
    id: t.id ?? '',
    ...tag(ctx, t.name),
    history: t.history.map((d) => ({
      day: String(d.day.getTime() / 1000),
      uses: String(d.uses),
      accounts: String(d.accounts),
    })),
    ...(t.following === undefined ? {} : { following: t.following }),
  };
}

/** Markers by timeline (Mastodon's answer to GET and POST /api/v1/markers). */
export function markers(list: Marker[]) {
  return Object.fromEntries(
    list.map((m) => [
      m.timeline,
      { last_read_id: m.lastReadId, version: m.version, updated_at: m.updatedAt.toISOString() },
    ]),
  );
}

// Mastodon 4.3's sources, and the older `source` it still sends for apps before 4.3.
const LEGACY_SOURCE = { friends_of_friends: 'past_interactions', most_followed: 'global' } as const;

/** Suggestion entities (v2). */
export function suggestions(ctx: EntityContext, list: Suggestion[]) {
  return list.map((s) => ({
    source: LEGACY_SOURCE[s.source],
    sources: [s.source],
    account: accountEntity(ctx, s.account),
  }));
}

/** FamiliarFollowers entities. */
export function familiarFollowers(ctx: EntityContext, list: FamiliarFollowers[]) {
  return list.map((f) => ({ id: f.id, accounts: f.accounts.map((a) => accountEntity(ctx, a)) }));
}

/**
 * The Poll entity as this viewer sees it, made at each read: whether it has ended is judged now, an
 * option's count is null while `hide_totals` hides it (until the end, as Mastodon), and `voted` and
 * `own_votes` are the viewer's (the author counts as having voted, as on Mastodon).
 */
export function pollEntity(ctx: EntityContext, s: Status) {
  const p = s.poll;
  if (!p) return null;
  const expired = pollExpired(p);
  const showTotals = expired || !p.hideTotals;
  return {
    id: p.id,
    expires_at: p.expiresAt.toISOString(),
    expired,
    multiple: p.multiple,
    votes_count: p.votesCount,
    voters_count: p.votersCount,
    options: p.options.map((title, i) => ({
      title,
      votes_count: showTotals ? (p.votesCounts[i] ?? 0) : null,
    })),
    emojis: [],
    ...(ctx.viewerId
      ? { voted: ctx.viewerId === s.account.id || p.ownVotes !== null, own_votes: p.ownVotes ?? [] }
      : {}),
  };
}

// A status's entity but for its poll, `reblog` and the viewer's flags: the same for everyone who sees it.
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
    // As Mastodon: a status with a content warning is sensitive.
    sensitive: (s.sensitive ?? false) || s.spoilerText !== '',
    spoiler_text: s.spoilerText,
    media_attachments: (s.media ?? []).map((m) => mediaAttachment(ctx, m)),
    mentions: s.mentions.map((m) => ({
      id: m.accountId,
      username: m.username,
      acct: m.username,
      url: profileUrl(ctx.baseUrl, m),
    })),
    tags: extractHashtags(s.text).map((t) => tag(ctx, t)),
    emojis: [],
    reblogs_count: s.reblogsCount,
    favourites_count: s.favouritesCount,
    replies_count: s.repliesCount,
    in_reply_to_id: s.inReplyToId,
    in_reply_to_account_id: s.inReplyToAccountId,
    card: null,
    language: s.language,
  };
}

// The viewer's flags, present only for an authenticated viewer (docs/api-compatibility.md "Entities");
// `pinned` only on the viewer's own statuses that can be pinned, as Mastodon; `filtered` from the
// request's own filter results, never from the (shared) status.
function viewerFlags(ctx: EntityContext, s: Status) {
  return {
    favourited: s.favourited,
    reblogged: s.reblogged,
    muted: false,
    bookmarked: s.bookmarked,
    ...(s.account.id === ctx.viewerId && s.visibility !== 'direct' ? { pinned: s.pinned } : {}),
    filtered: (ctx.filtered?.get(s.id) ?? []).map(filterResult),
  };
}

/** Status entities. `withText` adds the source text (the answer to a delete). */
export async function statuses(ctx: EntityContext, list: Status[], options: { withText?: boolean } = {}) {
  const entity = (s: Status, withText: boolean): Record<string, unknown> => ({
    ...statusEntity(ctx, s, withText),
    poll: pollEntity(ctx, s),
    // A boost carries the original as the viewer sees it (Mastodon's shape).
    reblog: s.reblog ? entity(s.reblog, false) : null,
    ...(ctx.viewerId ? viewerFlags(ctx, s) : {}),
  });
  return list.map((s) => entity(s, options.withText === true));
}

// The JSON text of each status's entity but for its closing brace, its poll, its `reblog` and the
// viewer's flags, made once per Status object (a boost's original is its own Status object, made once
// too). The data package hands out the same object for the same cached status until
// what it shows changes (then a new object, so a new text), and a fresh object for every read it
// does not cache — so a text here is never older than the status it was made from.
const statusTexts = new WeakMap<Status, string>();

/** Mastodon's List entity. */
export function listEntity(l: List) {
  return { id: l.id, title: l.title, replies_policy: l.repliesPolicy, exclusive: l.exclusive };
}

/** One Status entity as JSON text, for answers sent as text (the hot lists). */
export function statusJson(ctx: EntityContext, s: Status): string {
  let body = statusTexts.get(s);
  if (body === undefined) {
    body = JSON.stringify(statusEntity(ctx, s, false)).slice(0, -1);
    statusTexts.set(s, body);
  }
  // A poll is made for each read (the data package never shares a status that has one).
  const poll = s.poll ? JSON.stringify(pollEntity(ctx, s)) : 'null';
  const reblog = `,"reblog":${s.reblog ? statusJson(ctx, s.reblog) : 'null'}`;
  return ctx.viewerId
    ? `${body},"poll":${poll}${reblog},${JSON.stringify(viewerFlags(ctx, s)).slice(1)}`
    : `${body},"poll":${poll}${reblog}}`;
}

/** Status entities as one JSON array text. */
export function statusesJson(ctx: EntityContext, list: Status[]): string {
  return `[${list.map((s) => statusJson(ctx, s)).join(',')}]`;
}

/** One Status entity. */
export async function status(ctx: EntityContext, s: Status, options: { withText?: boolean } = {}) {
  return (await statuses(ctx, [s], options))[0]!;
}

/** StatusEdit entities: each version of a status, oldest first (Mastodon's history). */
export function statusEdits(ctx: EntityContext, history: StatusHistory) {
  const author = accountEntity(ctx, history.account);
  return history.versions.map((v) => ({
    content: v.html,
    spoiler_text: v.spoilerText,
    sensitive: v.sensitive,
    created_at: v.createdAt.toISOString(),
    account: author,
    media_attachments: v.media.map((m) => mediaAttachment(ctx, m)),
    emojis: [],
  }));
}

/** The StatusSource entity: what an edit starts from. */
export function statusSource(s: StatusSource) {
  return { id: s.id, text: s.text, spoiler_text: s.spoilerText };
}

/** Account entities of the viewer's muted accounts: Mastodon's MutedAccount adds the mute's end. */
export async function mutedAccounts(ctx: EntityContext, list: MutedAccount[]) {
  return list.map((a) => ({
    ...accountEntity(ctx, a),
    mute_expires_at: a.muteExpiresAt?.toISOString() ?? null,
  }));
}

/** Relationship entities: what we support (follows, blocks, mutes) and false for what we do not have. */
export function relationship(r: Relationship) {
  return {
    id: r.id,
    following: r.following,
    showing_reblogs: r.showingReblogs,
    notifying: false,
    languages: null,
    followed_by: r.followedBy,
    blocking: r.blocking,
    blocked_by: r.blockedBy,
    muting: r.muting,
    muting_notifications: r.mutingNotifications,
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

/** Conversation entities (direct threads); the last status through statusJson, as one JSON array text. */
export function conversationsJson(ctx: EntityContext, list: Conversation[]): string {
  const items = list.map((c) => {
    const head = JSON.stringify({
      id: c.id,
      unread: c.unread,
      accounts: c.accounts.map((a) => accountEntity(ctx, a)),
    }).slice(0, -1);
    return `${head},"last_status":${c.lastStatus ? statusJson(ctx, c.lastStatus) : 'null'}}`;
  });
  return `[${items.join(',')}]`;
}

/** The Filter entity (v2); `withRules` adds its keywords and statuses (left out inside a FilterResult). */
export function filter(f: Filter, withRules = true) {
  return {
    id: f.id,
    title: f.title,
    context: f.context,
    expires_at: f.expiresAt?.toISOString() ?? null,
    filter_action: f.action,
    ...(withRules ? { keywords: f.keywords.map(filterKeyword), statuses: f.statuses.map(filterStatus) } : {}),
  };
}

/** The FilterKeyword entity. */
export function filterKeyword(k: FilterKeyword) {
  return { id: k.id, keyword: k.keyword, whole_word: k.wholeWord };
}

/** The FilterStatus entity. */
export function filterStatus(s: FilterStatus) {
  return { id: s.id, status_id: s.statusId };
}

/** The FilterResult entity: the filter (without its rules) and what matched. */
export function filterResult(r: FilterResult) {
  return {
    filter: filter(r.filter, false),
    keyword_matches: r.keywordMatches,
    status_matches: r.statusMatches,
  };
}

/** Filters v1 (Mastodon's V1::FilterSerializer): one per keyword, with its filter's context, end and action. */
export function v1Filters(list: Filter[]) {
  return list.flatMap((f) =>
    f.keywords.map((k) => ({
      id: k.id,
      phrase: k.keyword,
      context: f.context,
      whole_word: k.wholeWord,
      expires_at: f.expiresAt?.toISOString() ?? null,
      irreversible: f.action === 'hide',
    })),
  );
}
