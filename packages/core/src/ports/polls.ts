// The polls and poll_votes tables.

export interface NewPoll {
  statusId: string;
  options: string[];
  multiple: boolean;
  hideTotals: boolean;
  expiresAt: Date;
}

/** What a vote or the closing of a poll is decided on, read with the poll row locked. */
export interface LockedPoll {
  statusId: string;
  authorId: string;
  optionsCount: number;
  multiple: boolean;
  expiresAt: Date;
  closedAt: Date | null;
}

export interface PollRepository {
  /** Stores a status's poll, with no votes. */
  create(poll: NewPoll): Promise<void>;
  /**
   * Replaces a status's poll (an edit); with `resetVotes` every vote is removed first (the options
   * changed, so the votes no longer mean what they meant). It is open again until its new end.
   */
  replace(poll: NewPoll, resetVotes: boolean): Promise<void>;
  /** Removes a status's poll and its votes. */
  delete(statusId: string): Promise<void>;
  /** The poll, its row locked until the transaction ends (votes and closing queue behind it); null when none. */
  lock(statusId: string): Promise<LockedPoll | null>;
  /** Whether the account has voted in the poll. */
  hasVoted(statusId: string, accountId: string): Promise<boolean>;
  /** Records a voter's choices (0-based); false when the account had voted already. */
  vote(statusId: string, accountId: string, choices: number[]): Promise<boolean>;
  /** Marks the poll closed and returns its voters' ids. */
  close(statusId: string): Promise<string[]>;
}
