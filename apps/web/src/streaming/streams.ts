// Who is asking and for which stream, as Mastodon's streaming server decides it (streaming/index.js in
// mastodon/mastodon: accountFromRequest, checkScopes, channelNameToIds), with its error texts: clients
// show them, and some match on them.
import type { IncomingMessage } from 'node:http';
import { hasScope, normalizeTag } from '@microposts/core';
import type { WebDeps } from '../deps.ts';
import { toBoolean } from '../params.ts';

/** A refusal: 401 for authentication and scopes, 400 for a malformed request (Mastodon's two kinds). */
export class StreamError extends Error {
  readonly status: number;
  constructor(status: 400 | 401, message: string) {
    super(message);
    this.status = status;
  }
}

/** The token's holder: the account (null for an app-only token) and what the token may do. */
export interface Viewer {
  accountId: string | null;
  scopes: readonly string[];
}

export type StreamName =
  | 'user'
  | 'user:notification'
  | 'public'
  | 'public:local'
  | 'public:media'
  | 'public:local:media'
  | 'hashtag'
  | 'hashtag:local'
  | 'list'
  | 'direct';

/** One subscription: the stream and, for hashtags, the tag as the client wrote it and normalized. */
export interface Stream {
  name: StreamName;
  tag?: string;
  /** The `stream` array of each WebSocket message: [name] or [name, tag]. */
  label: string[];
  /** Identifies the subscription on a socket (a second subscribe to it is ignored). */
  key: string;
}

const PUBLIC_STREAMS: readonly string[] = [
  'public',
  'public:local',
  'public:media',
  'public:local:media',
  'hashtag',
  'hashtag:local',
];

/** The per-stream HTTP (server-sent events) paths. */
export const SSE_PATHS: Record<string, StreamName> = {
  '/api/v1/streaming/user': 'user',
  '/api/v1/streaming/user/notification': 'user:notification',
  '/api/v1/streaming/public': 'public',
  '/api/v1/streaming/public/local': 'public:local',
  '/api/v1/streaming/hashtag': 'hashtag',
  '/api/v1/streaming/hashtag/local': 'hashtag:local',
  '/api/v1/streaming/list': 'list',
  '/api/v1/streaming/direct': 'direct',
};

/** The token of a request: `Authorization: Bearer`, else `access_token`, else `Sec-WebSocket-Protocol`. */
export function requestToken(request: IncomingMessage): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization) return authorization.replace(/^Bearer /, '');
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams.get('access_token');
  return query || request.headers['sec-websocket-protocol'] || undefined;
}

/** The viewer behind the request's token; 401 `Missing access token` / `Invalid access token`. */
export async function authenticate(deps: WebDeps, request: IncomingMessage): Promise<Viewer> {
  const token = requestToken(request);
  if (!token) throw new StreamError(401, 'Missing access token');
  const info = await deps.services.oauth.verifyAccessToken(token);
  // A suspended account's token is as good as revoked.
  const account = info?.accountId ? await deps.services.accounts.findActive(info.accountId) : null;
  if (!info || (info.accountId && !account)) throw new StreamError(401, 'Invalid access token');
  return { accountId: info.accountId, scopes: info.scopes };
}

/**
 * The stream a subscription names, checked against the viewer: public streams need no scope; the
 * notifications stream `read:notifications`, the others `read:statuses` (`read` covers both).
 */
export function resolveStream(
  viewer: Viewer,
  name: string | undefined,
  params: Record<string, unknown>,
): Stream {
  if (name && !PUBLIC_STREAMS.includes(name)) {
    const needed = name === 'user:notification' ? 'read:notifications' : 'read:statuses';
    if (!hasScope(viewer.scopes, needed))
      throw new StreamError(401, 'Access token does not have the required scopes');
  }
  switch (name) {
    case 'user':
    case 'user:notification':
    case 'direct':
      // An app-only token has nobody's timeline to stream.
      if (!viewer.accountId) throw new StreamError(401, 'This method requires an authenticated user');
      return { name, label: [name], key: name };
    case 'public':
    case 'public:local': {
      // `only_media` in the address (the event streams' form) is the :media stream, as Mastodon names it.
      const media = toBoolean(first(params.only_media)) === true;
      const named: StreamName = media ? `${name}:media` : name;
      return { name: named, label: [named], key: named };
    }
    case 'public:media':
    case 'public:local:media':
      return { name, label: [name], key: name };
    case 'hashtag':
    case 'hashtag:local': {
      const tag = first(params.tag);
      if (!tag) throw new StreamError(400, 'Missing tag name parameter');
      const normalized = normalizeTag(tag.replace(/^#/, ''));
      return { name, tag: normalized, label: [name, tag], key: `${name}:${normalized}` };
    }
    case 'list':
      // There are no lists here yet, so no list is the viewer's to stream.
      if (!first(params.list)) throw new StreamError(400, 'Missing list name parameter');
      throw new StreamError(401, 'Not authorized to stream this list');
    default:
      throw new StreamError(400, 'Unknown stream type');
  }
}

function first(value: unknown): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' && v !== '' ? v : undefined;
}
