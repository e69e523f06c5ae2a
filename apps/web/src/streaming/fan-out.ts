// The streaming API's fan-out: every committed change this process hears (one LISTEN connection, the
// change feed of packages/db) is turned into the events of each open stream on this process, read as
// that stream's viewer. Every process does the same for its own sockets, so a post made on one web
// process reaches sockets on all of them, and only after its transaction committed.
//
// Written by hand: the libraries that fan events out to sockets (socket.io's adapters and the like)
// bring their own transport and broker, while Mastodon's wire format is fixed and our broker is
// PostgreSQL; what is left — who gets which event, read through the services as each viewer — is
// ours to decide and small.
import {
  DomainError,
  extractHashtags,
  hiddenBy,
  normalizeTag,
  type FilterContext,
  type FilterResult,
  type Relationship,
  type Status,
} from '@microposts/core';
import { hasScope } from '@microposts/core';
import { conversationsJson, notificationsJson, statusJson, type EntityContext } from '../api/entities.ts';
import type { WebDeps } from '../deps.ts';
import type { Stream, Viewer } from './streams.ts';

/** An open connection (a WebSocket or an event stream) and what it is subscribed to. */
export interface Subscriber {
  viewer: Viewer;
  streams(): Iterable<Stream>;
  /** Sends one event; `payload` is the JSON text of the entity (a bare id for `delete`; none for `filters_changed`). */
  send(stream: Stream, event: string, payload: string | undefined): void;
}

export interface FanOut {
  add(subscriber: Subscriber): () => void;
  readonly size: number;
  /** Stops listening; the events already heard are still delivered. */
  close(): Promise<void>;
}

/** Listens on the change feed (when the process has one) and delivers to the subscribers added. */
export function createFanOut(deps: WebDeps): FanOut {
  const subscribers = new Set<Subscriber>();
  // Events are delivered in the order they committed (a delete never overtakes its update).
  let queue: Promise<void> = Promise.resolve();
  const stop = deps.changes?.subscribe((key) => {
    if (!key.startsWith('e:') || subscribers.size === 0) return;
    queue = queue
      .then(() => deliver(deps, [...subscribers], key))
      .catch((error: unknown) =>
        deps.logger.warn({ err: error, key }, 'a streaming event was not delivered'),
      );
  });
  return {
    add(subscriber) {
      subscribers.add(subscriber);
      return () => subscribers.delete(subscriber);
    },
    get size() {
      return subscribers.size;
    },
    async close() {
      stop?.();
      await queue;
    },
  };
}

const STATUS_STREAMS = new Set([
  'user',
  'public',
  'public:local',
  'public:media',
  'public:local:media',
  'hashtag',
  'hashtag:local',
  'list',
]);

