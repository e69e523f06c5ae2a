// The tag_follows table: hashtags people follow.
import type { Entry, PageRequest } from '../types/common.ts';
import type { Hashtag } from '../types/search.ts';

export interface TagFollowRepository {
  /** Follows a tag; following it again writes nothing. */
  follow(accountId: string, tagId: string): Promise<void>;
  /** Unfollows a tag; nothing when not followed. */
  unfollow(accountId: string, tagId: string): Promise<void>;
  /** Which of these tags the account follows. */
  followed(accountId: string, tagIds: string[]): Promise<Set<string>>;
  /** The account's followed tags, newest follow first, paged by the follow row's id. */
  list(accountId: string, page: PageRequest): Promise<Entry<Hashtag>[]>;
}
