// The text pipeline shared by posting, editing and profile bios: find the mentioned accounts,
// render the HTML (escaped, with links, mentions and hashtags), and list the hashtags.
import type { UnitOfWork } from '../../ports/unit-of-work.ts';
import { renderText } from '../../text/render.ts';
import { extractHashtags, extractMentions, normalizeTag } from '../../text/tokenize.ts';
import type { PublicAccount } from '../../types/accounts.ts';

/** The distinct normalized hashtags of a text, in first-seen order. */
export function statusTagNames(text: string): string[] {
  return [...new Set(extractHashtags(text).map(normalizeTag))];
}

/** Renders text with links to the accounts it mentions that exist and are active. */
export async function renderWithMentions(
  tx: UnitOfWork,
  baseUrl: string,
  text: string,
): Promise<{ html: string; mentioned: PublicAccount[] }> {
  const mentioned = await tx.accounts.findMentionable(extractMentions(text));
  const mentionable = new Map(mentioned.map((a) => [a.username.toLowerCase(), a]));
  return { html: renderText(text, { baseUrl, mentionable }), mentioned };
}

/** What a status stores for its text: HTML, mentioned accounts and hashtags. */
export async function composeStatusText(tx: UnitOfWork, baseUrl: string, text: string) {
  const { html, mentioned } = await renderWithMentions(tx, baseUrl, text);
  // A status of images alone has no text, and no paragraph either (Mastodon's content is "").
  return { html: text ? html : '', mentioned, tags: statusTagNames(text) };
}