async function deliver(deps: WebDeps, subscribers: Subscriber[], key: string): Promise<void> {
  const [, kind, id, accountId, visibility] = key.split(':');
  if (!id) return;
  const reads = new Reads(deps);
  if (kind === 'new' || kind === 'edit') {
    const event = kind === 'new' ? 'update' : 'status.update';
    await Promise.all(
      subscribers.map(async (sub) => {
        const streams = [...sub.streams()].filter((s) => STATUS_STREAMS.has(s.name));
        if (!streams.length) return;
        // The reader decides whether the viewer may see it at all (audience, blocks); the timelines'
        // own rules come on top, as the home, public and hashtag pages apply them.
        const status = await reads.status(id, sub.viewer.accountId);
        if (!status) return;
        const viewer = sub.viewer.accountId;
        const own = viewer === status.account.id;
        const relation = own ? null : await reads.relation(viewer, status.account.id);
        if (relation?.muting) return; // timelines leave out muted accounts
        // A boost (as Mastodon's fan-out): to the user streams of the booster and of followers who
        // show its boosts, not of those who mute the original's author; never to public streams.
        const boosted = status.reblog;
        if (
          boosted &&
          boosted.account.id !== viewer &&
          (await reads.relation(viewer, boosted.account.id))?.muting
        )
          return;
        for (const stream of streams) {
          let carried: boolean;
          if (stream.name === 'user')
            carried =
              own ||
              // as the home timeline: not an author in one of the viewer's exclusive lists
              (!(await reads.excludedFromHome(status.account.id)).has(viewer!) &&
                ((relation?.following === true &&
                  (!boosted || relation.showingReblogs) &&
                  (status.visibility !== 'direct' || status.mentions.some((m) => m.accountId === viewer))) ||
                  // a followed hashtag's public and unlisted statuses (a boost carries no hashtags)
                  (!boosted &&
                    (status.visibility === 'public' || status.visibility === 'unlisted') &&
                    (await reads.followsTagOf(viewer, status)))));
          // the list timeline's own rules (members, replies policy), read as its owner
          else if (stream.name === 'list') carried = await reads.inList(viewer, stream.list!, id);
          else
            carried =
              !boosted &&
              status.visibility === 'public' &&
              (stream.tag === undefined || tagsOf(status).includes(stream.tag)) &&
              // public:media and public:local:media: only statuses with images (as only_media)
              (!stream.name.endsWith(':media') || (status.media?.length ?? 0) > 0);
          if (!carried) continue;
          // The subscriber's filters, as on the timeline the stream feeds (lists take the home's, as
          // on Mastodon): `hide` keeps it away, `warn` sends it with `filtered` (a boost is filtered
          // by its original's words).
          const home = stream.name === 'user' || stream.name === 'list';
          const shown = boosted ?? status;
          const filtered = await reads.filtered(viewer, home ? 'home' : 'public', shown);
          if (hiddenBy(filtered)) continue;
          sub.send(
            stream,
            event,
            statusJson(context(deps, sub.viewer, filtered && new Map([[shown.id, filtered]])), status),
          );
        }
      }),
    );
  } else if (kind === 'del' && accountId) {
    // The row is gone: who may hear of it follows from its author and visibility (a direct status's
    // audience is not known any more, so only its author hears).
    await Promise.all(
      subscribers.map(async (sub) => {
        const viewer = sub.viewer.accountId;
        for (const stream of sub.streams()) {
          const carried =
            stream.name === 'user'
              ? viewer === accountId ||
                (visibility !== 'direct' && (await reads.relation(viewer, accountId))?.following === true)
              : stream.name === 'list'
                ? (visibility !== 'direct' || viewer === accountId) &&
                  (await reads.listMembers(viewer, stream.list!)).has(accountId)
                : STATUS_STREAMS.has(stream.name) && visibility === 'public';
          if (carried) sub.send(stream, 'delete', id);
        }
      }),
    );
  } else if (kind === 'note' && accountId) {
    await Promise.all(
      subscribers.map(async (sub) => {
        if (sub.viewer.accountId !== accountId) return;
        // The user stream carries notifications only for a token that may read them (as Mastodon).
        const notifies = hasScope(sub.viewer.scopes, 'read:notifications');
        const streams = [...sub.streams()].filter(
          (s) => s.name === 'user:notification' || (s.name === 'user' && notifies),
        );
        if (!streams.length) return;
        const notification = await orNull(deps.services.notifications.get({ actorId: accountId, id }));
        if (!notification) return;
        const filtered = notification.status
          ? await reads.filtered(accountId, 'notifications', notification.status)
          : undefined;
        if (hiddenBy(filtered)) return; // a `hide` filter of notifications leaves it out, as the list does
        const ctx = context(deps, sub.viewer, filtered && new Map([[notification.status!.id, filtered]]));
        const payload = notificationsJson(ctx, [notification]).slice(1, -1);
        for (const stream of streams) sub.send(stream, 'notification', payload);
      }),
    );
  } else if (kind === 'filters') {
    // The person's filters changed (e:filters:<account>): their `user` streams are told, without a
    // payload, as Mastodon tells them; clients fetch the filters again.
    for (const sub of subscribers) {
      if (sub.viewer.accountId !== id) continue;
      for (const stream of sub.streams())
        if (stream.name === 'user') sub.send(stream, 'filters_changed', undefined);
    }
  } else if (kind === 'conv' && accountId) {
    // A direct status joined the account's conversation (e:conv:<conversation>:<account>): its
    // `direct` streams get the Conversation as the account sees it.
    await Promise.all(
      subscribers.map(async (sub) => {
        if (sub.viewer.accountId !== accountId) return;
        const streams = [...sub.streams()].filter((s) => s.name === 'direct');
        if (!streams.length) return;
        const conversation = await orNull(deps.services.conversations.get({ actorId: accountId, id }));
        if (!conversation) return;
        const payload = conversationsJson(context(deps, sub.viewer), [conversation]).slice(1, -1);
        for (const stream of streams) sub.send(stream, 'conversation', payload);
      }),
    );
  }
}

