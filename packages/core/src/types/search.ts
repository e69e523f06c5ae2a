// Hashtags and search results (docs/product.md §3–§4).
import type { PublicAccount } from './accounts.ts';
import type { Status } from './statuses.ts';

/** A stored hashtag; `name` is normalized (lower case, NFKC). */
export interface Hashtag {
  id: string;
  name: string;
}

/** The statuses of one hashtag, newest first. */
export interface TagTimeline {
  tag: Hashtag | { id: null; name: string };
  statuses: Status[];
}

/** What a search found, each list ranked best first. */
export interface SearchResults {
  accounts: PublicAccount[];
  statuses: Status[];
  hashtags: Hashtag[];
}
