// Filters v2, as Mastodon's (CustomFilter, CustomFilterKeyword, CustomFilterStatus).

/** Where a filter applies: the home timeline, notifications, public and hashtag timelines, threads, profiles. */
export type FilterContext = 'home' | 'notifications' | 'public' | 'thread' | 'account';

/** `warn`: shown behind a warning (the `filtered` field); `hide`: left out. */
export type FilterAction = 'warn' | 'hide';

export interface FilterKeyword {
  id: string;
  filterId: string;
  keyword: string;
  /** Matched only as a whole word (on word boundaries). */
  wholeWord: boolean;
}

export interface FilterStatus {
  id: string;
  filterId: string;
  statusId: string;
}

export interface Filter {
  id: string;
  accountId: string;
  title: string;
  context: FilterContext[];
  action: FilterAction;
  /** When it stops applying; null for never. */
  expiresAt: Date | null;
  keywords: FilterKeyword[];
  statuses: FilterStatus[];
}

/** Why a status matched one of the viewer's filters (Mastodon's FilterResult). */
export interface FilterResult {
  filter: Filter;
  /** The text that matched the filter's keywords, or null. */
  keywordMatches: string[] | null;
  /** The status ids the filter names that matched, or null. */
  statusMatches: string[] | null;
}
