// Direct conversations (the account_conversations table, as Mastodon's AccountConversation): each
// participant's own row per thread of direct statuses, with the statuses in it and an unread flag.
import type { Entry, PageRequest } from '../types/common.ts';
import type { Conversation } from '../types/conversations.ts';

export interface NewConversationStatus {
  /** The direct status just written. */
  statusId: string;
  authorId: string;
  /** Everyone in it: the author and the accounts it mentions. */
  participantIds: string[];
  /** Whose conversations it joins: the author and the mentioned accounts it reaches. */
  recipientIds: string[];
}

export interface ConversationRepository {
  /**
   * Adds a direct status to each recipient's conversation for its thread (the thread's first status
   * and the other participants identify it), making it unread for everyone but its author.
   */
  addStatus(input: NewConversationStatus): Promise<void>;
  /**
   * The account's conversations, newest status first, paged by the id of the newest status (the
   * entry id, Mastodon's cursor). Statuses are shown as the account may see them.
   */
  list(accountId: string, page: PageRequest): Promise<Entry<Conversation>[]>;
  /** One of the account's conversations, or null. */
  find(accountId: string, id: string): Promise<Conversation | null>;
  /** Marks one of the account's conversations read; false when it has none with this id. */
  markRead(accountId: string, id: string): Promise<boolean>;
  /** Removes one of the account's conversations (from its list only); false when it has none with this id. */
  remove(accountId: string, id: string): Promise<boolean>;
  /** Removes the account's conversations that include the other account (after a block). */
  removeWith(accountId: string, otherAccountId: string): Promise<void>;
}
