import type { UnitOfWork } from '../ports/unit-of-work.ts';

/** What every service gets from the composition root. */
export interface ServiceDeps {
  uow: UnitOfWork;
  /** The public URL, without a trailing slash; used in rendered links. */
  baseUrl: string;
}
