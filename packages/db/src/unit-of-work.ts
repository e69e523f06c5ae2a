import type { Repositories, UnitOfWork } from '@microposts/core';
import type { Db } from './connection.ts';
import { accountRepository } from './repositories/account-repository.ts';
import { accountEmailRepository } from './repositories/account-email-repository.ts';
import { idempotencyRepository } from './repositories/idempotency-repository.ts';
import { usageRepository } from './repositories/usage-repository.ts';
import { jobRepository } from './repositories/job-repository.ts';
import { sessionRepository } from './repositories/session-repository.ts';
import { statusRepository } from './repositories/status-repository.ts';
import { followRepository } from './repositories/follow-repository.ts';
import { favouriteRepository } from './repositories/favourite-repository.ts';
import { threadRepository } from './repositories/thread-repository.ts';
import { notificationRepository } from './repositories/notification-repository.ts';
import { dailyStatsRepository } from './repositories/daily-stats-repository.ts';
import { oauthRepository } from './repositories/oauth-repository.ts';
import { searchRepository, tagRepository } from './repositories/search-repositories.ts';
import { accountSettingsRepository } from './repositories/account-settings-repository.ts';

/** Builds every repository over one connection or transaction. */
export function repositories(db: Db): Repositories {
  return {
    accounts: accountRepository(db),
    statuses: statusRepository(db),
    sessions: sessionRepository(db),
    follows: followRepository(db),
    favourites: favouriteRepository(db),
    threads: threadRepository(db),
    notifications: notificationRepository(db),
    jobs: jobRepository(db),
    accountEmails: accountEmailRepository(db),
    idempotencyKeys: idempotencyRepository(db),
    usage: usageRepository(db),
    tags: tagRepository(db),
    search: searchRepository(db),
    accountSettings: accountSettingsRepository(db),
    dailyStats: dailyStatsRepository(db),
    oauth: oauthRepository(db),
  };
}

/** The unit of work services use: plain repositories for reads, a transaction for writes. */
export function unitOfWork(db: Db): UnitOfWork {
  return {
    ...repositories(db),
    transaction: (fn) => db.transaction().execute((trx) => fn(repositories(trx))),
  };
}
