// Lists: named sets of followed accounts with a timeline of their own (Mastodon's List).

/** Which replies a list's timeline shows (Mastodon's `replies_policy`). */
export type ListRepliesPolicy = 'followed' | 'list' | 'none';

export interface List {
  id: string;
  /** The owner: a list is seen only by the account that made it. */
  accountId: string;
  title: string;
  repliesPolicy: ListRepliesPolicy;
  /** Members' statuses are left out of the owner's home timeline. */
  exclusive: boolean;
}

/** What a create or an update sets (an update leaves out what it does not change). */
export interface ListFields {
  title: string;
  repliesPolicy: ListRepliesPolicy;
  exclusive: boolean;
}
