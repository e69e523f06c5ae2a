// The mutes table: one account muting another, with or without its notifications, for a while or
// for ever (docs/visibility.md). A mute whose time ran out is no longer in force: every read here
// leaves it out, whether or not housekeeping has deleted it yet.
import type { MutedAccount } from '../types/accounts.ts';
import type { Entry, PageRequest } from '../types/common.ts';
import type { MuteTerms } from '../rules/visibility-rules.ts';

export interface MuteRepository {
  /** Mutes the target with these terms; muting again replaces the terms (the mute keeps its id). */
  set(accountId: string, targetAccountId: string, terms: MuteTerms): Promise<void>;
  /** Removes the mute; false when there was none (or it had run out). */
  delete(accountId: string, targetAccountId: string): Promise<boolean>;
  /** Accounts (not suspended) accountId mutes, newest mute first, by mute id. */
  list(accountId: string, page: PageRequest): Promise<Entry<MutedAccount>[]>;
  /** accountId's mutes in force among the targets. */
  of(accountId: string, targetIds: string[]): Promise<Map<string, MuteTerms>>;
  /** Deletes mutes whose time ran out; returns how many. */
  purgeExpired(now: Date): Promise<number>;
}
