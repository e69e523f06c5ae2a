// Types every area shares: cursor pages and entries of relation-paged lists.

/** A cursor page request; ids are compared as numbers, newest first (Mastodon's max_id/since_id/min_id). */
export interface PageRequest {
  maxId?: string | undefined;
  sinceId?: string | undefined;
  minId?: string | undefined;
  limit: number;
}

/**
 * An entry of a list paginated by a relation row rather than by the account or status itself:
 * `id` is the follow or favourite row's id, the cursor for max_id/min_id (Mastodon's Link header).
 */
export interface Entry<T> {
  id: string;
  item: T;
}
