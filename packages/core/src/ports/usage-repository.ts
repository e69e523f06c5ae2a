// Site-wide counters for the instance and NodeInfo documents.

/** How big and how active the site is. */
export interface Usage {
  /** Accounts that are not suspended. */
  users: number;
  /** Of those, accounts that posted in the last 30 days. */
  activeMonth: number;
  /** Of those, accounts that posted in the last 180 days. */
  activeHalfyear: number;
  /** Statuses of accounts that are not suspended. */
  statuses: number;
}

export interface UsageRepository {
  /** Counts the site's accounts and statuses now. */
  usage(): Promise<Usage>;
}
