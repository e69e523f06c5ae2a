// JSON Schemas of Mastodon's entities. Route schemas refer to them by $id; they validate nothing
// coming in, but fast-json-stringify serializes responses through them and @fastify/swagger puts
// them in the OpenAPI document as components, so the document is the code's own description.
const str = { type: 'string' } as const;
const nstr = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;
const bool = { type: 'boolean' } as const;
const time = { type: 'string', format: 'date-time' } as const;
const ntime = { type: ['string', 'null'], format: 'date-time' } as const;
const empty = { type: 'array', items: { type: 'object', additionalProperties: true } } as const;
const id = {
  type: 'string',
  pattern: '^\\d+$',
  description: 'A string of digits; newer is larger.',
} as const;
const nid = { type: ['string', 'null'], pattern: '^\\d+$' } as const;

function object(
  $id: string,
  description: string,
  properties: Record<string, unknown>,
  optional: string[] = [],
) {
  return {
    $id,
    description,
    type: 'object',
    properties,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
  };
}

const field = {
  type: 'object',
  properties: { name: str, value: str, verified_at: ntime },
  required: ['name', 'value', 'verified_at'],
};

const accountRole = {
  type: 'object',
  description: 'A role shown on the profile (Moderator, Admin).',
  properties: { id: str, name: str, color: str },
  required: ['id', 'name', 'color'],
};

export const accountSchema = object('Account', 'A user of the site (Mastodon Account entity).', {
  id,
  username: str,
  acct: str,
  url: str,
  uri: str,
  display_name: str,
  note: { type: 'string', description: 'The bio as HTML.' },
  avatar: str,
  avatar_static: str,
  header: str,
  header_static: str,
  locked: bool,
  fields: { type: 'array', items: field },
  emojis: empty,
  bot: bool,
  group: bool,
  discoverable: bool,
  indexable: bool,
  hide_collections: bool,
  noindex: bool,
  roles: { type: 'array', items: accountRole },
  created_at: time,
  last_status_at: { type: ['string', 'null'], format: 'date' },
  statuses_count: int,
  followers_count: int,
  following_count: int,
});

export const mutedAccountSchema = {
  ...accountSchema,
  $id: 'MutedAccount',
  description: 'A muted account (GET /api/v1/mutes), with the end of the mute.',
  properties: {
    ...accountSchema.properties,
    mute_expires_at: { type: ['string', 'null'], format: 'date-time', description: 'null: until unmuted.' },
  },
  required: [...accountSchema.required, 'mute_expires_at'],
};

export const credentialAccountSchema = {
  ...accountSchema,
  $id: 'CredentialAccount',
  description: 'The authenticated account, with its editable source.',
  properties: {
    ...accountSchema.properties,
    source: {
      type: 'object',
      properties: {
        note: { type: 'string', description: 'The bio as typed.' },
        fields: { type: 'array', items: field },
        privacy: str,
        sensitive: bool,
        language: nstr,
        follow_requests_count: int,
        hide_collections: bool,
        discoverable: bool,
        indexable: bool,
      },
      required: [
        'note',
        'fields',
        'privacy',
        'sensitive',
        'language',
        'follow_requests_count',
        'hide_collections',
        'discoverable',
        'indexable',
      ],
    },
    role: {
      type: 'object',
      description: 'Your role: `-99` (everyone), `1` Moderator or `2` Admin, with Mastodon permission bits.',
      properties: { id: str, name: str, color: str, permissions: str, highlighted: bool },
      required: ['id', 'name', 'color', 'permissions', 'highlighted'],
    },
  },
  required: [...accountSchema.required, 'source', 'role'],
};

export const tagSchema = object(
  'Tag',
  'A hashtag, with its use over the last week. `following` is there for a logged-in viewer.',
  {
    id: { type: 'string', description: 'Empty for a hashtag nobody has used or followed yet.' },
    name: str,
    url: str,
    history: {
      type: 'array',
      description: 'The last 7 UTC days, newest first: public and unlisted statuses and their accounts.',
      items: {
        type: 'object',
        properties: {
          day: { type: 'string', description: 'Midnight UTC, in Unix seconds.' },
          uses: str,
          accounts: str,
        },
        required: ['day', 'uses', 'accounts'],
      },
    },
    following: bool,
  },
  ['following'],
);

export const statusTagSchema = object('StatusTag', 'A hashtag used in a status.', { name: str, url: str });

export const markerSchema = object('Marker', 'Where you stopped reading a timeline.', {
  last_read_id: id,
  version: int,
  updated_at: time,
});

export const markersSchema = {
  $id: 'Markers',
  description: 'Markers by timeline (`home`, `notifications`), those asked for that exist.',
  type: 'object',
  properties: { home: { $ref: 'Marker#' }, notifications: { $ref: 'Marker#' } },
};

export const suggestionSchema = object('Suggestion', 'An account suggested to follow, and why.', {
  source: { type: 'string', enum: ['staff', 'past_interactions', 'global'] },
  sources: { type: 'array', items: { type: 'string' } },
  account: { $ref: 'Account#' },
});

