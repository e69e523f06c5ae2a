// Hashtags and search: prefix matches on accounts and tags, full text on statuses.
import type { PublicAccount } from '../types/accounts.ts';
import type { TagDay } from '../types/discovery.ts';
import type { Hashtag } from '../types/search.ts';
import type { Status } from '../types/statuses.ts';

/** One page of a ranked search. */
export interface SearchPage {
  limit: number;
  offset: number;
}

export interface TagRepository {
  /** A tag by normalized name, or null. */
  findByName(name: string): Promise<Hashtag | null>;
  /** Tags whose name starts with the normalized prefix; exact match first. */
  search(prefix: string, page: SearchPage): Promise<Hashtag[]>;
  /** The tag of this normalized name, made when nobody has used it yet. */
  ensure(name: string): Promise<Hashtag>;
  /**
   * Each tag's use on the `days` UTC days up to and including `today`, newest first: statuses
   * (public and unlisted, by active accounts) and distinct accounts per day.
   */
  history(tagIds: string[], days: number, today: Date): Promise<Map<string, TagDay[]>>;
}

export interface SearchRepository {
  /**
   * Active accounts whose username or display name (unless usernameOnly) starts with the term,
   * ignoring case; exact username first; for a viewer, without the accounts blocked either way.
   */
  accounts(
    term: string,
    page: SearchPage,
    options?: { usernameOnly?: boolean; viewerId?: string | undefined },
  ): Promise<PublicAccount[]>;
  /**
   * Statuses matching a web-search style query (websearch_to_tsquery), ranked by ts_rank then
   * newest: public ones, the viewer's own and those that mention the viewer, as the viewer may see
   * them (no blocked or muted authors).
   */
  statuses(query: string, page: SearchPage, viewerId?: string): Promise<Status[]>;
}
