import type { Repositories, UnitOfWork } from '@microposts/core';
import type { Db } from './connection.ts';
import { accountRepository } from './repositories/account-repository.ts';
import { sessionRepository } from './repositories/session-repository.ts';
import { statusRepository } from './repositories/status-repository.ts';

/** Builds every repository over one connection or transaction. */
export function repositories(db: Db): Repositories {
  return {
    accounts: accountRepository(db),
    statuses: statusRepository(db),
    sessions: sessionRepository(db),
  };
}

/** The unit of work services use: plain repositories for reads, a transaction for writes. */
export function unitOfWork(db: Db): UnitOfWork {
  return {
    ...repositories(db),
    transaction: (fn) => db.transaction().execute((trx) => fn(repositories(trx))),
  };
}
