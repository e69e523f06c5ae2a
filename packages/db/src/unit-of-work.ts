import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Repositories, UnitOfWork } from '@microposts/core';
import type { Db } from './connection.ts';
import { noCache, type ReadCache } from './cache/read-cache.ts';
import { CHANGES_CHANNEL } from './cache/change-feed.ts';
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
    blocks: blockRepository(db),
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

/**
 * The unit of work services use: repositories for reads (through the read cache, when given), and
 * transactions for writes. Inside a transaction, `transaction()` joins it rather than opening
 * another, so services compose. With a cache, a transaction announces a barrier last and waits
 * after its commit until this process has heard it — and with it every change the transaction
 * announced — so what the process reads next is never older than what it just wrote.
 */
export function unitOfWork(db: Db, cache: ReadCache = noCache): UnitOfWork {
  return {
    ...repositories(db, cache),
    async transaction(fn) {
      for (let attempt = 1; ; attempt++) {
        const barrier = `w:${randomUUID()}`;
        try {
          const result = await db.transaction().execute(async (trx) => {
            const tx: UnitOfWork = { ...repositories(trx), transaction: (inner) => inner(tx) };
            const value = await fn(tx);
            // The deferred counter triggers run now, so their announcements precede the barrier's
            // (one round trip: two statements, no parameters; the barrier is our own UUID).
            if (cache !== noCache)
              await sql
                .raw(`SET CONSTRAINTS ALL IMMEDIATE; SELECT pg_notify('${CHANGES_CHANNEL}', '${barrier}')`)
                .execute(trx);
            return value;
          });
          await cache.settle(barrier);
          return result;
        } catch (error) {
          if ((error as { code?: string }).code !== DEADLOCK || attempt >= ATTEMPTS) throw error;
        }
      }
    },
  };
}