export const familiarFollowersSchema = object(
  'FamiliarFollowers',
  'The accounts you follow that follow an account.',
  { id, accounts: { type: 'array', items: { $ref: 'Account#' } } },
);

const imageSize = {
  type: 'object',
  properties: { width: int, height: int, size: str, aspect: { type: 'number' } },
  required: ['width', 'height', 'size', 'aspect'],
};

export const mediaAttachmentSchema = object(
  'MediaAttachment',
  'An image attached to a status, or an upload waiting to be. `url` and `preview_url` are null while the worker processes it.',
  {
    id,
    type: { type: 'string', enum: ['image', 'gifv', 'video', 'audio', 'unknown'] },
    url: nstr,
    preview_url: nstr,
    remote_url: nstr,
    preview_remote_url: nstr,
    text_url: nstr,
    meta: {
      type: 'object',
      properties: {
        original: imageSize,
        small: imageSize,
        focus: {
          type: 'object',
          properties: { x: { type: 'number' }, y: { type: 'number' } },
          required: ['x', 'y'],
        },
      },
      required: ['focus'],
    },
    description: { type: ['string', 'null'], description: 'Alt text.' },
    blurhash: nstr,
  },
);

export const pollSchema = object(
  'Poll',
  "A status's poll (Mastodon Poll entity; its id is the status's). `voted` and `own_votes` are present only for an authenticated user; an option's `votes_count` is null while `hide_totals` hides it (until the poll ends).",
  {
    id,
    expires_at: ntime,
    expired: bool,
    multiple: bool,
    votes_count: int,
    voters_count: { type: ['integer', 'null'] },
    options: {
      type: 'array',
      items: {
        type: 'object',
        properties: { title: str, votes_count: { type: ['integer', 'null'] } },
        required: ['title', 'votes_count'],
      },
    },
    emojis: empty,
    voted: bool,
    own_votes: { type: 'array', items: int },
  },
  ['voted', 'own_votes'],
);

export const statusSchema = object(
  'Status',
  'A post (Mastodon Status entity). The viewer flags (favourited, reblogged, muted, bookmarked, pinned) are present only for an authenticated user.',
  {
    id,
    uri: str,
    url: nstr,
    created_at: time,
    edited_at: ntime,
    account: { $ref: 'Account#' },
    content: { type: 'string', description: 'HTML.' },
    text: { type: ['string', 'null'], description: 'The source text; only in the response to a delete.' },
    visibility: { type: 'string', enum: ['public', 'unlisted', 'private', 'direct'] },
    sensitive: bool,
    spoiler_text: str,
    media_attachments: { type: 'array', items: { $ref: 'MediaAttachment#' } },
    application: {
      type: ['object', 'null'],
      properties: { name: str, website: nstr },
    },
    mentions: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id, username: str, acct: str, url: str },
        required: ['id', 'username', 'acct', 'url'],
      },
    },
    tags: { type: 'array', items: { $ref: 'StatusTag#' } },
    emojis: empty,
    reblogs_count: int,
    favourites_count: int,
    replies_count: int,
    in_reply_to_id: nid,
    in_reply_to_account_id: nid,
    reblog: {
      anyOf: [{ $ref: 'Status#' }, { type: 'null' }],
      description: 'A boost: the status boosted (the boost itself has no content).',
    },
    poll: { anyOf: [{ $ref: 'Poll#' }, { type: 'null' }] },
    card: { type: 'null' },
    language: nstr,
    favourited: bool,
    reblogged: bool,
    muted: bool,
    bookmarked: bool,
    pinned: bool,
    filtered: {
      type: 'array',
      items: { $ref: 'FilterResult#' },
      description:
        "The viewer's filters of the read's context that matched (warn ones: hidden ones are left out).",
    },
  },
  ['favourited', 'reblogged', 'muted', 'bookmarked', 'pinned', 'filtered', 'application'],
);

export const statusEditSchema = object(
  'StatusEdit',
  'One version of a status (Mastodon StatusEdit entity): the original, each edit, the current one last.',
  {
    content: { type: 'string', description: 'HTML of this version.' },
    spoiler_text: str,
    sensitive: bool,
    created_at: { ...time, description: 'When this version was written.' },
    account: { $ref: 'Account#' },
    media_attachments: { type: 'array', items: { $ref: 'MediaAttachment#' } },
    emojis: empty,
  },
);

export const statusSourceSchema = object(
  'StatusSource',
  'The plain text of a status, to edit it (Mastodon StatusSource entity).',
  { id, text: str, spoiler_text: str },
);

export const relationshipSchema = object('Relationship', 'How the viewer and an account relate.', {
  id,
  following: bool,
  showing_reblogs: bool,
  notifying: bool,
  languages: { type: ['array', 'null'], items: str },
  followed_by: bool,
  blocking: bool,
  blocked_by: bool,
  muting: bool,
  muting_notifications: bool,
  requested: bool,
  requested_by: bool,
  domain_blocking: bool,
  endorsed: bool,
  note: str,
});

