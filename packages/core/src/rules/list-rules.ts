// Lists: what a title and a replies policy may be, and how many lists one account may have
// (Mastodon's List model: a title is required; 50 lists per account).
import type { ListRepliesPolicy } from '../types/lists.ts';

export const LIST_REPLIES_POLICIES: readonly ListRepliesPolicy[] = ['followed', 'list', 'none'];
export const LIST_TITLE_MAX = 255;
export const LISTS_PER_ACCOUNT = 50;

/** Mastodon's message (Rails' full message of a blank title), or one for a title over the length. */
export function listTitleError(title: string): string | undefined {
  if (title.trim() === '') return "Title can't be blank";
  if ([...title].length > LIST_TITLE_MAX)
    return `Title is too long (maximum is ${LIST_TITLE_MAX} characters)`;
  return undefined;
}

export function isListRepliesPolicy(value: unknown): value is ListRepliesPolicy {
  return typeof value === 'string' && (LIST_REPLIES_POLICIES as readonly string[]).includes(value);
}