/** The reads of one event, each made once per viewer however many of its sockets are open. */
class Reads {
  private readonly deps: WebDeps;
  private readonly statuses = new Map<string, Promise<Status | null>>();
  private readonly relations = new Map<string, Promise<Relationship | null>>();
  private readonly other = new Map<string, Promise<unknown>>();
  private readonly filters = new Map<string, Promise<FilterResult[] | undefined>>();
  constructor(deps: WebDeps) {
    this.deps = deps;
  }
  /** The status as the viewer may see it (the statuses service's reader decides), or null. */
  status(id: string, viewerId: string | null): Promise<Status | null> {
    const memo = viewerId ?? '';
    let read = this.statuses.get(memo);
    if (!read) {
      read = orNull(this.deps.services.statuses.get(id, viewerId ?? undefined));
      this.statuses.set(memo, read);
    }
    return read;
  }
  /** The owners of exclusive lists holding the author: one read per event, whoever subscribes. */
  excludedFromHome(authorId: string): Promise<Set<string>> {
    return this.memo(`x:${authorId}`, () => this.deps.services.lists.excludedFromHomeOf(authorId));
  }
  /** Whether the status carries a hashtag the viewer follows. */
  followsTagOf(viewerId: string | null, status: Status): Promise<boolean> {
    const names = tagsOf(status);
    if (!viewerId || names.length === 0) return Promise.resolve(false);
    return this.memo(`t:${viewerId}`, () => this.deps.services.tags.followsAny({ actorId: viewerId, names }));
  }
  /** Whether the status belongs in the viewer's list's timeline (false for a list not the viewer's). */
  inList(viewerId: string | null, listId: string, statusId: string): Promise<boolean> {
    if (!viewerId) return Promise.resolve(false);
    return this.memo(`l:${viewerId}:${listId}`, () =>
      this.deps.services.lists.carries({ actorId: viewerId, listId, statusId }),
    );
  }
  /** The ids of the members of the viewer's list (none for a list not the viewer's). */
  listMembers(viewerId: string | null, listId: string): Promise<Set<string>> {
    if (!viewerId) return Promise.resolve(new Set());
    return this.memo(`m:${viewerId}:${listId}`, () =>
      orNull(this.deps.services.lists.members({ actorId: viewerId, listId, page: null })).then(
        (entries) => new Set((entries ?? []).map((e) => e.id)),
      ),
    );
  }
  private memo<T>(key: string, read: () => Promise<T>): Promise<T> {
    let found = this.other.get(key) as Promise<T> | undefined;
    if (!found) {
      found = read();
      this.other.set(key, found);
    }
    return found;
  }
  /** The viewer's filter results for the event's status in a context; undefined when none matched. */
  filtered(
    viewerId: string | null,
    filterContext: FilterContext,
    status: Status,
  ): Promise<FilterResult[] | undefined> {
    if (!viewerId) return Promise.resolve(undefined);
    const memo = `${viewerId}|${filterContext}`;
    let read = this.filters.get(memo);
    if (!read) {
      read = this.deps.services.filters
        .match({ viewerId, context: filterContext, statuses: [status] })
        .then((m) => m.get(status.id));
      this.filters.set(memo, read);
    }
    return read;
  }
  /** How the viewer relates to the author (follows, mutes…); null for nobody logged in. */
  relation(viewerId: string | null, authorId: string): Promise<Relationship | null> {
    if (!viewerId) return Promise.resolve(null);
    // (a boost's event asks about two accounts: the booster and the original's author)
    const memo = `${viewerId}|${authorId}`;
    let read = this.relations.get(memo);
    if (!read) {
      read = this.deps.services.follows
        .relationships({ actorId: viewerId, targetIds: [authorId] })
        .then((r) => r[0] ?? null);
      this.relations.set(memo, read);
    }
    return read;
  }
}

function tagsOf(status: Status): string[] {
  return extractHashtags(status.text).map(normalizeTag);
}

function context(
  deps: WebDeps,
  viewer: Viewer,
  filtered?: ReadonlyMap<string, FilterResult[]>,
): EntityContext {
  return {
    baseUrl: deps.config.publicUrl,
    viewerId: viewer.accountId,
    mediaUrl: deps.config.media.publicUrl,
    filtered,
  };
}

async function orNull<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'not_found') return null;
    throw error;
  }
}
