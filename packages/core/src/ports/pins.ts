// The status_pins table: an account's own statuses shown first on its profile.
import type { PageRequest } from '../types/common.ts';
import type { Status } from '../types/statuses.ts';

export interface PinRepository {
  /**
   * Pins the status for the account unless it is pinned already, or the account has `max` pins
   * (then 'limit'); pins of one account are taken one at a time, so two at once cannot pass the limit.
   */
  create(accountId: string, statusId: string, max: number): Promise<'pinned' | 'already' | 'limit'>;
  /** Removes the pin, if any. */
  delete(accountId: string, statusId: string): Promise<void>;
  /** The account's pinned statuses the viewer may see, newest pin first (a page by status id). */
  byAccount(accountId: string, page: PageRequest, viewerId?: string): Promise<Status[]>;
}
