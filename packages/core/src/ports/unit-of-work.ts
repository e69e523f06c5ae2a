import type { Repositories } from './repositories.ts';

/** Repositories for reads, and transactions for writes that must happen together. */
export interface UnitOfWork extends Repositories {
  /** Runs fn in one database transaction; everything it writes commits or rolls back together. */
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
}
