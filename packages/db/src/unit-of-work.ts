import type { Repositories, UnitOfWork } from '@microposts/core';
import type { Db } from './connection.ts';
import { accountRepository } from './repositories/account-repository.ts';
import { accountTokenRepository } from './repositories/account-token-repository.ts';
import { favouriteRepository } from './repositories/favourite-repository.ts';
import { followRepository } from './repositories/follow-repository.ts';
import { jobRepository } from './repositories/job-repository.ts';
import { notificationRepository } from './repositories/notification-repository.ts';
import { oauthRepository } from './repositories/oauth-repository.ts';
import { searchRepository } from './repositories/search-repository.ts';
import { sessionRepository } from './repositories/session-repository.ts';
import { statsRepository } from './repositories/stats-repository.ts';
import { statusRepository } from './repositories/status-repository.ts';
import { tagRepository } from './repositories/tag-repository.ts';
import { timelineRepository } from './repositories/timeline-repository.ts';

/** Builds every repository over one connection or transaction. */
export function repositories(db: Db): Repositories {
  return {
    accounts: accountRepository(db),
    accountTokens: accountTokenRepository(db),
    statuses: statusRepository(db),
    timelines: timelineRepository(db),
    follows: followRepository(db),
    favourites: favouriteRepository(db),
    notifications: notificationRepository(db),
    tags: tagRepository(db),
    search: searchRepository(db),
    sessions: sessionRepository(db),
    oauth: oauthRepository(db),
    jobs: jobRepository(db),
    stats: statsRepository(db),
  };
}

// A deadlock (two transactions waiting on each other's rows) aborts one of them; all its writes
// are rolled back, so running the whole function again is safe, and usually succeeds at once.
const DEADLOCK = '40P01';
const ATTEMPTS = 3;

/**
 * The unit of work services use: repositories for reads, and transactions for writes. Inside a
 * transaction, `transaction()` joins it rather than opening another, so services compose.
 */
export function unitOfWork(db: Db): UnitOfWork {
  return {
    ...repositories(db),
    async transaction(fn) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.transaction().execute((trx) => {
            const tx: UnitOfWork = { ...repositories(trx), transaction: (inner) => inner(tx) };
            return fn(tx);
          });
        } catch (error) {
          if ((error as { code?: string }).code !== DEADLOCK || attempt >= ATTEMPTS) throw error;
        }
      }
    },
  };
}
