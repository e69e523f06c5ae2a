import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Repositories, UnitOfWork } from '@microposts/core';
import type { Db } from './connection.ts';
import { noCache, type ReadCache } from './cache/read-cache.ts';
import { cachedReads } from './cache/cached-reads.ts';
import { accountDiscoveryRepository } from './repositories/account-discovery-repository.ts';
import { accountRepository } from './repositories/account-repository.ts';
import { accountTokenRepository } from './repositories/account-token-repository.ts';
import { blockRepository } from './repositories/block-repository.ts';
import { conversationRepository } from './repositories/conversation-repository.ts';
import { filterRepository } from './repositories/filter-repository.ts';
import { favouriteRepository } from './repositories/favourite-repository.ts';
import { bookmarkRepository } from './repositories/bookmark-repository.ts';
import { reblogRepository } from './repositories/reblog-repository.ts';
import { pinRepository } from './repositories/pin-repository.ts';
import { statusEditRepository } from './repositories/status-edit-repository.ts';
import { followRepository } from './repositories/follow-repository.ts';
import { jobRepository } from './repositories/job-repository.ts';
import { listRepository } from './repositories/list-repository.ts';
import { mediaRepository } from './repositories/media-repository.ts';
import { markerRepository } from './repositories/marker-repository.ts';
import { muteRepository } from './repositories/mute-repository.ts';
import { notificationRepository } from './repositories/notification-repository.ts';
import { oauthRepository } from './repositories/oauth-repository.ts';
import { pollRepository } from './repositories/poll-repository.ts';
import { reportRepository } from './repositories/report-repository.ts';
import { rateLimitRepository } from './repositories/rate-limit-repository.ts';
import { searchRepository } from './repositories/search-repository.ts';
import { sessionRepository } from './repositories/session-repository.ts';
import { statsRepository } from './repositories/stats-repository.ts';
import { statusReader } from './repositories/status-select.ts';
import { statusRepository } from './repositories/status-repository.ts';
import { tagFollowRepository } from './repositories/tag-follow-repository.ts';
import { tagRepository } from './repositories/tag-repository.ts';
import { timelineRepository } from './repositories/timeline-repository.ts';

/**
 * Builds every repository over one connection or transaction. With a read cache (outside
 * transactions only: a transaction must read its own writes), the hot reads go through it.
 */
export function repositories(db: Db, cache: ReadCache = noCache): Repositories {
  const reader = statusReader(db, cache);
  const repos: Repositories = {
    accounts: accountRepository(db),
    accountTokens: accountTokenRepository(db),
    statuses: statusRepository(db, reader),
    timelines: timelineRepository(db, reader, cache),
    follows: followRepository(db),
    favourites: favouriteRepository(db, reader),
    bookmarks: bookmarkRepository(db, reader),
    reblogs: reblogRepository(db),
    statusEdits: statusEditRepository(db),
    pins: pinRepository(db, reader, cache),
    notifications: notificationRepository(db, reader, cache),
    blocks: blockRepository(db, cache),
    mutes: muteRepository(db),
    conversations: conversationRepository(db, reader),
    tags: tagRepository(db),
    search: searchRepository(db, reader),
    sessions: sessionRepository(db),
    oauth: oauthRepository(db),
    jobs: jobRepository(db),
    stats: statsRepository(db),
    media: mediaRepository(db),
    reports: reportRepository(db, cache),
    markers: markerRepository(db),
    tagFollows: tagFollowRepository(db),
    lists: listRepository(db, reader, cache),
    accountDiscovery: accountDiscoveryRepository(db),
    rateLimits: rateLimitRepository(db),
    polls: pollRepository(db),
    filters: filterRepository(db),
  };
  return cache === noCache ? repos : cachedReads(repos, cache);
}

// A deadlock (two transactions waiting on each other's rows) aborts one of them; all its writes
// are rolled back, so running the whole function again is safe, and usually succeeds at once.
const DEADLOCK = '40P01';
const ATTEMPTS = 3;

// How often announced change rows are deleted (in one statement).
const FORGET_EVERY_MS = 250;

/**
 * The unit of work services use: repositories for reads (through the read cache, when given), and
 * transactions for writes. Inside a transaction, `transaction()` joins it rather than opening
 * another, so services compose.
 *
 * A transaction announces its changes after its commit, not in it (migration 0025: a notifying
 * commit holds PostgreSQL's notification-queue lock through its WAL flush, so notifying commits
 * are serialised). The triggers collect the keys; the last statement stores them in a change row
 * that commits with the write; right after the COMMIT, in the same message, one statement announces
 * them, then the barrier (`w:<uuid>`), then wakes the workers if jobs were enqueued. With a cache,
 * the service then waits until this process has heard the barrier — and with it every key before
 * it — so what the process reads next is never older than what it just wrote.
 */
export function unitOfWork(db: Db, cache: ReadCache = noCache): UnitOfWork {
  // Announced change rows are deleted in batches, off the request path (a row left behind is only
  // announced once more by the sweep: harmless).
  let announced: string[] = [];
  let forgetTimer: NodeJS.Timeout | null = null;
  const forgetAnnounced = () => {
    forgetTimer = null;
    const ids = announced;
    announced = [];
    sql`DELETE FROM change_outbox WHERE id = ANY (${ids}::uuid[])`.execute(db).catch(() => {
      // the sweep announces and deletes them later
    });
  };
  const attempt = async <T>(fn: (tx: UnitOfWork) => Promise<T>, outbox: string, barrier: string | null) =>
    db.connection().execute(async (conn) => {
      // From here the triggers collect their keys instead of notifying (one round trip).
      await sql.raw(`BEGIN; SELECT set_config('microposts.changes', E'\\n', true)`).execute(conn);
      try {
        const tx: UnitOfWork = { ...repositories(conn), transaction: (inner) => inner(tx) };
        const value = await fn(tx);
        // The deferred counter triggers run first, so their keys are stored too; then the commit,
        // then the announcement: a transaction of its own that writes nothing, so it waits for no
        // flush. One round trip (our own UUIDs in the text); microposts_announce never fails.
        await sql
          .raw(
            `SET CONSTRAINTS ALL IMMEDIATE; SELECT microposts_outbox('${outbox}'); COMMIT; ` +
              `SELECT microposts_announce('${outbox}', ${barrier ? `'${barrier}'` : 'NULL'})`,
          )
          .execute(conn);
        return value;
      } catch (error) {
        await sql
          .raw('ROLLBACK')
          .execute(conn)
          .catch(() => {});
        throw error;
      }
    });
  return {
    ...repositories(db, cache),
    async transaction(fn) {
      for (let attempts = 1; ; attempts++) {
        const outbox = randomUUID();
        const barrier = cache === noCache ? null : `w:${randomUUID()}`;
        let value;
        try {
          value = await attempt(fn, outbox, barrier);
        } catch (error) {
          if ((error as { code?: string }).code !== DEADLOCK || attempts >= ATTEMPTS) throw error;
          continue;
        }
        announced.push(outbox);
        forgetTimer ??= setTimeout(forgetAnnounced, FORGET_EVERY_MS).unref();
        if (barrier) await cache.settle(barrier);
        return value;
      }
    },
  };
}
