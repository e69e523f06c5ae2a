// Idempotency-Key storage for the client API (Mastodon's POST /api/v1/statuses), migration 0007.

export interface IdempotencyRepository {
  /**
   * Claims a key for an account inside the current transaction. Returns null when this call claimed
   * it (the caller then records the status), else the first request's status id ('' when that status
   * is gone). A concurrent claim of the same key waits until the first transaction ends. Keys older
   * than a day may be claimed again, as Mastodon forgets them too.
   */
  claim(accountId: string, key: string): Promise<string | null>;
  /** Records the status created under a claimed key. */
  record(accountId: string, key: string, statusId: string): Promise<void>;
}