export const notificationSchema = object('Notification', 'Something that happened to the viewer.', {
  id,
  type: { type: 'string', enum: ['mention', 'follow', 'favourite', 'reblog', 'update', 'poll'] },
  group_key: str,
  created_at: time,
  account: { $ref: 'Account#' },
  status: { anyOf: [{ $ref: 'Status#' }, { type: 'null' }] },
});

export const conversationSchema = object('Conversation', 'A thread of direct statuses, as you see it.', {
  id,
  unread: bool,
  accounts: { type: 'array', items: { $ref: 'Account#' }, description: 'The other participants.' },
  last_status: { anyOf: [{ $ref: 'Status#' }, { type: 'null' }] },
});

export const contextSchema = object('Context', 'The statuses above and below a status in its thread.', {
  ancestors: { type: 'array', items: { $ref: 'Status#' } },
  descendants: { type: 'array', items: { $ref: 'Status#' } },
});

export const searchSchema = object('Search', 'Results of a search.', {
  accounts: { type: 'array', items: { $ref: 'Account#' } },
  statuses: { type: 'array', items: { $ref: 'Status#' } },
  hashtags: { type: 'array', items: { $ref: 'Tag#' } },
});

export const reportSchema = object('Report', 'A report of an account to the moderators.', {
  id,
  action_taken: bool,
  action_taken_at: ntime,
  category: { type: 'string', enum: ['spam', 'legal', 'violation', 'other'] },
  comment: str,
  forwarded: bool,
  created_at: time,
  status_ids: { type: ['array', 'null'], items: id },
  rule_ids: { type: ['array', 'null'], items: id },
  target_account: { $ref: 'Account#' },
});

export const listSchema = object('List', 'A list of accounts you follow, with a timeline of its own.', {
  id,
  title: str,
  replies_policy: { type: 'string', enum: ['followed', 'list', 'none'] },
  exclusive: bool,
});

export const filterKeywordSchema = object('FilterKeyword', 'A keyword a filter matches.', {
  id,
  keyword: str,
  whole_word: bool,
});

export const filterStatusSchema = object('FilterStatus', 'A status a filter names.', { id, status_id: id });

const filterContext = {
  type: 'string',
  enum: ['home', 'notifications', 'public', 'thread', 'account'],
} as const;

export const filterSchema = object(
  'Filter',
  'A filter of your own (filters v2); `keywords` and `statuses` are left out where it comes in a FilterResult.',
  {
    id,
    title: str,
    context: { type: 'array', items: filterContext },
    expires_at: ntime,
    filter_action: { type: 'string', enum: ['warn', 'hide'] },
    keywords: { type: 'array', items: { $ref: 'FilterKeyword#' } },
    statuses: { type: 'array', items: { $ref: 'FilterStatus#' } },
  },
  ['keywords', 'statuses'],
);

export const filterResultSchema = object(
  'FilterResult',
  'A filter that matched a status, and what matched.',
  {
    filter: { $ref: 'Filter#' },
    keyword_matches: { type: ['array', 'null'], items: str },
    status_matches: { type: ['array', 'null'], items: id },
  },
);

export const v1FilterSchema = object('V1Filter', 'A keyword of your filters, as filters v1 showed it.', {
  id,
  phrase: str,
  context: { type: 'array', items: filterContext },
  whole_word: bool,
  expires_at: ntime,
  irreversible: bool,
});

export const errorSchema = object(
  'Error',
  'Every error: a message, sometimes with a description.',
  { error: str, error_description: str },
  ['error_description'],
);

/** Every entity schema, to register with fastify.addSchema before the routes. */
export const entitySchemas = [
  accountSchema,
  mutedAccountSchema,
  credentialAccountSchema,
  tagSchema,
  mediaAttachmentSchema,
  pollSchema,
  statusTagSchema,
  markerSchema,
  markersSchema,
  suggestionSchema,
  familiarFollowersSchema,
  statusSchema,
  statusEditSchema,
  statusSourceSchema,
  relationshipSchema,
  notificationSchema,
  conversationSchema,
  contextSchema,
  searchSchema,
  reportSchema,
  listSchema,
  filterKeywordSchema,
  filterStatusSchema,
  filterSchema,
  filterResultSchema,
  v1FilterSchema,
  errorSchema,
];

/** A reference to an entity schema, for route response schemas. */
export const ref = (name: string) => ({ $ref: `${name}#` });
/** A list of an entity. */
export const listOf = (name: string) => ({ type: 'array', items: ref(name) });
/** An object with anything in it (instance documents, preferences). */
export const anyObject = { type: 'object', additionalProperties: true } as const;

/** The response schemas every authenticated route shares, besides its success. */
export const errorResponses = {
  400: ref('Error'),
  401: ref('Error'),
  403: ref('Error'),
  404: ref('Error'),
  422: ref('Error'),
  429: ref('Error'),
};
