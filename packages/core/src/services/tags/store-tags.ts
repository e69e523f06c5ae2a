import type { Repositories } from '../../ports/repositories.ts';
import { extractHashtags, normalizeTag } from '../../text/tokenize.ts';

/** The distinct normalized hashtags of a status text, in first-seen order. */
export function statusTagNames(text: string): string[] {
  return [...new Set(extractHashtags(text).map(normalizeTag))];
}

/**
 * Stores a status's hashtags inside the caller's transaction: on create, and again on edit (tags
 * no longer in the text are detached, new ones attached).
 */
export async function storeStatusTags(tx: Repositories, statusId: string, text: string): Promise<void> {
  await tx.tags.setForStatus(statusId, statusTagNames(text));
}
